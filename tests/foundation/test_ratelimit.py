"""Redis token buckets shared between replicas and services."""
import uuid

import pytest
import redis.asyncio as aioredis

from smmkit.ratelimit import Budget, RateLimiter


@pytest.fixture
async def limiter(redis_url):
    client = aioredis.from_url(redis_url)
    yield RateLimiter(client, prefix=f"test:{uuid.uuid4().hex[:8]}")
    await client.aclose()


async def test_a_full_bucket_grants_its_capacity_then_asks_to_wait_for_the_refill(limiter):
    budget = Budget("net:req", capacity=3, window_s=3)  # 1 token per second
    assert [await limiter.try_take(budget, "acct") for _ in range(3)] == [0, 0, 0]
    wait = await limiter.try_take(budget, "acct")
    assert 0.9 < wait <= 1.0
    assert await limiter.try_take(budget, "other-account") == 0, "buckets are per subject"


async def test_two_limiters_on_one_redis_share_the_bucket(limiter, redis_url):
    other_client = aioredis.from_url(redis_url)
    other = RateLimiter(other_client, prefix=limiter.prefix)  # e.g. the metrics service
    budget = Budget("net:req", capacity=2, window_s=200)
    try:
        assert await limiter.try_take(budget, "acct") == 0
        assert await other.try_take(budget, "acct") == 0
        assert await limiter.try_take(budget, "acct") > 50
    finally:
        await other_client.aclose()


async def test_a_closed_bucket_answers_the_remaining_reset_time(limiter):
    budget = Budget("net:req", capacity=100, window_s=1)
    await limiter.close_for(budget, "acct", 30)
    wait = await limiter.try_take(budget, "acct")
    assert 29 < wait <= 30
    with pytest.raises(TimeoutError):
        await limiter.take(budget, "acct", max_wait_s=5)


async def test_take_waits_for_the_refill(limiter):
    budget = Budget("net:req", capacity=1, window_s=0.2)
    assert await limiter.take(budget, "acct") == 0
    waited = await limiter.take(budget, "acct")
    assert 0.1 < waited < 0.5
