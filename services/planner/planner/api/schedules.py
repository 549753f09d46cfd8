import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from planner.api.common import POST_BODY, TzQuery, localize
from planner.api.posts import ActorDep
from planner.posts.schemas import PostRead
from planner.schedules import service
from planner.schedules.schemas import QueueAdd, RecurrenceCreate, RecurrenceRead, SlotRead, SlotsReplace
from planner.timezones import UTC
from smmkit.deps import TenantDep, UowDep
from smmkit.pagination import Page, PageDep
from smmkit.problems import DomainError
from smmkit.events import utcnow
from smmkit.validation import Moment
from smmkit.plans import QUOTA_RESPONSE

router = APIRouter(tags=["schedules"])


@router.put("/accounts/{account_id}/slots", response_model=list[SlotRead],
            summary="Weekly posting slots, local times in the account's zone")
async def replace_slots(account_id: uuid.UUID, body: SlotsReplace, tenant_id: TenantDep, uow: UowDep):
    rows = await service.replace_slots(uow=uow, tenant_id=tenant_id, account_id=account_id, slots_in=body)
    await uow.commit()
    return [SlotRead(weekday=r.weekday, time=r.local_time) for r in rows]


@router.get("/accounts/{account_id}/slots", response_model=list[SlotRead], summary="An account's weekly posting slots")
async def list_slots(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    rows = await service.list_slots(uow=uow, tenant_id=tenant_id, account_id=account_id)
    return [SlotRead(weekday=r.weekday, time=r.local_time) for r in rows]


@router.post("/queue", status_code=201, response_model=list[PostRead], openapi_extra=POST_BODY, responses=QUOTA_RESPONSE,
             summary="Add to queue: one post per account, in its next free slot")
async def add_to_queue(body: QueueAdd, tenant_id: TenantDep, uow: UowDep, who: ActorDep, tz: TzQuery = None):
    created = await service.add_to_queue(uow=uow, tenant_id=tenant_id, queue_in=body, now=utcnow(), actor=who)
    await uow.commit()
    return localize([PostRead.model_validate(p) for p in created], tz)


@router.post("/recurrences", status_code=201, response_model=RecurrenceRead, openapi_extra=POST_BODY,
             summary="Create a recurring post (RFC 5545 rule)")
async def create_recurrence(body: RecurrenceCreate, tenant_id: TenantDep, uow: UowDep):
    rec = await service.create_recurrence(uow=uow, tenant_id=tenant_id, rec_in=body)
    await uow.commit()
    return rec


@router.get("/recurrences", response_model=Page[RecurrenceRead], summary="List recurring posts, oldest first (one page)")
async def list_recurrences(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.list_recurrences(uow=uow, tenant_id=tenant_id, page=page)


# A bounded list, not a paged one: a range holding more is refused rather than cut short (docs/versioning.md).
OCCURRENCES_MAX = 1000


@router.get("/recurrences/{recurrence_id}/occurrences", response_model=list[datetime],
            summary=f"Occurrences in [from, to), expanded on demand (at most {OCCURRENCES_MAX}; more is a 422)")
async def list_occurrences(recurrence_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep,
                           start: Annotated[Moment, Query(alias="from")], end: Annotated[Moment, Query(alias="to")],
                           tz: TzQuery = None):
    rec = await service.get_recurrence(uow=uow, tenant_id=tenant_id, recurrence_id=recurrence_id)
    found = service.occurrences(rec.rrule, rec.dtstart_local, rec.timezone, start.astimezone(UTC),
                                end.astimezone(UTC), limit=OCCURRENCES_MAX + 1)
    if len(found) > OCCURRENCES_MAX:
        raise DomainError(f"[from, to) holds more than {OCCURRENCES_MAX} occurrences; ask a shorter range",
                          field="to", limit=OCCURRENCES_MAX)
    return localize(found, tz)


@router.post("/recurrences/{recurrence_id}/stop", response_model=RecurrenceRead, summary="Stop a recurring post")
async def stop_recurrence(recurrence_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    rec = await service.stop_recurrence(uow=uow, tenant_id=tenant_id, recurrence_id=recurrence_id)
    await uow.commit()
    return rec
