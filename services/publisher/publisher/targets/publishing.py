"""Publishing one claimed target: take from the rate-limit budgets, reconcile if needed, call the
network's adapter (renewing credentials once on "auth_expired"), record the outcome."""
import zlib
from dataclasses import dataclass
from datetime import timedelta

import httpx

from publisher import metrics
from publisher.accounts import service as accounts
from publisher.accounts.models import AccountCredentials, AccountStatus
from publisher.networks import ADAPTERS
from publisher.networks.base import Adapter, MediaItem, Publication, PublishedPost
from publisher.networks.media import MediaFetcher, MediaPolicy
from publisher.targets import service as targets
from publisher.targets.links import track, tracked_text
from publisher.targets.models import PublishTarget, TargetState
from smmkit.app import Runtime
from smmkit.budgets import ACCOUNT_BUDGETS, APP_BUDGETS, WRITE_COST, account_subject
from smmkit.events import utcnow
from smmkit.networks import NetworkError, make_http_client
from smmkit.observability import bound_context, get_logger
from smmkit.ratelimit import Budget, RateLimiter
from smmkit.settings import CommonSettings

log = get_logger(__name__)


@dataclass
class _Tools:
    limiter: RateLimiter
    media: MediaFetcher


_tools: dict[int, _Tools] = {}


def tools(runtime: Runtime) -> _Tools:
    """One rate limiter and one media fetcher per process."""
    found = _tools.get(id(runtime))
    if found is None or found.limiter.redis is not runtime.redis:
        cfg = runtime.service_settings
        found = _Tools(RateLimiter(runtime.redis), MediaFetcher(MediaPolicy(allowed_networks=cfg.media_allowed_cidrs)))
        _tools[id(runtime)] = found
    return found


def publication_of(target: PublishTarget, settings: CommonSettings) -> Publication:
    """What goes to the network. Links are tracked; the result depends only on the target,
    so a retry sends exactly the same text."""
    link_args = dict(public_base=settings.attribution_public_url, secret=settings.tracking_secret,
                     target_id=target.target_id, network=target.network, campaign=target.campaign)
    return Publication(
        target_id=target.target_id, account_ref=target.account_ref, text=tracked_text(target.text, **link_args),
        media=tuple(MediaItem(url=m["url"], kind=m.get("kind", "image")) for m in target.media),
        link=track(target.links[0], **link_args) if target.links else None, scheduled_at=target.scheduled_at,
    )


def http_for(runtime: Runtime, network: str, account_ref: str) -> httpx.AsyncClient:
    """A pooled client for the network, one of ``http_shards`` chosen by account.

    One httpx pool with a hundred busy connections spends more CPU finding a connection than
    sending the request; several smaller pools keep a burst fast. The runtime closes them all.
    """
    cfg = runtime.service_settings
    base_url = cfg.base_url(network)
    shard = zlib.crc32(account_ref.encode()) % max(1, cfg.http_shards)
    key = f"{base_url}#{shard}"
    if key not in runtime.http_clients:
        runtime.http_clients[key] = make_http_client(base_url, timeout_s=cfg.http_timeout_s)
    return runtime.http_clients[key]


def adapter_for(runtime: Runtime, target: PublishTarget, credentials: dict) -> Adapter:
    http = http_for(runtime, target.network, target.account_ref)
    return ADAPTERS[target.network](http=http, credentials=credentials, media=tools(runtime).media)


def budgets_of(network: str, account_ref: str) -> list[tuple[Budget, str]]:
    """The shared buckets one call to this account takes from (the metrics service uses the same)."""
    found = [(ACCOUNT_BUDGETS[network], account_subject(network, account_ref))] if network in ACCOUNT_BUDGETS else []
    if network in APP_BUDGETS:
        found.append((APP_BUDGETS[network], network))
    return found


class Deferred(Exception):
    """The rate-limit wait is too long to hold a worker: the target was put back."""


