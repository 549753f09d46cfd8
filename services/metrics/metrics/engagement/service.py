"""Tracking published targets and turning poll results into points and engagement.updated events.

The record path is set-based: a batch of poll results is one SELECT ... FOR UPDATE of the
targets, one INSERT of the new points and one UPDATE of the targets (arrays, not per-row
VALUES lists), plus the outbox rows, all in one transaction. An unchanged reading stores
nothing and emits nothing, so the same poll result twice gives one event.
"""
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert

from metrics.engagement.models import EngagementDaily, EngagementPoint, TrackedTarget
from metrics.engagement.schedule import first_poll_at, next_poll_at
from metrics.plans import service as plans
from smmkit import events as ev
from smmkit import tracing
from smmkit.db import UnitOfWork
from smmkit.problems import NotFound

COUNTERS = ("likes", "reposts", "comments", "views", "clicks")
_T = TrackedTarget.__table__
_P = EngagementPoint.__table__

_INSERT_POINTS = sa.text(
    f"INSERT INTO {_P.schema}.{_P.name} (tenant_id, target_id, observed_at, {', '.join(COUNTERS)}) "
    "SELECT * FROM unnest(CAST(:tenant_ids AS uuid[]), CAST(:target_ids AS uuid[]), "
    "CAST(:observed AS timestamptz[]), " + ", ".join(f"CAST(:{c} AS int[])" for c in COUNTERS) + ")"
).bindparams(sa.bindparam("tenant_ids", type_=ARRAY(UUID(as_uuid=True))),
             sa.bindparam("target_ids", type_=ARRAY(UUID(as_uuid=True))),
             sa.bindparam("observed", type_=ARRAY(sa.DateTime(timezone=True))),
             *(sa.bindparam(c, type_=ARRAY(sa.Integer)) for c in COUNTERS))

_UPDATE_TARGETS = sa.text(
    f"UPDATE {_T.schema}.{_T.name} AS t SET next_poll_at = u.next_poll_at, seq = u.seq, "
    "last_totals = CAST(u.last_totals AS jsonb), deleted = u.deleted, polls = t.polls + u.polls, "
    "polled_by = COALESCE(u.polled_by, t.polled_by), "
    # a good read: the count of failures toward stopping starts over
    "failures = CASE WHEN u.polls > 0 THEN 0 ELSE t.failures END, "
    "last_error_kind = CASE WHEN u.polls > 0 THEN NULL ELSE t.last_error_kind END, "
    "last_error = CASE WHEN u.polls > 0 THEN NULL ELSE t.last_error END "
    "FROM unnest(CAST(:ids AS uuid[]), CAST(:next AS timestamptz[]), CAST(:seqs AS int[]), "
    "CAST(:totals AS text[]), CAST(:deleted AS boolean[]), CAST(:polls AS int[]), CAST(:polled_by AS text[])) "
    "AS u(target_id, next_poll_at, seq, last_totals, deleted, polls, polled_by) WHERE t.target_id = u.target_id"
).bindparams(sa.bindparam("ids", type_=ARRAY(UUID(as_uuid=True))),
             sa.bindparam("next", type_=ARRAY(sa.DateTime(timezone=True))),
             sa.bindparam("seqs", type_=ARRAY(sa.Integer)),
             sa.bindparam("totals", type_=ARRAY(sa.Text)),
             sa.bindparam("deleted", type_=ARRAY(sa.Boolean)),
             sa.bindparam("polls", type_=ARRAY(sa.Integer)),
             sa.bindparam("polled_by", type_=ARRAY(sa.Text)))


_LOCK_TARGETS = select(_T).where(_T.c.target_id == sa.func.any(sa.bindparam("ids", type_=ARRAY(UUID(as_uuid=True))))
                               ).order_by(_T.c.target_id).with_for_update()


@dataclass(frozen=True)
class PollResult:
    target_id: uuid.UUID
    totals: ev.EngagementCounts | None   # None: the network says the post no longer exists
    observed_at: datetime | None = None


async def track(*, uow: UnitOfWork, event: ev.Envelope[ev.PostPublished],
                first_poll_spread: timedelta = timedelta(seconds=10)) -> None:
    p = event.payload
    schedule = (await plans.schedules_for(session=uow.session, tenant_ids={event.tenant_id}))[event.tenant_id]
    await uow.session.execute(pg_insert(TrackedTarget).values(
        target_id=p.target_id, tenant_id=event.tenant_id, account_id=p.account_id, network=p.network,
        external_id=p.external_id, url=p.url, published_at=p.published_at,
        next_poll_at=first_poll_at(p.published_at, p.target_id, schedule, first_poll_spread),
        seq=0, deleted=False, polls=0, traceparent=tracing.current_traceparent(),  # the poller continues it
    ).on_conflict_do_nothing())


