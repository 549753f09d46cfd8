"""Publishing one claimed target: refuse what the network's catalogue entry refuses, take from the
rate-limit budgets, reconcile if needed, call the network's adapter (renewing credentials once on
"auth_expired"), record the outcome.

Before an exhausted target is given up ("failed"), the network is asked once more whether the
post is there (``_last_check``): a lost answer on the last attempt must not turn a post that
exists into a failure."""
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from redis.exceptions import RedisError
from sqlalchemy import Row

from publisher import metrics
from publisher.accounts import service as accounts
from publisher.accounts.models import AccountCredentials, AccountStatus
from publisher.networks import ADAPTERS
from publisher.networks.base import Adapter, MediaItem, Publication, PublishedPost
from publisher.networks.http import make_network_client
from publisher.networks.media import MediaFetcher, MediaPolicy
from publisher.targets import service as targets
from publisher.targets.links import rewrite_urls, track
from publisher.targets.models import PublishTarget, TargetState
from smmkit.app import Runtime
from smmkit.batching import Coalescer
from smmkit.budgets import ACCOUNT_BUDGETS, APP_BUDGETS, WRITE_COST, account_subject
from smmkit.catalogue.text import find_urls
from smmkit.crypto import SecretBox
from smmkit.events import utcnow
from smmkit.networks import NetworkError
from smmkit.observability import bound_context, get_logger
from smmkit.ratelimit import Budget, RateLimited, RateLimiter, Take
from smmkit.settings import CommonSettings

log = get_logger(__name__)


@dataclass
class _Tools:
    limiter: RateLimiter
    media: MediaFetcher
    # Decrypted credentials by their ciphertext: a burst publishes ~20 targets per account, and decrypting
    # (Fernet) was ~60 us of each. New credentials are new ciphertext (Fernet's IV), so nothing goes stale.
    credentials: dict[bytes, dict] = field(default_factory=dict)

    def decrypt(self, box: SecretBox, secret: bytes) -> dict:
        found = self.credentials.get(secret)
        if found is None:
            if len(self.credentials) >= CREDENTIALS_CACHED:
                self.credentials.clear()
            found = self.credentials[secret] = box.decrypt(secret)
        return dict(found)  # the adapter's own copy


_tools: dict[int, _Tools] = {}
CREDENTIALS_CACHED = 10_000


def tools(runtime: Runtime) -> _Tools:
    """One rate limiter and one media fetcher per process."""
    found = _tools.get(id(runtime))
    if found is None or found.limiter.redis is not runtime.redis:
        cfg = runtime.service_settings
        found = _Tools(RateLimiter(runtime.redis, cold_after_loss=True), MediaFetcher(MediaPolicy(allowed_networks=cfg.media_allowed_cidrs)))
        _tools[id(runtime)] = found
    return found


