"""The tenant's plan (``GET /plan``) and the operator's plans and assignments (``/admin/...``)."""
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from planner.plans import service
from planner.plans.schemas import TenantPlanRead
from smmkit import plans
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.pagination import Page, PageDep
from smmkit.plans import PlanAssign, PlanLimits, PlanName, PlanRead
from smmkit.tenancy import require_operator

router = APIRouter(tags=["plan"])


@router.get("/plan", response_model=TenantPlanRead, summary="The tenant's plan, its limits and what it uses of them")
async def get_plan(tenant_id: TenantDep, uow: UowDep):
    return await service.read(session=uow.session, tenant_id=tenant_id)


admin_router = APIRouter(prefix="/admin", tags=["operator admin"], dependencies=[Depends(require_operator)])
PlanPath = Annotated[PlanName, Path()]


@admin_router.get("/plans", response_model=Page[PlanRead], summary="List the plans by name (operator; one page)")
async def admin_list_plans(runtime: RuntimeDep, page: PageDep):
    return await plans.list_plans(engine=runtime.db.engine, page=page)


@admin_router.put("/plans/{plan_name}", response_model=PlanRead,
                  summary="Create a plan or replace its limits; its tenants have them at once (operator)")
async def admin_put_plan(plan_name: PlanPath, body: PlanLimits, runtime: RuntimeDep):
    return await plans.put_plan(engine=runtime.db.engine, name=plan_name, limits=body)


@admin_router.get("/tenants/{tenant_id}/plan", response_model=TenantPlanRead,
                  summary="A tenant's plan and what it uses of it (operator)")
async def admin_get_tenant_plan(tenant_id: uuid.UUID, uow: UowDep):
    return await service.read(session=uow.session, tenant_id=tenant_id)


@admin_router.put("/tenants/{tenant_id}/plan", response_model=TenantPlanRead,
                  summary="Assign a plan to a tenant; it applies at once (the rate limit within seconds) (operator)")
async def admin_assign_plan(tenant_id: uuid.UUID, body: PlanAssign, uow: UowDep, runtime: RuntimeDep):
    return await service.assign(engine=runtime.db.engine, session=uow.session, tenant_id=tenant_id, plan=body.plan)
