import uuid

from fastapi import APIRouter

from publisher.targets import service
from publisher.targets.schemas import PublishTargetRead
from smmkit.deps import TenantDep, UowDep

router = APIRouter(prefix="/targets", tags=["publishing"])


@router.get("/{target_id}", response_model=PublishTargetRead)
async def get_target(target_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(uow=uow, tenant_id=tenant_id, target_id=target_id)