@dataclass
class _Attempt:
    runtime: Runtime
    target: PublishTarget
    creds: AccountCredentials | None
    reconciled: bool  # no earlier attempt can have reached the network unchecked
    adapter: Adapter | None = None

    @property
    def network(self) -> str:
        return self.target.network

    async def take_budget(self, cost: int) -> None:
        """Take from every bucket; wait in the worker only briefly, else put the target back."""
        cfg = self.runtime.service_settings
        limiter, waited = tools(self.runtime).limiter, 0.0
        for budget, subject in budgets_of(self.network, self.target.account_ref):
            try:
                waited += await limiter.take(budget, subject, cost, max_wait_s=cfg.rate_limit_hold_max_s)
            except TimeoutError as exc:
                wait = float(exc.args[0]) if exc.args else cfg.rate_limit_hold_max_s
                metrics.observe_rate_limit_wait(self.network, waited + wait)
                async with self.runtime.db.uow() as uow:
                    await targets.defer(uow=uow, target_id=self.target.target_id,
                                        until=utcnow() + timedelta(seconds=wait), unreconciled=not self.reconciled,
                                        reason=f"waiting {wait:.1f}s for the {budget.name} rate limit")
                log.info("rate limit: target put back", network=self.network, budget=budget.name, wait_s=wait)
                raise Deferred from None
        metrics.observe_rate_limit_wait(self.network, waited)

    async def run(self, pub: Publication) -> PublishedPost:
        """Reconcile if needed, then publish; on "auth_expired" renew the credentials once and go again."""
        try:
            return await self._once(pub)
        except NetworkError as error:
            if error.kind != "auth_expired":
                raise
            renewed = await self.refresh_credentials()
            if renewed is None:
                raise  # nothing to renew: the rejection is definite
            log.info("credentials renewed after auth_expired; trying again", network=self.network)
            self.adapter = adapter_for(self.runtime, self.target, renewed)
            return await self._once(pub)

    async def _once(self, pub: Publication) -> PublishedPost:
        adapter = self.adapter
        if not self.reconciled and not adapter.has_idempotency_guard:
            if not adapter.can_reconcile:
                raise NetworkError("uncertain", "an earlier attempt may have reached the network, which "
                                   "cannot be checked", code="reconcile_unsupported")
            await self.take_budget(1)
            found = await adapter.find_published(pub)
            if found:
                log.info("reconciled: post already on the network", external_id=found.external_id)
                return found
        self.reconciled = True  # checked (or guarded): what happens next is this attempt's own doing
        await self.take_budget(WRITE_COST.get(self.network, 1))
        return await adapter.publish(pub)

    async def refresh_credentials(self) -> dict | None:
        runtime = self.runtime

        async def call(current: dict) -> dict | None:
            return await adapter_for(runtime, self.target, current).refresh_credentials()

        async with runtime.db.uow() as uow:
            return await accounts.refresh(uow=uow, box=runtime.secrets, account_id=self.creds.account_id,
                                          seen=runtime.secrets.decrypt(self.creds.secret), refresher=call)


async def publish_one(runtime: Runtime, claim: targets.Claim) -> None:
    cfg = runtime.service_settings
    policy = targets.RetryPolicy(cfg.max_attempts, cfg.retry_base_s, cfg.retry_max_s)
    async with runtime.db.uow() as uow:
        target = await uow.session.get(PublishTarget, claim.target_id)
        creds = await uow.session.get(AccountCredentials, target.account_id) if target else None
    if target is None or target.state != TargetState.PUBLISHING:
        return
    if claim.attempt > 1:
        metrics.observe_retry(target.network)
    attempt = _Attempt(runtime, target, creds, reconciled=not claim.reconcile_first)
    with bound_context(tenant_id=str(target.tenant_id), target_id=str(target.target_id)):
        try:
            if creds is None or creds.tenant_id != target.tenant_id:
                raise NetworkError("auth_expired", "the account has no credentials; connect it first")
            if creds.status == AccountStatus.NEEDS_RECONNECT:
                raise NetworkError("auth_expired", creds.status_reason or "the account needs reconnecting")
            attempt.adapter = adapter_for(runtime, target, runtime.secrets.decrypt(creds.secret))
            result = await attempt.run(publication_of(target, runtime.settings))
        except Deferred:
            return
        except NetworkError as error:
            await _record_failure(attempt, error, policy)
            return
        async with runtime.db.uow() as uow:
            done = await targets.record_published(uow=uow, target_id=target.target_id,
                                                  external_id=result.external_id, url=result.url, now=utcnow())
        if done is not None:
            metrics.observe_published(target.network, scheduled_at=done.scheduled_at, published_at=done.published_at)
        log.info("published", network=target.network, external_id=result.external_id)


async def _record_failure(attempt: _Attempt, error: NetworkError, policy: targets.RetryPolicy) -> None:
    runtime, target, network = attempt.runtime, attempt.target, attempt.network
    log.warning("publish attempt failed", network=network, kind=error.kind, error=error.message)
    if error.kind == "rate_limited":
        # Everyone calling this account waits until the network's reset, not just this target.
        retry_after = error.retry_after_s or 60.0
        for budget, subject in budgets_of(network, target.account_ref)[:1]:
            await tools(runtime).limiter.close_for(budget, subject, retry_after)
        metrics.observe_rate_limit_wait(network, retry_after)
    adapter = attempt.adapter
    can_reconcile = adapter is None or adapter.has_idempotency_guard or adapter.can_reconcile
    async with runtime.db.uow() as uow:
        if error.kind == "auth_expired" and attempt.adapter is not None:  # its own, usable credentials
            await accounts.mark_needs_reconnect(session=uow.session, account_id=attempt.creds.account_id,
                                                reason=error.message)
        after = await targets.record_error(uow=uow, target_id=target.target_id, error=error, now=utcnow(),
                                           policy=policy, unreconciled=not attempt.reconciled,
                                           can_reconcile=can_reconcile)
    metrics.observe_outcome(network, error.kind)
    if after.state == TargetState.FAILED:
        metrics.observe_outcome(network, "failed")
