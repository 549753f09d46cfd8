"""The per-target state machine: received → publishing → published | failed | uncertain.

Every transition is one committed transaction, so a restart resumes where it stopped:
a "publishing" target whose lease ran out was being published by a process that died,
and, like an "uncertain" one, is reconciled with the network before it is tried again.
A target whose attempts run out is checked on the network once more before it is "failed"
(``publishing._last_check``).
"""
import json
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Row, select
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from publisher.accounts.models import AccountCredentials
from publisher.networks import ADAPTERS
from publisher.targets.models import PublishTarget, TargetState
from smmkit import events as ev
from smmkit import tracing
from smmkit.db import UnitOfWork
from smmkit.networks import NetworkError
from smmkit.observability import get_logger
from smmkit.problems import Conflict, DomainError, NotFound
from smmkit.validation import REF_MAX

log = get_logger(__name__)


_targets = PublishTarget.__table__
_credentials = AccountCredentials.__table__
_TARGET_COLUMNS = ", ".join(f"t.{c.name}" for c in _targets.c)  # named, so rows match .columns() by position

# A consumed batch of post.scheduled in one statement (arrays, not a VALUES list per row).
_RECEIVE = sa.text(f"""
INSERT INTO {_targets.schema}.{_targets.name} (target_id, tenant_id, post_id, account_id, network, account_ref, text,
    language, media, links, campaign, pillar, brand_id, scheduled_at, next_attempt_at, state, attempts, traceparent)
SELECT target_id, tenant_id, post_id, account_id, network, account_ref, text, language, media::jsonb, links::jsonb,
    campaign, pillar, brand_id, scheduled_at, scheduled_at, 'received', 0, traceparent
FROM unnest(:target_ids, :tenant_ids, :post_ids, :account_ids, :networks, :account_refs, :texts, :languages, :media,
            :links, :campaigns, :pillars, :brand_ids, :scheduled, :traceparents)
    AS v(target_id, tenant_id, post_id, account_id, network, account_ref, text, language, media, links, campaign,
         pillar, brand_id, scheduled_at, traceparent)
ON CONFLICT DO NOTHING RETURNING target_id
""").bindparams(*(sa.bindparam(name, type_=ARRAY(kind)) for name, kind in (
    ("target_ids", UUID(as_uuid=True)), ("tenant_ids", UUID(as_uuid=True)), ("post_ids", UUID(as_uuid=True)),
    ("account_ids", UUID(as_uuid=True)), ("networks", sa.Text), ("account_refs", sa.Text), ("texts", sa.Text),
    ("languages", sa.Text), ("media", sa.Text), ("links", sa.Text), ("campaigns", sa.Text), ("pillars", sa.Text),
    ("brand_ids", UUID(as_uuid=True)), ("scheduled", sa.DateTime(timezone=True)), ("traceparents", sa.Text))))


async def receive(*, uow: UnitOfWork, event: ev.Envelope[ev.PostScheduled]) -> None:
    """Record a due target once; a repeated delivery (sweeper, redelivery) publishes nothing new.

    Targets are written when the transaction commits, one statement for a consumed batch, each with the
    ``traceparent`` of its handler's span: the publish loop continues that trace."""
    uow.collect("publisher.received_targets", lambda items: _record_received(uow, items)).append(
        (event, tracing.current_traceparent()))


async def _record_received(uow: UnitOfWork, items: list[tuple[ev.Envelope[ev.PostScheduled], str | None]]) -> None:
    events = [event for event, _ in items]
    inserted = set((await uow.session.execute(_RECEIVE, {
        "target_ids": [e.payload.target_id for e in events], "tenant_ids": [e.tenant_id for e in events],
        "post_ids": [e.payload.post_id for e in events], "account_ids": [e.payload.account_id for e in events],
        "networks": [e.payload.network for e in events], "account_refs": [e.payload.account_ref for e in events],
        "texts": [e.payload.text for e in events], "languages": [e.payload.language for e in events],
        "media": [json.dumps([m.model_dump(mode="json") for m in e.payload.media]) for e in events],
        "links": [json.dumps(list(e.payload.links)) for e in events],
        "campaigns": [e.payload.campaign for e in events], "pillars": [e.payload.pillar for e in events],
        "brand_ids": [e.payload.brand_id for e in events], "scheduled": [e.payload.scheduled_at for e in events],
        "traceparents": [traceparent for _, traceparent in items],
    })).scalars())
    for event in events:
        if event.payload.target_id in inserted:
            inserted.discard(event.payload.target_id)   # the same target twice in a batch: the second is a repeat
            continue
        existing = await uow.session.get(PublishTarget, event.payload.target_id)
        if existing is None or existing.tenant_id != event.tenant_id:
            log.warning("post.scheduled for a target owned by another tenant ignored",
                        target_id=str(event.payload.target_id))
            continue
        # The planner asks again because it never heard the outcome: tell it again.
        if existing.state == TargetState.PUBLISHED:
            uow.emit(published_event(existing))
        elif existing.state in (TargetState.FAILED, TargetState.NEEDS_REVIEW):
            uow.emit(failed_event(existing, ev.utcnow()))


