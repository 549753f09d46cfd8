"""Background loops: poll due targets, read follower counts daily, downsample old points.

Several metrics processes run these loops at once. Work is claimed with ``FOR UPDATE SKIP
LOCKED`` and pushed out by a lease, so no target is polled twice in the same round, and the
claims of a process that dies come back when their lease runs out.
"""
import asyncio
import os
import socket
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from metrics.accounts import service as accounts
from metrics.collectors import COLLECTORS, PostGone
from metrics.collectors.budget import SharedBudgets
from metrics.engagement import service as engagement
from metrics.engagement.service import PollResult
from metrics.polling import service as polling
from metrics.polling.models import STOPPING_KINDS
from metrics.polling.service import PollFailure
from smmkit.app import Runtime
from smmkit.events import utcnow
from smmkit.networks import NetworkError
from smmkit.observability import get_logger
from smmkit.ratelimit import RateLimiter

log = get_logger(__name__)
# Accounts without registered read access that can still be read publicly.
PUBLIC_READS = {"mastodon", "bluesky", "telegram"}
REPLICA = f"{socket.gethostname()}:{os.getpid()}"


def _budgets(runtime: Runtime) -> SharedBudgets:
    if not hasattr(runtime, "_metrics_budgets"):
        runtime._metrics_budgets = SharedBudgets(  # type: ignore[attr-defined]
            RateLimiter(runtime.redis, cold_after_loss=True), reserve_ratio=runtime.service_settings.budget_reserve_ratio)
    return runtime._metrics_budgets  # type: ignore[attr-defined]


def make_collector(runtime: Runtime, network: str, access: accounts.ReadAccess | None):
    cfg = runtime.service_settings
    # reads go where the network serves them: Bluesky's AppView, not the account's PDS
    http = runtime.http_client(cfg.read_url(network), timeout_s=cfg.http_timeout_s)
    gate = _budgets(runtime).gate(network, access.account_ref) if access else None
    return COLLECTORS[network](http=http, credentials=access.credentials if access else None,
                               account_ref=access.account_ref if access else None, gate=gate)


async def poll_due_targets(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        claimed = await poll_once(runtime)
        if claimed < cfg.claim_batch_size:
            await asyncio.sleep(cfg.poll_interval_s)


async def poll_once(runtime: Runtime, *, clock: Callable[[], datetime] = utcnow) -> int:
    """Claim one batch of due targets, poll them concurrently, record the results in one transaction.

    ``clock`` is injectable so tests can drive the schedule through days in milliseconds.
    """
    cfg = runtime.service_settings
    now = clock()
    async with runtime.db.uow() as uow:
        due = await engagement.claim_due(uow=uow, now=now, limit=cfg.claim_batch_size,
                                         lease=timedelta(seconds=cfg.poll_lease_s), held=runtime.suspensions.ids)
    if not due:
        return 0
    async with runtime.db.uow() as uow:
        access = await accounts.read_access(session=uow.session, box=runtime.secrets,
                                            account_ids={t.account_id for t in due})
    outcomes = await asyncio.gather(*(_poll_one(runtime, t, access.get(t.account_id), clock) for t in due))
    results = [o for o in outcomes if isinstance(o, PollResult)]
    failures = [o for o in outcomes if isinstance(o, PollFailure)]
    deferred: dict[float, list] = defaultdict(list)
    for target, outcome in zip(due, outcomes):
        if isinstance(outcome, float):
            deferred[outcome].append(target.target_id)
    async with runtime.db.uow() as uow:
        await engagement.record_batch(uow=uow, results=results, now=clock(), polled_by=REPLICA)
    if failures:
        async with runtime.db.uow() as uow:
            await polling.record_failures(uow=uow, failures=failures, now=clock(), stop_after=cfg.stop_after_failures)
    for wait_s, ids in deferred.items():
        async with runtime.db.uow() as uow:
            await engagement.defer(uow=uow, target_ids=ids, until=clock() + timedelta(seconds=wait_s))
    return len(due)


async def _poll_one(runtime: Runtime, target, access, clock) -> PollResult | PollFailure | float | None:
    """A poll result; a failure that counts toward stopping (``metrics.polling``); seconds to wait
    before trying again; or None (transient: retried after the lease)."""
    if target.network not in COLLECTORS:
        return None
    if access is None and target.network not in PUBLIC_READS:
        return 300.0  # no read access registered yet: look again in a few minutes
    if access is not None and access.stopped_kind == "auth_expired":  # no call: the account is known dead
        return PollFailure(target.target_id, "auth_expired", access.stopped_reason or "", account_stopped=True)
    collector = make_collector(runtime, target.network, access)
    try:
        return PollResult(target.target_id, await collector.fetch_post(target.external_id), clock())
    except PostGone:
        return PollResult(target.target_id, None, clock())
    except NetworkError as error:
        log.warning("poll failed", target_id=str(target.target_id), kind=error.kind, error=error.message)
        if error.kind == "rate_limited":
            wait = error.retry_after_s or 60.0
            if access is not None and error.status is not None:  # the network itself said 429
                await _budgets(runtime).close_for(target.network, access.account_ref, wait)
            return wait
        if error.kind in STOPPING_KINDS:
            return PollFailure(target.target_id, error.kind, error.message)
        return None


async def read_followers(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        if await read_followers_once(runtime) < cfg.followers_batch_size:
            await asyncio.sleep(max(cfg.poll_interval_s, 1.0))


async def read_followers_once(runtime: Runtime) -> int:
    """Read the follower count of every account that is due (once a day) into the follower series."""
    cfg = runtime.service_settings
    async with runtime.db.uow() as uow:
        due = await accounts.claim_followers_due(session=uow.session, now=utcnow(), limit=cfg.followers_batch_size,
                                                 lease_s=cfg.poll_lease_s)
        access = await accounts.read_access(session=uow.session, box=runtime.secrets,
                                            account_ids={a.account_id for a in due})

    async def one(account_id):
        item = access[account_id]
        try:
            followers = await make_collector(runtime, item.network, item).fetch_followers()
        except NetworkError as error:
            log.warning("follower count failed", account_id=str(account_id), kind=error.kind, error=error.message)
            now = utcnow()
            retry_at = now + timedelta(seconds=error.retry_after_s or 3600)  # in an hour, or at the network's reset
            async with runtime.db.uow() as uow:
                if error.kind in STOPPING_KINDS:
                    await polling.record_account_failure(uow=uow, account_id=account_id, kind=error.kind,
                                                         message=error.message, now=now,
                                                         stop_after=cfg.stop_after_failures, retry_at=retry_at)
                else:
                    await accounts.defer_followers(session=uow.session, account_id=account_id, until=retry_at)
                    await uow.commit()
            return
        now = utcnow()
        async with runtime.db.uow() as uow:
            await accounts.record_followers(session=uow.session, account_id=account_id, followers=followers, now=now,
                                            next_at=now + timedelta(seconds=cfg.followers_every_s))
            await uow.commit()

    await asyncio.gather(*(one(a.account_id) for a in due if a.account_id in access))
    return len(due)


async def downsample_old_points(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        async with runtime.db.uow() as uow:
            moved = await engagement.downsample(uow=uow, older_than=utcnow() - timedelta(days=cfg.raw_retention_days))
        if not moved:
            await asyncio.sleep(cfg.downsample_every_s)
