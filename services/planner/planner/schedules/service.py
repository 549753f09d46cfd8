"""Posting schedules (weekly slots per account, in its zone), "add to queue", and recurring posts (RRULE).

Slots and rule occurrences are local wall-clock times; each is turned into UTC on its own day with
``timezones.to_utc``, so 09:00 stays 09:00 across a DST change (and 02:30 on a spring-forward day becomes 03:30).
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from itertools import islice

from dateutil.rrule import rrulestr
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from planner.accounts import service as accounts_service
from planner.accounts.models import Account
from planner.plans import service as plan
from planner.posts import service as posts
from planner.posts.models import PostTarget, TargetStatus
from planner.posts.schemas import PostCreate, TargetCreate
from planner.schedules.models import Recurrence, ScheduleSlot
from planner.schedules.schemas import QueueAdd, RecurrenceCreate, SlotsReplace
from planner.timezones import UTC, to_utc, zone
from smmkit.db import UnitOfWork
from smmkit.observability import get_logger
from smmkit.pagination import PageRequest
from smmkit.problems import Conflict, DomainError, NotFound

log = get_logger(__name__)


async def replace_slots(*, uow: UnitOfWork, tenant_id: uuid.UUID, account_id: uuid.UUID,
                        slots_in: SlotsReplace) -> list[ScheduleSlot]:
    await accounts_service.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)
    await uow.session.execute(delete(ScheduleSlot).where(ScheduleSlot.tenant_id == tenant_id,
                                                         ScheduleSlot.account_id == account_id))
    unique = sorted({(s.weekday, s.time) for s in slots_in.slots})
    rows = [ScheduleSlot(tenant_id=tenant_id, account_id=account_id, weekday=d, local_time=t) for d, t in unique]
    uow.session.add_all(rows)
    await uow.session.flush()
    return rows


async def list_slots(*, uow: UnitOfWork, tenant_id: uuid.UUID, account_id: uuid.UUID) -> list[ScheduleSlot]:
    await accounts_service.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)
    return list(await uow.session.scalars(
        select(ScheduleSlot).where(ScheduleSlot.tenant_id == tenant_id, ScheduleSlot.account_id == account_id)
        .order_by(ScheduleSlot.weekday, ScheduleSlot.local_time)))


def slot_instants(slots: list[tuple[int, object]], tz_name: str, start: datetime, weeks: int = 8):
    """UTC instants of weekly local slots from ``start`` on, in order (each resolved on its own day)."""
    tz = zone(tz_name)
    day = start.astimezone(tz).date()
    seen = set()
    for offset in range(weeks * 7 + 1):
        d = day + timedelta(days=offset)
        for weekday, t in sorted(slots, key=lambda s: s[1]):
            if weekday != d.weekday():
                continue
            at = to_utc(datetime.combine(d, t), tz)
            if at >= start and at not in seen:
                seen.add(at)
                yield at


async def next_free_slot(*, uow: UnitOfWork, tenant_id: uuid.UUID, account_id: uuid.UUID,
                         not_before: datetime) -> datetime:
    account = await accounts_service.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)
    slots = [(s.weekday, s.local_time) for s in await list_slots(uow=uow, tenant_id=tenant_id, account_id=account_id)]
    if not slots:
        raise DomainError(f"account {account_id} has no posting slots", rule="no_slots", account_id=str(account_id))
    horizon = not_before + timedelta(weeks=8, days=1)
    taken = set(await uow.session.scalars(
        select(PostTarget.scheduled_at).where(
            PostTarget.tenant_id == tenant_id, PostTarget.account_id == account_id,
            PostTarget.status.in_(TargetStatus.PLANNED),
            PostTarget.scheduled_at >= not_before, PostTarget.scheduled_at < horizon)))
    for at in slot_instants(slots, account.timezone, not_before):
        if at not in taken:
            return at
    raise Conflict(f"no free slot for account {account_id} in the next 8 weeks", account_id=str(account_id))


async def add_to_queue(*, uow: UnitOfWork, tenant_id: uuid.UUID, queue_in: QueueAdd, now: datetime,
                       actor: str = "api") -> list:
    """One post per account, each in that account's next free slot."""
    not_before = queue_in.not_before.astimezone(UTC) if queue_in.not_before else now
    # all the posts or none, and the quota's lock before the accounts' (as posts.create takes them)
    await plan.hold_posts(uow.session, tenant_id, adding=len(queue_in.account_ids))
    created = []
    for account_id in queue_in.account_ids:
        # lock the account row so two concurrent "add to queue" calls cannot take the same slot
        await uow.session.execute(select(Account.id).where(Account.tenant_id == tenant_id, Account.id == account_id)
                                  .with_for_update())
        at = await next_free_slot(uow=uow, tenant_id=tenant_id, account_id=account_id, not_before=not_before)
        post_in = PostCreate(text=queue_in.text, scheduled_at=at, targets=[TargetCreate(account_id=account_id)],
                             campaign=queue_in.campaign, pillar=queue_in.pillar, brand_id=queue_in.brand_id,
                             links=queue_in.links, media=queue_in.media, language=queue_in.language)
        created.append(await posts.create(uow=uow, tenant_id=tenant_id, post_in=post_in, actor=actor))
    return created