@dataclass(frozen=True)
class Claim:
    target_id: uuid.UUID
    reconcile_first: bool  # an earlier attempt may have reached the network
    attempt: int = 1  # 1 for the first try; more is a retry
    # The claimed row (PublishTarget's columns, as claimed) and its account's credentials row, so the
    # worker needs no transaction of its own before publishing (None: the worker loads them).
    target: Row | PublishTarget | None = None
    credentials: Row | AccountCredentials | None = None


FREE_RECOVERIES = 3

# One statement claims a batch: lock ready rows (SKIP LOCKED: replicas take different ones), count
# the attempt, take the lease, and return the rows with the state they had (``was``). A "publishing"
# row whose lease ran out belonged to a worker that died: that attempt carries on, and counts as a
# new one only after FREE_RECOVERIES such takeovers (a target that keeps killing workers).
_CLAIM = sa.text(f"""
WITH ready AS (
    SELECT target_id, state AS was FROM {_targets.schema}.{_targets.name}
    WHERE ((state IN ('received', 'uncertain') AND next_attempt_at <= :now)
       OR (state = 'publishing' AND lease_until < :now))
      AND tenant_id <> ALL(CAST(:held AS uuid[]))  -- a suspended tenant's targets wait for its reactivation
    ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED
)
UPDATE {_targets.schema}.{_targets.name} AS t SET
    recoveries = t.recoveries + CASE WHEN ready.was = 'publishing' THEN 1 ELSE 0 END,
    attempts = t.attempts + CASE WHEN ready.was <> 'publishing' OR t.recoveries + 1 > :free THEN 1 ELSE 0 END,
    state = 'publishing', lease_until = :lease_until
FROM ready WHERE t.target_id = ready.target_id
RETURNING {_TARGET_COLUMNS}, ready.was
""").columns(*_targets.c, sa.column("was"))


async def claim_ready(*, uow: UnitOfWork, now: datetime, limit: int, lease: timedelta,
                      held: list[uuid.UUID] = ()) -> list[Claim]:
    """``held``: suspended tenants, whose targets are not published until they are reactivated."""
    claimed = (await uow.session.execute(_CLAIM, {"now": now, "limit": limit, "free": FREE_RECOVERIES,
                                                  "lease_until": now + lease, "held": list(held)})).all()
    credentials = {c.account_id: c for c in await uow.session.execute(select(_credentials).where(
        _credentials.c.account_id.in_({t.account_id for t in claimed})))} if claimed else {}
    await uow.commit()
    claimed.sort(key=lambda t: t.next_attempt_at)
    return [Claim(t.target_id, t.was in (TargetState.UNCERTAIN, TargetState.PUBLISHING), t.attempts + t.recoveries,
                  t, credentials.get(t.account_id)) for t in claimed]


async def get(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID) -> PublishTarget:
    target = await uow.session.scalar(select(PublishTarget).where(
        PublishTarget.tenant_id == tenant_id, PublishTarget.target_id == target_id))
    if target is None:
        raise NotFound(f"target {target_id} not found")
    return target


_PUBLISHED = sa.text(f"""
WITH locked AS (
    SELECT target_id FROM {_targets.schema}.{_targets.name}
    WHERE target_id = ANY(:ids) AND state <> 'published' ORDER BY target_id FOR UPDATE
)
UPDATE {_targets.schema}.{_targets.name} AS t SET
    state = 'published', external_id = v.external_id, url = v.url, published_at = :now,
    lease_until = NULL, error_kind = NULL, last_error = NULL
FROM locked JOIN unnest(:ids, :external_ids, :urls) AS v(target_id, external_id, url) USING (target_id)
WHERE t.target_id = locked.target_id
RETURNING {_TARGET_COLUMNS}
""").bindparams(sa.bindparam("ids", type_=ARRAY(UUID(as_uuid=True))),
                sa.bindparam("external_ids", type_=ARRAY(sa.Text)),
                sa.bindparam("urls", type_=ARRAY(sa.Text))).columns(*_targets.c)


