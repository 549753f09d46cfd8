import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from planner.brands import service as brands
from planner.calendar import service
from planner.calendar.service import Filters
from planner.timezones import local_day_bounds, zone
from smmkit.deps import TenantDep, UowDep
from smmkit.events import utcnow
from smmkit.validation import Day, IanaZone, Label, Network, at_most

router = APIRouter(tags=["calendar"])
From = Annotated[Day, Query(alias="from")]
To = Annotated[Day, Query(alias="to")]


def _filters(brand_id, account_id, network, campaign, pillar, status) -> Filters:
    return Filters(brand_id=brand_id, account_id=account_id, network=network, campaign=campaign, pillar=pillar,
                   status=status)


@router.get("/calendar", summary="Month or week view (or from..to), times and days in `tz`")
async def calendar(tenant_id: TenantDep, uow: UowDep, view: Literal["month", "week"] = "month",
                   date_: Day | None = Query(None, alias="date", description="A day inside the month/week"),
                   start: Annotated[Day | None, Query(alias="from")] = None,
                   end: Annotated[Day | None, Query(alias="to")] = None,
                   tz: IanaZone = "UTC", brand_id: uuid.UUID | None = None, account_id: uuid.UUID | None = None,
                   network: Network | None = None, campaign: Label | None = None, pillar: Label | None = None,
                   status: Label | None = None,
                   per_day: at_most(1000, "List at most this many items per day (each day still has its full "
                                          "count); month view default 50") | None = None):
    if view == "month" and per_day is None and (start is None or end is None):
        per_day = 50
    if start is None or end is None:
        start, end = service.view_range(view, date_ or utcnow().astimezone(zone(tz)).date())
    doc = await service.calendar_json(uow=uow, tenant_id=tenant_id, first=start, last=end, tz_name=tz,
                                      filters=_filters(brand_id, account_id, network, campaign, pillar, status),
                                      per_day=per_day)
    return Response(doc, media_type="application/json")


@router.get("/calendar.ics", summary="iCalendar export of the same range and filters", response_class=Response,
            responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}})
async def calendar_ics(tenant_id: TenantDep, uow: UowDep, start: From, end: To, tz: IanaZone = "UTC",
                       brand_id: uuid.UUID | None = None, account_id: uuid.UUID | None = None,
                       network: Network | None = None, campaign: Label | None = None, pillar: Label | None = None,
                       status: Label | None = None):
    z = zone(tz)
    body = await service.ics(uow=uow, tenant_id=tenant_id, start=local_day_bounds(start, z)[0],
                             end=local_day_bounds(end, z)[1], now=utcnow(),
                             filters=_filters(brand_id, account_id, network, campaign, pillar, status))
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="smm-plan.ics"'})


@router.get("/reports/content-mix", summary="Planned share per pillar vs its target, per week")
async def content_mix(tenant_id: TenantDep, uow: UowDep, start: From, end: To, tz: IanaZone = "UTC",
                      brand_id: uuid.UUID | None = None):
    pillars = await brands.list_pillars(session=uow.session, tenant_id=tenant_id)
    targets = {p.name: p.target_share_pct for p in pillars}
    weeks = await service.content_mix(uow=uow, tenant_id=tenant_id, first=start, last=end, tz_name=tz,
                                      brand_id=brand_id, targets=targets)
    await uow.commit()
    return {"timezone": tz, "from": start, "to": end, "weeks": weeks}