# --- recurring posts ------------------------------------------------------------------

def occurrences(rule: str, dtstart_local: datetime, tz_name: str, start: datetime, end: datetime,
                limit: int = 1000) -> list[datetime]:
    """UTC instants of the rule's local occurrences in [start, end), lazily expanded (never the whole rule)."""
    tz = zone(tz_name)
    r = rrulestr(rule, dtstart=dtstart_local)
    # occurrences are naive local times; begin one day early so a zone offset cannot make us miss one
    local_from = start.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
    out = []
    seen = set()
    for local in islice(r.xafter(local_from, inc=True), limit * 2):
        at = to_utc(local, tz)
        if at >= end:
            break
        if at >= start and at not in seen:
            seen.add(at)
            out.append(at)
            if len(out) >= limit:
                break
    return out


async def create_recurrence(*, uow: UnitOfWork, tenant_id: uuid.UUID, rec_in: RecurrenceCreate) -> Recurrence:
    zone(rec_in.timezone)
    try:
        rrulestr(rec_in.rrule, dtstart=rec_in.dtstart)
    except (ValueError, TypeError) as exc:
        raise DomainError(f"invalid RRULE: {exc}", rule="rrule") from None
    await accounts_service.get_many(session=uow.session, tenant_id=tenant_id, account_ids=set(rec_in.account_ids))
    rec = Recurrence(tenant_id=tenant_id, brand_id=rec_in.brand_id, rrule=rec_in.rrule,
                     dtstart_local=rec_in.dtstart, timezone=rec_in.timezone, text=rec_in.text,
                     account_ids=[str(a) for a in rec_in.account_ids], media=[m.model_dump() for m in rec_in.media],
                     links=[str(u) for u in rec_in.links], campaign=rec_in.campaign, pillar=rec_in.pillar,
                     language=rec_in.language)
    uow.session.add(rec)
    await uow.session.flush()
    return rec


async def get_recurrence(*, uow: UnitOfWork, tenant_id: uuid.UUID, recurrence_id: uuid.UUID) -> Recurrence:
    rec = await uow.session.scalar(select(Recurrence).where(Recurrence.tenant_id == tenant_id,
                                                            Recurrence.id == recurrence_id))
    if rec is None:
        raise NotFound(f"recurrence {recurrence_id} not found")
    return rec


async def list_recurrences(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's recurring posts, oldest first."""
    ks = page.keyset(select(Recurrence).where(Recurrence.tenant_id == tenant_id), Recurrence.created_at,
                     Recurrence.id, scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all())


async def stop_recurrence(*, uow: UnitOfWork, tenant_id: uuid.UUID, recurrence_id: uuid.UUID) -> Recurrence:
    rec = await get_recurrence(uow=uow, tenant_id=tenant_id, recurrence_id=recurrence_id)
    rec.active = False
    await uow.session.flush()
    return rec


async def materialize(*, uow: UnitOfWork, now: datetime, horizon: timedelta, limit: int = 50) -> int:
    """Turn the occurrences of active rules up to ``now + horizon`` into scheduled posts (idempotent per
    occurrence: ``uq_posts_occurrence``). Claims rules with SKIP LOCKED so replicas share the work."""
    until = now + horizon
    recs = list(await uow.session.scalars(
        select(Recurrence).where(Recurrence.active,
                                 (Recurrence.materialized_until.is_(None)) | (Recurrence.materialized_until < until))
        .order_by(Recurrence.tenant_id)  # replicas take tenants' quota locks in one order (smmkit.plans.hold)
        .limit(limit).with_for_update(skip_locked=True)))
    made = 0
    for rec in recs:
        start = max(rec.materialized_until or now, now)
        for at in occurrences(rec.rrule, rec.dtstart_local, rec.timezone, start, until, limit=500):
            post_in = PostCreate(text=rec.text, scheduled_at=at, brand_id=rec.brand_id, campaign=rec.campaign,
                                 pillar=rec.pillar, links=rec.links, media=rec.media, language=rec.language,
                                 targets=[TargetCreate(account_id=uuid.UUID(a)) for a in rec.account_ids])
            try:
                async with uow.session.begin_nested():
                    post = await posts.create(uow=uow, tenant_id=rec.tenant_id, post_in=post_in,
                                              actor=f"recurrence:{rec.id}")
                    post.recurrence_id, post.occurrence_at = rec.id, at
                    await uow.session.flush()
                made += 1
            except (DomainError, IntegrityError) as exc:  # a quota full (the network's or the plan's), or already materialized
                log.warning("recurrence occurrence skipped", recurrence_id=str(rec.id), at=at.isoformat(),
                            reason=str(exc)[:200])
        rec.materialized_until = until
    await uow.commit()
    return made
