"""Rate limits before each network call: shared Redis buckets, short waits in the worker, long ones
put the target back; a network 429 closes the bucket and delays the target (never a failure)."""
from datetime import timedelta

from prometheus_client import REGISTRY

from smmkit.budgets import ACCOUNT_BUDGETS, account_subject
from smmkit.events import utcnow
from smmkit.ratelimit import RateLimiter
from tests.publisher.conftest import unique_ref


def x_credentials(ref: str) -> dict[str, str]:
    return {"access_token": f"sbx-{ref}", "refresh_token": f"sbx-{ref}.r0", "client_id": "sandbox-app"}


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def bucket_key(network: str, ref: str) -> str:
    return f"smm:rl:{ACCOUNT_BUDGETS[network].name}:{account_subject(network, ref)}"


async def exhaust(runtime, network: str, ref: str) -> None:
    """Spend the account's whole allowance, as other replicas or the metrics service could have."""
    budget = ACCOUNT_BUDGETS[network]
    limiter = RateLimiter(runtime.redis)
    for _ in range(budget.capacity + 1):
        if await limiter.try_take(budget, account_subject(network, ref), 1) > 0:
            return
    raise AssertionError("the bucket never ran dry")


async def test_an_empty_bucket_puts_the_target_back_without_calling_the_network(publisher, runtime, sandbox):
    ref = unique_ref()
    account = await publisher.connect("x", ref, x_credentials(ref))
    target_id = await publisher.schedule(account, "x", ref, "Budget day")
    await exhaust(runtime, "x", ref)
    waited_before = metric("smm_rate_limit_wait_seconds_total", network="x")

    target = await publisher.run(target_id)

    assert target.state == "received" and target.attempts == 0, "a rate-limit wait is not an attempt"
    # X refills 100 per 15 minutes: one token is 9 s away, far beyond the worker's short hold.
    assert target.next_attempt_at > utcnow() + timedelta(seconds=5)
    assert target.error_kind == "rate_limited"
    assert sandbox.posts("x", ref) == []
    assert metric("smm_rate_limit_wait_seconds_total", network="x") - waited_before > 5


async def test_network_429_closes_the_shared_bucket_and_delays_the_target_until_its_reset(
        publisher, runtime, sandbox):
    ref = unique_ref()
    account = await publisher.connect("x", ref, x_credentials(ref))
    target_id = await publisher.schedule(account, "x", ref, "Too many")
    sandbox.fault("x", ref, "rate_limit", retry_after_s=120)
    limited_before = metric("smm_publish_outcomes_total", network="x", outcome="rate_limited")

    target = await publisher.run(target_id)

    assert target.state == "received" and target.attempts == 0
    assert timedelta(seconds=100) < target.next_attempt_at - utcnow() <= timedelta(seconds=121)
    # Every replica (and the metrics service) now waits for the reset, not only this target.
    wait = await RateLimiter(runtime.redis).try_take(ACCOUNT_BUDGETS["x"], account_subject("x", ref))
    assert wait > 100
    assert metric("smm_publish_outcomes_total", network="x", outcome="rate_limited") == limited_before + 1
    assert await publisher.events(target_id) == [], "a 429 is not a failure: no post.failed"


async def test_a_deferred_uncertain_target_is_still_reconciled_before_it_is_retried(publisher, runtime, sandbox):
    ref = unique_ref()
    account = await publisher.connect("x", ref, x_credentials(ref))
    target_id = await publisher.schedule(account, "x", ref, "Lost then limited")
    sandbox.fault("x", ref, "lost_response")
    assert (await publisher.run(target_id)).state == "uncertain"
    assert len(sandbox.posts("x", ref)) == 1  # the post landed; only the answer was lost

    await exhaust(runtime, "x", ref)
    deferred = await publisher.run(target_id, now_offset_s=60)
    assert deferred.state == "uncertain", "a rate-limit wait must not forget that the target needs reconciling"

    await runtime.redis.delete(bucket_key("x", ref))  # the allowance is back
    done = await publisher.run(target_id, now_offset_s=60)
    assert done.state == "published"
    assert len(sandbox.posts("x", ref)) == 1 and sandbox.duplicates() == []
    assert done.external_id == sandbox.posts("x", ref)[0]["external_id"]


async def test_publishing_records_lateness_outcome_and_retries(publisher, sandbox):
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    target_id = await publisher.schedule(account, "mastodon", ref, "Metrics please")
    sandbox.fault("mastodon", ref, "server_error")
    before = {
        "late": metric("smm_publish_lateness_seconds_count", network="mastodon"),
        "ok": metric("smm_publish_outcomes_total", network="mastodon", outcome="published"),
        "transient": metric("smm_publish_outcomes_total", network="mastodon", outcome="transient"),
        "retries": metric("smm_publish_retries_total", network="mastodon"),
    }

    assert (await publisher.run(target_id)).state == "received"
    target = await publisher.run(target_id, now_offset_s=60)

    assert target.state == "published"
    assert metric("smm_publish_outcomes_total", network="mastodon", outcome="transient") == before["transient"] + 1
    assert metric("smm_publish_outcomes_total", network="mastodon", outcome="published") == before["ok"] + 1
    assert metric("smm_publish_retries_total", network="mastodon") == before["retries"] + 1
    assert metric("smm_publish_lateness_seconds_count", network="mastodon") == before["late"] + 1
    assert metric("smm_publish_lateness_seconds_sum", network="mastodon") > 0


async def test_redis_not_answering_puts_the_target_back_uncalled_and_a_telegram_post_goes_out_once(
        publisher, runtime, sandbox):
    """Found by tests/chaos (Redis restarted mid-burst): the budget take raised ConnectionError, the worker
    crashed with the target "publishing", and after its lease the target counted as possibly on the network;
    Telegram cannot be asked, so every such post went to "needs_review" instead of being published."""
    from smmkit.stack import free_port

    import redis.asyncio as aioredis

    channel = f"@chaos{unique_ref()}"
    account = await publisher.connect("telegram", channel, {"bot_token": f"sbx-bot{unique_ref()}"})
    target_id = await publisher.schedule(account, "telegram", channel, "Redis was away")
    working = runtime.redis
    runtime.redis = aioredis.from_url(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    try:
        target = await publisher.run(target_id)
    finally:
        await runtime.redis.aclose()
        runtime.redis = working

    assert (target.state, target.attempts) == ("received", 0), "put back, not an attempt: the network was not called"
    assert "rate-limit budgets unavailable" in target.last_error
    assert sandbox.posts("telegram", channel) == []
    done = await publisher.run(target_id, now_offset_s=5)
    assert done.state == "published"
    assert len(sandbox.posts("telegram", channel)) == 1
