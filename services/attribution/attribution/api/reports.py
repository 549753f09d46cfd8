import uuid
from typing import Literal

from fastapi import APIRouter

from attribution import credit
from attribution.engagement import service as engagement
from attribution.reports import service
from attribution.reports.schemas import ChannelsReport, RevenueReport, RoiReport, TargetRevenue
from smmkit.deps import TenantDep, UowDep
from smmkit.validation import CurrencyCode, Day, Moment

router = APIRouter(prefix="/reports", tags=["reports"])
Level = Literal["post", "target", "network", "account", "campaign", "pillar", "brand", "channel"]
Model = Literal[credit.MODELS]  # listed in the OpenAPI document; anything else is a 422 naming them


@router.get("/posts", response_model=RevenueReport, summary="Revenue attributed per post")
async def revenue_by_post(tenant_id: TenantDep, uow: UowDep, model: Model = "last_touch",
                          since: Moment | None = None, until: Moment | None = None):
    rows = await service.revenue_by_target(uow=uow, tenant_id=tenant_id, model=model, since=since,
                                           until=until)
    return RevenueReport(model=model, rows=[TargetRevenue(**r) for r in rows])


@router.get("/roi", response_model=RoiReport)
async def roi(tenant_id: TenantDep, uow: UowDep, level: Level = "campaign", model: Model = "last_touch",
              since: Moment | None = None, until: Moment | None = None):
    """Revenue, orders, customers, ROAS, ROMI, ROI and CAC per post / target / network / account / campaign /
    pillar / brand / channel and currency, under any model; null ratios where the cost is 0. Touches that are
    not our tracked posts (site visits from search, email, ...) appear as lines ``channel:<name>`` at the
    levels other than ``channel``."""
    return await service.roi_report(uow=uow, tenant_id=tenant_id, level=level, model=model, since=since,
                                    until=until)


@router.get("/channels", response_model=ChannelsReport, summary="SMM's share of revenue beside the other channels")
async def channels(tenant_id: TenantDep, uow: UowDep, model: Model = "last_touch", since: Moment | None = None,
                   until: Moment | None = None):
    """Revenue, share and orders per channel and currency; per currency revenue from posts, SMM revenue and
    share, revenue and orders SMM influenced, and those it assisted (the last non-direct touch was another
    channel)."""
    return await service.channels_report(uow=uow, tenant_id=tenant_id, model=model, since=since, until=until)


@router.get("/selling")
async def selling(tenant_id: TenantDep, uow: UowDep, since: Day, until: Day, brand_id: uuid.UUID | None = None,
                  measure: Literal["orders", "revenue"] = "revenue", currency: CurrencyCode | None = None) -> dict:
    """"Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality."""
    return await engagement.selling_report(uow=uow, tenant_id=tenant_id, brand_id=brand_id, since=since,
                                           until=until, measure=measure, currency=currency)