async def claim_due(*, uow: UnitOfWork, now: datetime, limit: int, lease: timedelta,
                    held: list[uuid.UUID] = ()) -> list[TrackedTarget]:
    """Targets due for a poll, pushed out by ``lease`` so no other replica polls them in this round;
    a suspended tenant's (``held``) are not polled until it is reactivated, then they are due at once.

    ``SKIP LOCKED`` lets replicas claim concurrently without waiting on each other; a replica that
    dies after claiming simply lets the lease run out, and the targets are due again for everyone.
    """
    rows = list(await uow.session.scalars(
        select(TrackedTarget).where(TrackedTarget.next_poll_at <= now, TrackedTarget.tenant_id.not_in(list(held)))
        .order_by(TrackedTarget.next_poll_at).limit(limit).with_for_update(skip_locked=True)))
    for row in rows:
        row.next_poll_at = now + lease
    await uow.commit()
    return rows


async def defer(*, uow: UnitOfWork, target_ids: list[uuid.UUID], until: datetime) -> None:
    """Try these again at ``until`` (rate-limited, or no read access yet)."""
    if target_ids:
        await uow.session.execute(sa.update(TrackedTarget).where(TrackedTarget.target_id.in_(target_ids))
                                  .where(TrackedTarget.next_poll_at.is_not(None)).values(next_poll_at=until))
    await uow.commit()


def _deltas(previous: dict | None, totals: ev.EngagementCounts) -> ev.EngagementCounts:
    previous = previous or {}
    return ev.EngagementCounts.model_construct(**{
        name: None if getattr(totals, name) is None else getattr(totals, name) - (previous.get(name) or 0)
        for name in COUNTERS
    })


async def record_batch(*, uow: UnitOfWork, results: list[PollResult], now: datetime,
                       polled_by: str | None = None, is_poll: bool = True) -> int:
    """Store what changed for a batch of poll results and emit their events; returns points stored.

    ``is_poll=False`` (webhook pushes): the target's polling schedule and poll count stay as they are.
    """
    ids = sorted({r.target_id for r in results})
    if not ids:
        return 0
    targets = {row.target_id: dict(row._mapping) for row in await uow.session.execute(_LOCK_TARGETS, {"ids": ids})}
    schedules = await plans.schedules_for(session=uow.session, tenant_ids={t["tenant_id"] for t in targets.values()})
    points: dict[str, list] = {k: [] for k in ("tenant_ids", "target_ids", "observed", *COUNTERS)}
    touched: dict[uuid.UUID, int] = {}
    for result in results:
        t = targets.get(result.target_id)
        if t is None or t["deleted"] or (is_poll and t["stopped_at"] is not None):
            continue  # a read that was in flight when its account stopped: the stop stands
        at = result.observed_at or now
        touched[t["target_id"]] = touched.get(t["target_id"], 0) + (1 if is_poll else 0)
        if result.totals is None:  # deleted on the network: one last event, then no more polls
            t.update(deleted=True, next_poll_at=None, seq=t["seq"] + 1)
            uow.emit(_event(t, ev.EngagementCounts(**(t["last_totals"] or {})), ev.EngagementCounts(), at, True))
            continue
        if is_poll:
            t["next_poll_at"] = next_poll_at(t["published_at"], now, schedules[t["tenant_id"]], t["target_id"])
        current = result.totals.model_dump()
        if current != t["last_totals"]:
            for key, value in (("tenant_ids", t["tenant_id"]), ("target_ids", t["target_id"]), ("observed", at),
                               *current.items()):
                points[key].append(value)
            t["seq"] += 1
            with tracing.span("engagement polled" if is_poll else "engagement pushed", parent=t["traceparent"],
                              attributes={"smm.target_id": str(t["target_id"])}):
                uow.emit(_event(t, result.totals, _deltas(t["last_totals"], result.totals), at, False))
            t["last_totals"] = current
    if points["target_ids"]:
        await uow.session.execute(_INSERT_POINTS, points)
    if touched:
        rows = [targets[i] for i in touched]
        await uow.session.execute(_UPDATE_TARGETS, {
            "ids": [r["target_id"] for r in rows], "next": [r["next_poll_at"] for r in rows],
            "seqs": [r["seq"] for r in rows],
            "totals": [None if r["last_totals"] is None else json.dumps(r["last_totals"]) for r in rows],
            "deleted": [r["deleted"] for r in rows], "polls": [touched[r["target_id"]] for r in rows],
            "polled_by": [polled_by if is_poll else None] * len(rows)})
    await uow.commit()
    return len(points["target_ids"])


async def record_poll(*, uow: UnitOfWork, target_id: uuid.UUID, totals: ev.EngagementCounts | None,
                      now: datetime, polled_by: str | None = None) -> None:
    """One poll result (``None``: deleted on the network); see ``record_batch``."""
    await record_batch(uow=uow, results=[PollResult(target_id, totals)], now=now, polled_by=polled_by)


