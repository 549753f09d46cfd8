"""The operator's read of one tenant's usage on one service: ``GET /admin/tenants/{id}/usage``.

Every service answers with its own API calls plus what its tables count (``smmkit.usage``); the web
app's operator console adds the four answers up.
"""
from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from smmkit import usage
from smmkit.problems import DomainError
from smmkit.tenancy import require_operator
from smmkit.validation import Day

router = APIRouter(prefix="/admin/tenants", tags=["operator admin"], dependencies=[Depends(require_operator)])


class UsageDay(BaseModel):
    day: date
    api_calls: int = Field(ge=0)
    posts_published: int | None = Field(None, ge=0, description="Targets published that day (publisher)")
    orders_ingested: int | None = Field(None, ge=0, description="Orders placed that day (attribution)")
    tracked_clicks: int | None = Field(None, ge=0, description="Human clicks on tracked links (attribution)")
    active_accounts: int | None = Field(None, ge=0, description="Accounts the tenant had at the day's end (planner)")


class UsageRead(BaseModel):
    tenant_id: uuid.UUID
    service: str
    since: date
    until: date
    days: list[UsageDay]


class BadRange(DomainError):
    status = 422
    title = "Invalid date range"


@router.get("/{tenant_id}/usage", response_model=UsageRead,
            summary="A tenant's usage per day (UTC) on this service, from since to until inclusive")
async def tenant_usage(tenant_id: uuid.UUID, since: Day, until: Day, request: Request) -> UsageRead:
    if until < since:
        raise BadRange("until is before since", field="until")
    if (until - since).days >= usage.MAX_SPAN_DAYS:
        raise BadRange(f"at most {usage.MAX_SPAN_DAYS} days at once", field="until")
    runtime = request.app.state.runtime
    calls = await usage.api_calls(runtime.redis, runtime.name, tenant_id, since, until)
    counted: dict[str, dict[date, int]] = {}
    if (source := getattr(request.app.state, "usage_source", None)) is not None:
        async with runtime.db.uow() as uow:
            counted = await source(uow.session, tenant_id, since, until)
    return UsageRead(tenant_id=tenant_id, service=runtime.name, since=since, until=until, days=[
        UsageDay(day=day, api_calls=calls[day], **{metric: n.get(day, 0) for metric, n in counted.items()}) for day in usage.days(since, until)])
