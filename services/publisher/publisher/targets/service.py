"""The per-target state machine: received → publishing → published | failed | uncertain.

Every transition is one committed transaction, so a restart resumes where it stopped:
a "publishing" target whose lease ran out was being published by a process that died,
and, like an "uncertain" one, is reconciled with the network before it is tried again.
"""
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from publisher.targets.models import PublishTarget, TargetState
from smmkit import events as ev
from smmkit.db import UnitOfWork
from smmkit.networks import NetworkError
from smmkit.observability import get_logger
from smmkit.problems import NotFound

log = get_logger(__name__)


async def receive(*, uow: UnitOfWork, event: ev.Envelope[ev.PostScheduled]) -> None:
    """Record a due target once; a repeated delivery (sweeper, redelivery) publishes nothing new."""
    p = event.payload
    inserted = await uow.session.scalar(
        pg_insert(PublishTarget).values(
            target_id=p.target_id, tenant_id=event.tenant_id, post_id=p.post_id, account_id=p.account_id,
            network=p.network, account_ref=p.account_ref, text=p.text,
            media=[m.model_dump() for m in p.media], links=list(p.links), campaign=p.campaign, pillar=p.pillar,
            brand_id=p.brand_id, scheduled_at=p.scheduled_at, next_attempt_at=p.scheduled_at,
        ).on_conflict_do_nothing().returning(PublishTarget.target_id))
    if inserted is not None:
        return
    existing = await uow.session.get(PublishTarget, p.target_id)
    if existing is None or existing.tenant_id != event.tenant_id:
        log.warning("post.scheduled for a target owned by another tenant ignored", target_id=str(p.target_id))
        return
    # The planner asks again because it never heard the outcome: tell it again.
    if existing.state == TargetState.PUBLISHED:
        uow.emit(published_event(existing))
    elif existing.state == TargetState.FAILED:
        uow.emit(failed_event(existing, ev.utcnow()))


@dataclass(frozen=True)
class Claim:
    target_id: uuid.UUID
    reconcile_first: bool  # an earlier attempt may have reached the network


async def claim_ready(*, uow: UnitOfWork, now: datetime, limit: int, lease: timedelta) -> list[Claim]:
    stmt = (
        select(PublishTarget)
        .where(or_(
            and_(PublishTarget.state.in_((TargetState.RECEIVED, TargetState.UNCERTAIN)),
                 PublishTarget.next_attempt_at <= now),
            and_(PublishTarget.state == TargetState.PUBLISHING, PublishTarget.lease_until < now),
        ))
        .order_by(PublishTarget.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claims = []
    for target in await uow.session.scalars(stmt):
        claims.append(Claim(target.target_id, target.state in (TargetState.UNCERTAIN, TargetState.PUBLISHING)))
        target.state = TargetState.PUBLISHING
        target.lease_until = now + lease
        target.attempts += 1
    await uow.commit()
    return claims


async def get(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID) -> PublishTarget:
    target = await uow.session.scalar(select(PublishTarget).where(
        PublishTarget.tenant_id == tenant_id, PublishTarget.target_id == target_id))
    if target is None:
        raise NotFound(f"target {target_id} not found")
    return target


async def record_published(*, uow: UnitOfWork, target_id: uuid.UUID, external_id: str, url: str,
                           now: datetime) -> None:
    target = await uow.session.get(PublishTarget, target_id, with_for_update=True)
    if target.state == TargetState.PUBLISHED:
        return
    target.state, target.external_id, target.url = TargetState.PUBLISHED, external_id, url
    target.published_at, target.lease_until, target.error_kind, target.last_error = now, None, None, None
    uow.emit(published_event(target))
    await uow.commit()


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_s: float
    max_s: float

    def backoff(self, attempts: int) -> timedelta:
        """Exponential with full jitter, so a burst of failures does not retry in lock-step."""
        ceiling = min(self.max_s, self.base_s * 2 ** max(0, attempts - 1))
        return timedelta(seconds=random.uniform(ceiling / 2, ceiling))


async def record_error(*, uow: UnitOfWork, target_id: uuid.UUID, error: NetworkError, now: datetime,
                       policy: RetryPolicy) -> PublishTarget:
    """Decide what a network error means for the target; emit post.failed only when it is final."""
    target = await uow.session.get(PublishTarget, target_id, with_for_update=True)
    if target.state != TargetState.PUBLISHING:
        return target
    target.error_kind, target.last_error, target.lease_until = error.kind, error.message[:500], None
    if error.kind == "rate_limited":
        # Not a failure: wait exactly as long as the network said.
        target.state = TargetState.RECEIVED
        target.attempts -= 1
        target.next_attempt_at = now + timedelta(seconds=error.retry_after_s or 60)
    elif error.kind in ("transient", "uncertain") and target.attempts < policy.max_attempts:
        target.state = TargetState.UNCERTAIN if error.kind == "uncertain" else TargetState.RECEIVED
        target.next_attempt_at = now + policy.backoff(target.attempts)
    else:
        target.state = TargetState.FAILED
        uow.emit(failed_event(target, now))
    await uow.commit()
    return target


def published_event(t: PublishTarget) -> ev.Envelope:
    return ev.new_event(ev.PostPublished(
        target_id=t.target_id, post_id=t.post_id, account_id=t.account_id, network=t.network,
        external_id=t.external_id, url=t.url, scheduled_at=t.scheduled_at, published_at=t.published_at,
        campaign=t.campaign, pillar=t.pillar, brand_id=t.brand_id,
    ), tenant_id=t.tenant_id)


_REASONS = {
    "auth_expired": "The account must be reconnected: the network rejected its credentials.",
    "invalid": "The network rejected the post as invalid",
    "transient": "The network kept failing; gave up after the configured attempts",
    "uncertain": "The network never confirmed the post; gave up after the configured attempts",
    "rate_limited": "Rate limited by the network",
}


def failed_event(t: PublishTarget, now: datetime) -> ev.Envelope:
    kind = t.error_kind or "invalid"
    reason = _REASONS.get(kind, "Publishing failed")
    if t.last_error:
        reason = f"{reason}: {t.last_error}"
    return ev.new_event(ev.PostFailed(
        target_id=t.target_id, post_id=t.post_id, account_id=t.account_id, network=t.network,
        error_kind=kind, reason=reason, failed_at=now,
    ), tenant_id=t.tenant_id)
