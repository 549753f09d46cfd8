"""Tracking published targets and turning poll results into points and engagement.updated events."""
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from metrics.engagement.models import EngagementPoint, TrackedTarget
from metrics.engagement.schedule import next_poll_at
from smmkit import events as ev
from smmkit.db import UnitOfWork
from smmkit.problems import NotFound

COUNTERS = ("likes", "reposts", "comments", "views", "clicks")


async def track(*, uow: UnitOfWork, event: ev.Envelope[ev.PostPublished]) -> None:
    p = event.payload
    await uow.session.execute(pg_insert(TrackedTarget).values(
        target_id=p.target_id, tenant_id=event.tenant_id, account_id=p.account_id, network=p.network,
        external_id=p.external_id, url=p.url, published_at=p.published_at, next_poll_at=p.published_at,
    ).on_conflict_do_nothing())


async def claim_due(*, uow: UnitOfWork, now: datetime, limit: int, lease: timedelta) -> list[TrackedTarget]:
    """Targets due for a poll; pushed out by ``lease`` so no other replica polls them in this round."""
    rows = list(await uow.session.scalars(
        select(TrackedTarget).where(TrackedTarget.next_poll_at <= now)
        .order_by(TrackedTarget.next_poll_at).limit(limit).with_for_update(skip_locked=True)))
    for row in rows:
        row.next_poll_at = now + lease
    await uow.commit()
    return rows


def _deltas(previous: dict | None, totals: ev.EngagementCounts) -> ev.EngagementCounts:
    previous = previous or {}
    return ev.EngagementCounts(**{
        name: None if getattr(totals, name) is None else getattr(totals, name) - (previous.get(name) or 0)
        for name in COUNTERS
    })


async def record_poll(*, uow: UnitOfWork, target_id: uuid.UUID, totals: ev.EngagementCounts | None,
                      now: datetime) -> None:
    """Store a point and emit ``engagement.updated`` only when something changed (a repeat poll is a no-op)."""
    target = await uow.session.get(TrackedTarget, target_id, with_for_update=True)
    if totals is None:  # deleted on the network
        target.deleted, target.next_poll_at = True, None
        target.seq += 1
        uow.emit(_event(target, ev.EngagementCounts(**(target.last_totals or {})), ev.EngagementCounts(), now, True))
    else:
        target.next_poll_at = next_poll_at(target.published_at, now)
        current = totals.model_dump()
        if current != target.last_totals:
            uow.session.add(EngagementPoint(tenant_id=target.tenant_id, target_id=target_id, observed_at=now, **current))
            target.seq += 1
            uow.emit(_event(target, totals, _deltas(target.last_totals, totals), now, False))
            target.last_totals = current
    await uow.commit()


def _event(target: TrackedTarget, totals, deltas, now: datetime, deleted: bool) -> ev.Envelope:
    return ev.new_event(ev.EngagementUpdated(
        target_id=target.target_id, account_id=target.account_id, network=target.network, seq=target.seq,
        observed_at=now, totals=totals, deltas=deltas, deleted=deleted,
    ), tenant_id=target.tenant_id)


async def history(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID):
    target = await uow.session.scalar(select(TrackedTarget).where(
        TrackedTarget.tenant_id == tenant_id, TrackedTarget.target_id == target_id))
    if target is None:
        raise NotFound(f"target {target_id} is not tracked")
    points = list(await uow.session.scalars(select(EngagementPoint).where(
        EngagementPoint.tenant_id == tenant_id, EngagementPoint.target_id == target_id
    ).order_by(EngagementPoint.observed_at)))
    return target, points
