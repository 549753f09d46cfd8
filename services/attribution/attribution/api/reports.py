from fastapi import APIRouter
from pydantic import AwareDatetime

from attribution.reports import service
from attribution.reports.schemas import RevenueReport, TargetRevenue
from smmkit.deps import TenantDep, UowDep

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/posts", response_model=RevenueReport)
async def revenue_by_post(tenant_id: TenantDep, uow: UowDep, model: str = "last_touch",
                          since: AwareDatetime | None = None, until: AwareDatetime | None = None):
    rows = await service.revenue_by_target(uow=uow, tenant_id=tenant_id, model=model, since=since, until=until)
    return RevenueReport(model=model, rows=[TargetRevenue(**r) for r in rows])