async def record_published(*, uow: UnitOfWork, results: list[tuple[uuid.UUID, str, str]],
                           now: datetime) -> dict[uuid.UUID, Row | None]:
    """Mark targets published, given (target id, external id, URL) each, and emit post.published for
    each, in one transaction. A target that already was published maps to None; one listed twice is
    recorded with its first result. Rows are locked in one order (target id) on every
    replica, so two recording overlapping groups cannot deadlock."""
    first = {target_id: (external_id, url) for target_id, external_id, url in reversed(results)}
    ids = list(first)
    updated = {row.target_id: row for row in await uow.session.execute(_PUBLISHED, {
        "ids": ids, "external_ids": [first[i][0] for i in ids], "urls": [first[i][1] for i in ids], "now": now})}
    for row in updated.values():
        with tracing.span(f"published {row.network}", parent=row.traceparent,
                          attributes={"smm.target_id": str(row.target_id)}):
            uow.emit(published_event(row))
    await uow.commit()
    return {target_id: updated.get(target_id) for target_id, _, _ in results}


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_s: float
    max_s: float
    # Transient errors are retried for at least this long from when the target's turn came (due, or received
    # if later), however many attempts that takes: five attempts are over in ~30 s, and a network answering
    # 5xx for a minute failed every post due in it (found by tests/chaos). 0: attempts alone decide.
    for_s: float = 0.0

    def backoff(self, attempts: int) -> timedelta:
        """Exponential with full jitter, so a burst of failures does not retry in lock-step."""
        ceiling = min(self.max_s, self.base_s * 2 ** max(0, attempts - 1))
        return timedelta(seconds=random.uniform(ceiling / 2, ceiling))

    def exhausted(self, target: "PublishTarget", now: datetime) -> bool:
        """No retry left for a transient or uncertain error: enough attempts, and the retry period is over."""
        if target.attempts < self.max_attempts:
            return False
        started = max(target.scheduled_at, target.received_at or target.scheduled_at)
        return now >= started + timedelta(seconds=self.for_s)


async def defer(*, uow: UnitOfWork, target_id: uuid.UUID, until: datetime, unreconciled: bool,
                reason: str) -> bool:
    """Put a claimed target back until ``until`` without counting an attempt (a rate-limit wait).

    ``unreconciled``: an earlier attempt may have reached the network and nobody has checked yet,
    so the target stays "uncertain" and is reconciled when its turn comes again.
    """
    target = await uow.session.get(PublishTarget, target_id, with_for_update=True)
    if target.state != TargetState.PUBLISHING:
        return False
    target.state = TargetState.UNCERTAIN if unreconciled else TargetState.RECEIVED
    target.attempts = max(0, target.attempts - 1)
    target.next_attempt_at, target.lease_until = until, None
    target.error_kind, target.last_error = "rate_limited", reason[:500]
    await uow.commit()
    return True


async def record_error(*, uow: UnitOfWork, target_id: uuid.UUID, error: NetworkError, now: datetime,
                       policy: RetryPolicy, unreconciled: bool = False, can_reconcile: bool = True) -> PublishTarget:
    """Decide what a network error means for the target; emit post.failed only when it is final.

    ``unreconciled``: the error came before an earlier attempt was reconciled, so the target must
    stay "uncertain". ``can_reconcile`` False: the network cannot be asked whether the post exists
    (Telegram), so an uncertain outcome is parked for a person ("needs_review"), never retried.
    """
    target = await uow.session.get(PublishTarget, target_id, with_for_update=True)
    if target.state != TargetState.PUBLISHING:
        return target
    target.error_kind, target.last_error, target.lease_until = error.kind, error.message[:500], None
    if error.kind == "rate_limited":
        # Not a failure: wait exactly as long as the network said.
        target.state = TargetState.UNCERTAIN if unreconciled else TargetState.RECEIVED
        target.attempts = max(0, target.attempts - 1)
        target.next_attempt_at = now + timedelta(seconds=error.retry_after_s or 60)
    elif error.kind == "uncertain" and not can_reconcile:
        target.state = TargetState.NEEDS_REVIEW
        _emit_failed(uow, target, now)
    elif error.kind in ("transient", "uncertain") and not policy.exhausted(target, now):
        uncertain = error.kind == "uncertain" or unreconciled
        target.state = TargetState.UNCERTAIN if uncertain else TargetState.RECEIVED
        target.next_attempt_at = now + policy.backoff(target.attempts)
    else:
        target.state = TargetState.FAILED
        _emit_failed(uow, target, now)
    await uow.commit()
    return target