class _PublishedRecorder:
    """Records finished publishes in groups (``smmkit.batching``): a burst costs a transaction per
    group, not per post (per-post transactions kept a hundred workers queueing for database connections)."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.groups: Coalescer[tuple[uuid.UUID, PublishedPost], Row | None] = Coalescer(self._write)

    async def record(self, target_id: uuid.UUID, post: PublishedPost) -> Row | None:
        """The target's row as recorded published; None if it already was. Returns once committed; if the
        transaction fails the caller sees why (its lease runs out and the target is retried)."""
        return await self.groups.submit((target_id, post))

    async def _write(self, group: list[tuple[uuid.UUID, PublishedPost]]) -> list[Row | None]:
        async with self.runtime.db.uow() as uow:
            done = await targets.record_published(
                uow=uow, results=[(target_id, post.external_id, post.url) for target_id, post in group], now=utcnow())
        return [done.get(target_id) for target_id, _ in group]


def _recorder(runtime: Runtime) -> _PublishedRecorder:
    found = getattr(runtime, "published_recorder", None)
    if found is None:
        found = runtime.published_recorder = _PublishedRecorder(runtime)
    return found


def publication_of(target: PublishTarget, settings: CommonSettings, *,
                   fits: Callable[[Publication], bool] | None = None) -> Publication:
    """What goes to the network. Links are tracked; the result depends only on the target (and
    the network's limit), so a retry sends exactly the same text.

    ``fits``: the adapter's ``fits``, the network's catalogue entry applied to the post as sent. Where a
    network counts a URL at its full length (Threads, LinkedIn, Telegram, Instagram...), a tracked link
    is much longer than most originals, so when the fully tracked post does not fit, links keep their
    original URL one by one until it does: the link attachment is tracked first (it is the post's call
    to action), then the text's links in order. Posting with a few untracked links beats refusing a
    post its author wrote within the limit; a post no choice of links makes fit is refused before any
    call (``refuse_what_the_network_refuses``). Networks that count
    every URL alike (X and Mastodon count 23 characters, Bluesky shows long ones shortened) take every
    tracked link.
    """
    link_args = dict(public_base=settings.attribution_public_url, secret=settings.tracking_secret,
                     target_id=target.target_id, network=target.network, campaign=target.campaign)
    text_urls = [target.text[start:end] for start, end in find_urls(target.text)]
    urls = list(dict.fromkeys(target.links[:1] + text_urls))  # one decision per distinct URL

    def build(tracked: set[str]) -> Publication:
        def rewrite(url: str) -> str:
            return track(url, **link_args) if url in tracked else url

        return Publication(
            target_id=target.target_id, account_ref=target.account_ref, text=rewrite_urls(target.text, rewrite),
            media=tuple(MediaItem(url=m["url"], kind=m.get("kind", "image")) for m in target.media),
            link=rewrite(target.links[0]) if target.links else None, scheduled_at=target.scheduled_at,
            language=target.language,
        )

    everything = build(set(urls))
    if fits is None or fits(everything):
        return everything
    tracked: set[str] = set()
    for url in urls:
        if fits(build(tracked | {url})):
            tracked.add(url)
    chosen = build(tracked)
    if fits(chosen):  # else no choice of links helps: it is refused before any call
        log.warning("tracked links would push the post over the network's text limit; some keep their original "
                    "URL", network=target.network, untracked=len(urls) - len(tracked), links=len(urls))
    return chosen


def http_for(runtime: Runtime, network: str, account_ref: str) -> httpx.AsyncClient:
    """A pooled client for the network, one of ``http_shards`` chosen by account.

    With the httpx transport, one pool with a hundred busy connections spends more CPU finding a
    connection than sending the request; several smaller pools keep a burst fast. The runtime
    closes them all.
    """
    cfg = runtime.service_settings
    base_url = cfg.base_url(network)
    shard = zlib.crc32(account_ref.encode()) % max(1, cfg.http_shards)
    key = f"{base_url}#{shard}"
    if key not in runtime.http_clients:
        runtime.http_clients[key] = make_network_client(base_url, timeout_s=cfg.http_timeout_s,
                                                        transport=cfg.http_transport)
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


def refuse_what_the_network_refuses(adapter: Adapter, pub: Publication) -> None:
    """The planner checked the post against the network's catalogue entry; check the post as it will be
    sent (links appended, tracked, escaped) the same way, before any call or media upload."""
    if problems := adapter.violations(pub):
        raise NetworkError("invalid", "; ".join(f"{p.detail} ({p.rule})" for p in problems), code=problems[0].rule)


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
        """Take from every bucket; wait in the worker only briefly, else put the target back.

        Redis (where the buckets live) not answering puts the target back too, for ``budget_retry_s``: the
        network has not been called, so nothing is uncertain. Crashing instead left the target "publishing"
        until its lease ran out, and then it was treated as possibly on the network: a Telegram post, which
        cannot be looked up, went to "needs_review" after a Redis restart."""
        cfg = self.runtime.service_settings
        takes = [Take(budget, subject, cost) for budget, subject in budgets_of(self.network, self.target.account_ref)]
        try:
            waited = await tools(self.runtime).limiter.take_all(takes, max_wait_s=cfg.rate_limit_hold_max_s)
        except RateLimited as exc:
            metrics.observe_rate_limit_wait(self.network, exc.wait_s)
            await self._put_back(exc.wait_s, f"waiting {exc.wait_s:.1f}s for the {exc.budget.name} rate limit")
            log.info("rate limit: target put back", network=self.network, budget=exc.budget.name, wait_s=exc.wait_s)
            raise Deferred from None
        except (RedisError, OSError) as exc:
            await self._put_back(cfg.budget_retry_s, f"rate-limit budgets unavailable ({type(exc).__name__})")
            log.warning("rate-limit budgets unavailable: target put back", network=self.network, error=repr(exc))
            raise Deferred from None
        metrics.observe_rate_limit_wait(self.network, waited)

    async def _put_back(self, wait_s: float, reason: str) -> None:
        async with self.runtime.db.uow() as uow:
            await targets.defer(uow=uow, target_id=self.target.target_id, until=utcnow() + timedelta(seconds=wait_s),
                                unreconciled=not self.reconciled, reason=reason)

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
    policy = targets.RetryPolicy(cfg.max_attempts, cfg.retry_base_s, cfg.retry_max_s, cfg.retry_for_s)
    target, creds = claim.target, claim.credentials
    if target is None:
        async with runtime.db.uow() as uow:
            target = await uow.session.get(PublishTarget, claim.target_id)
            creds = await uow.session.get(AccountCredentials, target.account_id) if target else None
    if target is None or target.state != TargetState.PUBLISHING:
        return
    if claim.attempt > 1:
        metrics.observe_retry(target.network)
    attempt = _Attempt(runtime, target, creds, reconciled=not claim.reconcile_first)
    pub: Publication | None = None
    with bound_context(tenant_id=str(target.tenant_id), target_id=str(target.target_id)):
        try:
            if creds is None or creds.tenant_id != target.tenant_id:
                raise NetworkError("auth_expired", "the account has no credentials; connect it first")
            if creds.status == AccountStatus.NEEDS_RECONNECT:
                raise NetworkError("auth_expired", creds.status_reason or "the account needs reconnecting")
            attempt.adapter = adapter_for(runtime, target, tools(runtime).decrypt(runtime.secrets, creds.secret))
            pub = publication_of(target, runtime.settings, fits=attempt.adapter.fits)
            refuse_what_the_network_refuses(attempt.adapter, pub)
            result = await attempt.run(pub)
        except Deferred:
            return
        except NetworkError as error:
            try:
                result = await _last_check(attempt, pub, error, policy, after_uncertain=claim.reconcile_first)
            except Deferred:
                return
            if result is None:
                return
        done = await _recorder(runtime).record(target.target_id, result)
        if done is not None:
            metrics.observe_published(target.network, scheduled_at=done.scheduled_at, published_at=done.published_at)
        log.info("published", network=target.network, external_id=result.external_id)


async def _last_check(attempt: _Attempt, pub: Publication | None, error: NetworkError,
                      policy: targets.RetryPolicy, *, after_uncertain: bool) -> PublishedPost | None:
    """Record the error, unless it ends the target's last attempt while the post may be on the network.

    Then, before giving up, ask the network once more (guarded networks too: their guard only
    helps the retry we no longer make). Found: the post is ours, return it to be recorded as
    published. Absent: "failed", saying it was checked. The check itself failed and some attempt
    may have landed: "needs_review", as for a network that cannot be asked; never "failed".
    The check runs right after the attempt timed out, so a network needs to show a new post
    within the client timeout; the reads used are the same as reconciliation's.
    """
    adapter, target = attempt.adapter, attempt.target
    final = error.kind in ("transient", "uncertain") and policy.exhausted(target, utcnow())
    checkable = adapter is not None and (adapter.has_idempotency_guard or adapter.can_reconcile)
    if not (final and checkable and pub is not None):
        await _record_failure(attempt, error, policy)
        return None
    may_have_landed = error.kind == "uncertain" or after_uncertain or not attempt.reconciled
    attempt.reconciled = False  # until the check answers, the last write may have landed
    try:
        await attempt.take_budget(1)  # too long a wait puts the target back "uncertain": checked next turn
        found = await adapter.find_published(pub)
    except NetworkError as check:
        log.warning("the check after the last attempt failed", network=attempt.network, kind=check.kind,
                    error=check.message)
        if not may_have_landed:
            await _record_failure(attempt, error, policy)
            return None
        unchecked = NetworkError("uncertain", f"{error.message}; checking the account for the post afterwards "
                                 f"failed too ({check.message})", status=error.status, code=error.code)
        await _record_failure(attempt, unchecked, policy, can_reconcile=False)
        return None
    if found is not None:
        log.info("found on the network after the last attempt", network=attempt.network,
                 external_id=found.external_id)
        return found
    attempt.reconciled = True
    absent = NetworkError(error.kind, f"{error.message}; the post is not on the account either (checked after "
                          "the last attempt)", status=error.status, code=error.code)
    await _record_failure(attempt, absent, policy)
    return None


async def _record_failure(attempt: _Attempt, error: NetworkError, policy: targets.RetryPolicy, *,
                          can_reconcile: bool | None = None) -> None:
    runtime, target, network = attempt.runtime, attempt.target, attempt.network
    log.warning("publish attempt failed", network=network, kind=error.kind, error=error.message)
    if error.kind == "rate_limited":
        # Everyone calling this account waits until the network's reset, not just this target.
        retry_after = error.retry_after_s or 60.0
        for budget, subject in budgets_of(network, target.account_ref)[:1]:
            await tools(runtime).limiter.close_for(budget, subject, retry_after)
        metrics.observe_rate_limit_wait(network, retry_after)
    adapter = attempt.adapter
    if can_reconcile is None:
        can_reconcile = adapter is None or adapter.has_idempotency_guard or adapter.can_reconcile
    async with runtime.db.uow() as uow:
        if error.kind == "auth_expired" and attempt.adapter is not None:  # its own, usable credentials
            await accounts.mark_needs_reconnect(uow=uow, account_id=attempt.creds.account_id,
                                                reason=error.message)
        after = await targets.record_error(uow=uow, target_id=target.target_id, error=error, now=utcnow(),
                                           policy=policy, unreconciled=not attempt.reconciled,
                                           can_reconcile=can_reconcile)
    metrics.observe_outcome(network, error.kind)
    if after.state == TargetState.FAILED:
        metrics.observe_outcome(network, "failed")
