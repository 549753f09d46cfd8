"""Redis token buckets shared between replicas and services."""
import asyncio
import uuid

import pytest
import redis.asyncio as aioredis

from smmkit.ratelimit import Budget, RateLimiter, Take


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


async def test_taking_from_several_buckets_is_all_or_nothing(limiter):
    account, app = Budget("net:account", capacity=5, window_s=500), Budget("net:app", capacity=1, window_s=100)
    takes = [Take(account, "acct"), Take(app, "net")]
    assert await limiter.try_take_all(takes) == (0.0, None)
    wait, slowest = await limiter.try_take_all(takes)
    assert slowest is takes[1] and 99 < wait <= 100, "the app bucket is empty and says how long"
    # The refused call took nothing from the account bucket: its four remaining tokens are all there.
    assert [await limiter.try_take(account, "acct") == 0 for _ in range(5)] == [True] * 4 + [False]


async def test_concurrent_takes_share_round_trips_and_never_overdraw(limiter):
    budget = Budget("net:req", capacity=50, window_s=5000)
    sent = []
    original = limiter._take_batch

    async def counting(batch):
        sent.append(len(batch))
        return await original(batch)

    limiter._takes._run = counting
    waits = await asyncio.gather(*(limiter.try_take(budget, "acct") for _ in range(80)))
    assert sum(w == 0 for w in waits) == 50 and all(w > 0 for w in waits[50:])
    assert sum(sent) == 80 and len(sent) < 10, f"80 concurrent takes went out in {len(sent)} round trips"


async def test_a_reserve_is_left_in_the_bucket(limiter):
    budget = Budget("net:req", capacity=4, window_s=400)
    waits = [(await limiter.try_take_all([Take(budget, "acct", reserve=2)]))[0] for _ in range(3)]
    assert waits[:2] == [0, 0] and waits[2] > 0, "a third take would leave only one of the two reserved"
    assert await limiter.try_take(budget, "acct") == 0, "without a reserve the last tokens can be taken"
