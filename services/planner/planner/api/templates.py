import uuid

from fastapi import APIRouter, Response

from planner.api.common import POST_BODY
from planner.templates import service
from planner.templates.schemas import TemplateCreate, TemplateRead
from smmkit.deps import TenantDep, UowDep
from smmkit.pagination import Page, PageDep

router = APIRouter(prefix="/templates", tags=["templates"])


@router.post("", status_code=201, response_model=TemplateRead, openapi_extra=POST_BODY,
             summary="Create a post template")
async def create_template(body: TemplateCreate, tenant_id: TenantDep, uow: UowDep):
    tpl = await service.create(session=uow.session, tenant_id=tenant_id, template_in=body)
    await uow.commit()
    return tpl


@router.get("", response_model=Page[TemplateRead], summary="List post templates by name (one page)")
async def list_templates(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.list_page(session=uow.session, tenant_id=tenant_id, page=page)


@router.get("/{template_id}", response_model=TemplateRead, summary="Get a post template")
async def get_template(template_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(session=uow.session, tenant_id=tenant_id, template_id=template_id)


@router.delete("/{template_id}", status_code=204, summary="Delete a post template")
async def delete_template(template_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    await service.remove(session=uow.session, tenant_id=tenant_id, template_id=template_id)
    await uow.commit()
    return Response(status_code=204)
