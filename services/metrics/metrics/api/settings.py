from fastapi import APIRouter

from metrics.plans import service
from metrics.plans.schemas import ScheduleRead, ScheduleSettings
from smmkit.deps import TenantDep, UowDep
from smmkit.plans import QUOTA_RESPONSE

router = APIRouter(prefix="/settings", tags=["settings"])


@router.get("/schedule", response_model=ScheduleRead, summary="The engagement polling schedule")
async def get_schedule(tenant_id: TenantDep, uow: UowDep):
    return await service.get(session=uow.session, tenant_id=tenant_id)


@router.put("/schedule", response_model=ScheduleRead, responses=QUOTA_RESPONSE,
            summary="Set own polling bands (none: the plan's); never faster than the plan's fastest band")
async def put_schedule(body: ScheduleSettings, tenant_id: TenantDep, uow: UowDep):
    result = await service.put(session=uow.session, tenant_id=tenant_id, settings_in=body)
    await uow.commit()
    return result
