"""Reads that keep failing for a reason retrying cannot fix stop, visibly, until a reconnect.

- "auth_expired" and "invalid" failures are counted per post (and per account for follower
  reads); a good read resets the count. At ``stop_after`` in a row the reads stop: the row keeps
  the network's message, ``smm_metrics_polling_stopped_total`` counts it.
- An auth failure is the account's: when it stops a post (or the follower reads), every other
  post of that account stops with it, and posts tracked later stop at their first turn without
  a call to the network.
- "transient" and "rate_limited" never count: they back off and try again (``metrics.jobs``).
- Putting the account's read credentials again (``metrics.accounts.service.connect``) resumes
  everything of that account that had stopped, with a poll due at once.
"""
import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from prometheus_client import Counter
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from metrics.accounts.models import MetricsAccount
from metrics.engagement.models import TrackedTarget
from metrics.polling.models import StoppingKind
from smmkit.db import UnitOfWork
from smmkit.networks import short

POLLING_STOPPED = Counter(
    "smm_metrics_polling_stopped_total",
    "Posts and accounts whose reads stopped after failures retrying cannot fix (resumed by a reconnect)",
    ["network", "reason_kind", "scope"],
)
POLLING_RESUMED = Counter(
    "smm_metrics_polling_resumed_total", "Stopped posts and accounts resumed by a reconnect", ["network", "scope"])

_T = TrackedTarget.__table__
_A = MetricsAccount.__table__
_UUIDS = ARRAY(UUID(as_uuid=True))

# One statement per batch; the condition reads the row as locked (a reconnect may just have reset it).
# ``account_stopped``: the account is known to be stopped, so the post stops at once, unless a
# reconnect resumed the account since its read access was loaded.
_STOPS = (f"(t.failures + 1 >= :stop_after OR (u.account_stopped AND EXISTS (SELECT 1 FROM {_A.schema}.{_A.name} a "
          "WHERE a.account_id = t.account_id AND a.stopped_at IS NOT NULL)))")
_RECORD_FAILURES = sa.text(f"""
UPDATE {_T.schema}.{_T.name} AS t SET failures = t.failures + 1, last_error_kind = u.kind, last_error = u.message,
       stopped_at = CASE WHEN {_STOPS} THEN CAST(:now AS timestamptz) END,
       next_poll_at = CASE WHEN {_STOPS} THEN NULL ELSE t.next_poll_at END
FROM unnest(CAST(:ids AS uuid[]), CAST(:kinds AS text[]), CAST(:messages AS text[]),
            CAST(:account_stopped AS boolean[])) AS u(target_id, kind, message, account_stopped)
WHERE t.target_id = u.target_id AND t.stopped_at IS NULL AND t.next_poll_at IS NOT NULL
RETURNING t.tenant_id, t.account_id, t.network, u.kind, u.message, t.stopped_at IS NOT NULL AS now_stops
""").bindparams(sa.bindparam("ids", type_=_UUIDS), sa.bindparam("kinds", type_=ARRAY(sa.Text)),
                sa.bindparam("messages", type_=ARRAY(sa.Text)), sa.bindparam("account_stopped", type_=ARRAY(sa.Boolean)))

_STOP_ACCOUNT_TARGETS = sa.text(f"""
UPDATE {_T.schema}.{_T.name} SET stopped_at = :now, last_error_kind = :kind, last_error = :message,
       next_poll_at = NULL
WHERE tenant_id = :tenant_id AND account_id = :account_id AND stopped_at IS NULL AND next_poll_at IS NOT NULL
RETURNING network
""")


@dataclass(frozen=True)
class PollFailure:
    """A post's read failed with a stopping kind; ``account_stopped``: not even tried, the account is stopped."""

    target_id: uuid.UUID
    kind: StoppingKind
    message: str
    account_stopped: bool = False


async def record_failures(*, uow: UnitOfWork, failures: list[PollFailure], now: datetime, stop_after: int) -> None:
    """Count a batch of failed post reads; stop those at ``stop_after`` (and their account on auth)."""
    if not failures:
        return
    rows = (await uow.session.execute(_RECORD_FAILURES, {
        "ids": [f.target_id for f in failures], "kinds": [f.kind for f in failures],
        "messages": [short(f.message) for f in failures], "account_stopped": [f.account_stopped for f in failures],
        "stop_after": stop_after, "now": now})).all()
    stopped = [("post", r.network, r.kind) for r in rows if r.now_stops]
    for r in {(r.tenant_id, r.account_id): r for r in rows if r.now_stops and r.kind == "auth_expired"}.values():
        stopped += await _stop_account(uow.session, r.tenant_id, r.account_id, r.network, r.kind, r.message, now)
    await uow.commit()
    _count_stopped(stopped)