def _event(target: dict, totals, deltas, now: datetime, deleted: bool) -> ev.Envelope:
    return ev.new_event(ev.EngagementUpdated(
        target_id=target["target_id"], account_id=target["account_id"], network=target["network"], seq=target["seq"],
        observed_at=now, totals=totals, deltas=deltas, deleted=deleted,
    ), tenant_id=target["tenant_id"])


async def get_target(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID) -> TrackedTarget:
    target = await uow.session.scalar(select(TrackedTarget).where(
        TrackedTarget.tenant_id == tenant_id, TrackedTarget.target_id == target_id))
    if target is None:
        raise NotFound(f"target {target_id} is not tracked")
    return target


async def history(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID):
    """The target and its points: daily points (downsampled, older) then raw points, by time."""
    target = await get_target(uow=uow, tenant_id=tenant_id, target_id=target_id)
    daily = list(await uow.session.scalars(select(EngagementDaily).where(
        EngagementDaily.tenant_id == tenant_id, EngagementDaily.target_id == target_id
    ).order_by(EngagementDaily.day)))
    raw = list(await uow.session.scalars(select(EngagementPoint).where(
        EngagementPoint.tenant_id == tenant_id, EngagementPoint.target_id == target_id
    ).order_by(EngagementPoint.observed_at)))
    return target, sorted([*daily, *raw], key=lambda p: p.observed_at)


_DOWNSAMPLE = sa.text(f"""
WITH moved AS (
    DELETE FROM {_P.schema}.{_P.name} WHERE id IN (
        SELECT id FROM {_P.schema}.{_P.name} WHERE observed_at < :cutoff ORDER BY observed_at LIMIT :limit)
    RETURNING tenant_id, target_id, observed_at, {', '.join(COUNTERS)}
), last_of_day AS (
    SELECT DISTINCT ON (target_id, (observed_at AT TIME ZONE 'UTC')::date)
           target_id, (observed_at AT TIME ZONE 'UTC')::date AS day, tenant_id, observed_at, {', '.join(COUNTERS)}
    FROM moved ORDER BY target_id, (observed_at AT TIME ZONE 'UTC')::date, observed_at DESC
), upserted AS (
    INSERT INTO {_P.schema}.engagement_daily (target_id, day, tenant_id, observed_at, {', '.join(COUNTERS)})
    SELECT * FROM last_of_day
    ON CONFLICT (target_id, day) DO UPDATE SET observed_at = excluded.observed_at,
        {', '.join(f'{c} = excluded.{c}' for c in COUNTERS)}
    WHERE excluded.observed_at > engagement_daily.observed_at
    RETURNING 1
)
SELECT (SELECT count(*) FROM moved) AS moved
""")


async def downsample(*, uow: UnitOfWork, older_than: datetime, limit: int = 50_000) -> int:
    """Fold raw points older than ``older_than`` into one daily point (the day's last reading) per target.

    Counters are running totals, so the last reading of a day is that day's value; one
    statement moves a chunk, and running it again continues where it stopped.
    """
    moved = (await uow.session.execute(_DOWNSAMPLE, {"cutoff": older_than, "limit": limit})).scalar_one()
    await uow.commit()
    return moved


PUSH_COUNTERS = {"reaction": "likes", "like": "likes", "comment": "comments", "share": "reposts"}


async def apply_push(*, uow: UnitOfWork, network: str, external_id: str, item: str, verb: str,
                     now: datetime, held: list[uuid.UUID] = ()) -> int:
    """A webhook push (one reaction/comment/share added or removed) as a point on every target of that post.

    The push moves one counter by one from the last known totals; the next poll brings the
    network's own totals, which win (so a push Facebook redelivers is corrected by that poll).
    The polling schedule is left alone. Returns the number of targets updated. A suspended tenant's
    targets (``held``) are left out: one push carries many tenants' posts, so it is not refused as a whole,
    and the first poll after the reactivation brings the totals.
    """
    counter = PUSH_COUNTERS.get(item)
    if counter is None or verb not in ("add", "remove", "edited"):
        return 0
    if verb == "edited":
        return 0
    rows = list(await uow.session.execute(select(_T.c.target_id, _T.c.last_totals).where(
        _T.c.network == network, _T.c.external_id == external_id, _T.c.deleted.is_(False),
        _T.c.tenant_id.not_in(list(held)))))
    results = []
    for target_id, last in rows:
        totals = dict(last or {})
        totals[counter] = max(0, (totals.get(counter) or 0) + (1 if verb == "add" else -1))
        results.append(PollResult(target_id, ev.EngagementCounts(**totals)))
    if results:
        await record_batch(uow=uow, results=results, now=now, is_poll=False)
    return len(results)
