import uuid

from fastapi import APIRouter

from planner.posts import service
from planner.posts.schemas import PostCreate, PostRead
from smmkit.deps import TenantDep, UowDep

router = APIRouter(prefix="/posts", tags=["posts"])


@router.post("", status_code=201, response_model=PostRead)
async def create_post(body: PostCreate, tenant_id: TenantDep, uow: UowDep):
    post = await service.create(uow=uow, tenant_id=tenant_id, post_in=body)
    await uow.commit()
    return await service.get(uow=uow, tenant_id=tenant_id, post_id=post.id)


@router.get("", response_model=list[PostRead])
async def list_posts(tenant_id: TenantDep, uow: UowDep):
    return await service.list_all(uow=uow, tenant_id=tenant_id)


@router.get("/{post_id}", response_model=PostRead)
async def get_post(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(uow=uow, tenant_id=tenant_id, post_id=post_id)