async def record_account_failure(*, uow: UnitOfWork, account_id: uuid.UUID, kind: StoppingKind, message: str,
                                 now: datetime, stop_after: int, retry_at: datetime) -> None:
    """Count a failed follower read of the account: try again at ``retry_at``, or stop at ``stop_after``."""
    row = await uow.session.get(MetricsAccount, account_id, with_for_update=True)
    stopped: list[tuple[str, str, str]] = []
    if row is not None and row.stopped_at is None:
        row.failures += 1
        row.last_error_kind, row.last_error, row.next_followers_at = kind, short(message), retry_at
        if row.failures >= stop_after:
            stopped = await _stop_account(uow.session, row.tenant_id, account_id, row.network, kind, row.last_error,
                                          now)
    await uow.commit()
    _count_stopped(stopped)


async def _stop_account(session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID, network: str,
                        kind: str, message: str, now: datetime) -> list[tuple[str, str, str]]:
    """Stop the account's follower reads, and on an auth failure all of its posts' reads."""
    stopped = []
    if (await session.execute(sa.update(MetricsAccount).where(
            MetricsAccount.account_id == account_id, MetricsAccount.stopped_at.is_(None)).values(
            stopped_at=now, last_error_kind=kind, last_error=message, next_followers_at=None))).rowcount:
        stopped.append(("account", network, kind))
    if kind == "auth_expired":
        posts = await session.execute(_STOP_ACCOUNT_TARGETS, {
            "tenant_id": tenant_id, "account_id": account_id, "now": now, "kind": kind, "message": message})
        stopped += [("post", n, kind) for (n,) in posts]
    return stopped


def _count_stopped(stopped: list[tuple[str, str, str]]) -> None:
    for scope, network, kind in stopped:
        POLLING_STOPPED.labels(network, kind, scope).inc()


async def resume_account(*, session: AsyncSession, account: MetricsAccount, now: datetime) -> list[tuple[str, str]]:
    """The account was reconnected: its stopped reads (its own and its posts') are due at once, and
    every failure count starts over. Returns ``(scope, network)`` of what resumed, for ``count_resumed``
    once the caller has committed."""
    resumed = []
    if account.stopped_at is not None:
        resumed.append(("account", account.network))
        account.next_followers_at = now
    account.failures, account.last_error_kind, account.last_error, account.stopped_at = 0, None, None, None
    mine = (TrackedTarget.tenant_id == account.tenant_id, TrackedTarget.account_id == account.account_id)
    fresh = dict(failures=0, last_error_kind=None, last_error=None)
    posts = await session.execute(sa.update(TrackedTarget).where(*mine, TrackedTarget.stopped_at.is_not(None))
                                  .values(**fresh, stopped_at=None, next_poll_at=now).returning(TrackedTarget.network))
    resumed += [("post", network) for (network,) in posts]
    await session.execute(sa.update(TrackedTarget).where(*mine, TrackedTarget.failures > 0).values(**fresh))
    return resumed


def count_resumed(resumed: list[tuple[str, str]]) -> None:
    for scope, network in resumed:
        POLLING_RESUMED.labels(network, scope).inc()


async def stopped(*, uow: UnitOfWork, tenant_id: uuid.UUID, limit: int) -> tuple[list[TrackedTarget],
                                                                                  list[MetricsAccount]]:
    """The tenant's posts and accounts whose reads stopped, latest first."""
    targets = await uow.session.scalars(select(TrackedTarget).where(
        TrackedTarget.tenant_id == tenant_id, TrackedTarget.stopped_at.is_not(None))
        .order_by(TrackedTarget.stopped_at.desc()).limit(limit))
    accounts = await uow.session.scalars(select(MetricsAccount).where(
        MetricsAccount.tenant_id == tenant_id, MetricsAccount.stopped_at.is_not(None))
        .order_by(MetricsAccount.stopped_at.desc()).limit(limit))
    return list(targets), list(accounts)