def _emit_failed(uow: UnitOfWork, target: PublishTarget, now: datetime) -> None:
    """post.failed, in the trace the target came with (``smmkit.tracing``)."""
    with tracing.span(f"failed {target.network}", parent=target.traceparent,
                      attributes={"smm.target_id": str(target.target_id), "smm.error_kind": target.error_kind or ""}):
        uow.emit(failed_event(target, now))


def published_event(t: PublishTarget) -> ev.Envelope:
    return ev.new_event(ev.PostPublished(
        target_id=t.target_id, post_id=t.post_id, account_id=t.account_id, network=t.network,
        external_id=t.external_id, url=t.url, scheduled_at=t.scheduled_at, published_at=t.published_at,
        campaign=t.campaign, pillar=t.pillar, brand_id=t.brand_id,
    ), tenant_id=t.tenant_id)


async def resolve(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID, outcome: str,
                  url: str | None, external_id: str | None, now: datetime) -> PublishTarget:
    """A person looked at the network: the post is there (``published``, with its URL) or not (``retry``)."""
    target = await uow.session.scalar(select(PublishTarget).where(
        PublishTarget.tenant_id == tenant_id, PublishTarget.target_id == target_id).with_for_update())
    if target is None:
        raise NotFound(f"target {target_id} not found")
    if target.state != TargetState.NEEDS_REVIEW:
        raise Conflict(f"target {target_id} is {target.state}; only a target that needs review can be resolved",
                       state=target.state)
    if outcome == "published":
        if not url:
            raise DomainError("marking a target published needs the post's URL")
        external_id = external_id or url.rstrip("/").rsplit("/", 1)[-1]
        if not external_id or len(external_id) > REF_MAX:
            # post.published carries it as a bounded Ref: an id we cannot send is refused here, not in the relay
            raise DomainError("cannot take the post's id from its URL: give external_id")
        target.state, target.url = TargetState.PUBLISHED, url
        target.external_id = external_id
        target.published_at, target.error_kind, target.last_error = now, None, None
        uow.emit(published_event(target))
    else:
        # A person checked that the post is absent: a fresh start, as if just received.
        target.state, target.attempts, target.next_attempt_at = TargetState.RECEIVED, 0, now
        target.error_kind, target.last_error = None, None
    await uow.commit()
    return target


_REVIEW_REASON = ("The network may or may not have the post, and it cannot be checked automatically "
                  "(a Telegram bot cannot read its channel's history). It will not be retried on its own: "
                  "look at the channel, then mark the target published with the post's URL, or retry it")
# A network that can be read back, but the check after the last attempt failed as well.
_UNCHECKED_REASON = ("The network never confirmed the post, and reading the account back to check for it failed "
                     "as well, so it may or may not be there. It will not be retried on its own: look at the "
                     "account, then mark the target published with the post's URL, or retry it")

_REASONS = {
    "auth_expired": "The account must be reconnected: the network rejected its credentials.",
    "invalid": "The network rejected the post as invalid",
    "transient": "The network kept failing; gave up after the configured attempts",
    "uncertain": "The network never confirmed the post; gave up after the configured attempts",
    "rate_limited": "Rate limited by the network",
}


def failed_event(t: PublishTarget, now: datetime) -> ev.Envelope:
    kind = t.error_kind or "invalid"
    if t.state == TargetState.NEEDS_REVIEW:
        adapter = ADAPTERS.get(t.network)
        reason = _REVIEW_REASON if adapter is None or not adapter.can_reconcile else _UNCHECKED_REASON
    else:
        reason = _REASONS.get(kind, "Publishing failed")
    if t.last_error:
        reason = f"{reason}: {t.last_error}"
    return ev.new_event(ev.PostFailed(
        target_id=t.target_id, post_id=t.post_id, account_id=t.account_id, network=t.network,
        error_kind=kind, reason=reason, failed_at=now,
    ), tenant_id=t.tenant_id)
