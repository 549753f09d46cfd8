"""Redis token buckets shared between replicas and services."""
import asyncio
import time
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
    started = time.monotonic()
    assert [await limiter.try_take(budget, "acct") for _ in range(3)] == [0, 0, 0]
    wait = await limiter.try_take(budget, "acct")
    # a token a second: the wait is a second less what has refilled since the first take (however slow the machine)
    assert 1.0 - (time.monotonic() - started) - 0.01 <= wait <= 1.0
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


async def test_buckets_lost_by_redis_start_empty_for_network_budgets_but_not_for_our_api_limits(redis_url):
    """Found by tests/chaos (Redis flushed mid-burst): the publisher found every bucket gone, took a full
    allowance again and sent it at once to Telegram chats whose allowance was spent: a 429 per request."""
    client = aioredis.from_url(redis_url)
    prefix = f"test:{uuid.uuid4().hex[:8]}"
    budget = Budget("net:posts", capacity=20, window_s=60)  # Telegram's per chat: one back every 3 s
    network = RateLimiter(client, prefix=prefix, cold_after_loss=True)
    api = RateLimiter(client, prefix=f"{prefix}-api")

    async def lose_everything() -> None:  # what FLUSHALL or a restart without persistence does to these keys
        keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
        await client.delete(*keys)

    try:
        assert [await network.try_take(budget, "chat") for _ in range(20)] == [0] * 20, "a fresh Redis: full"
        assert [await api.try_take(budget, "key") for _ in range(20)] == [0] * 20
        assert await network.try_take(budget, "chat") > 2

        await lose_everything()
        assert 2 < await network.try_take(budget, "chat") <= 3, "not a fresh allowance: one token a refill away"
        assert await network.try_take(budget, "another-chat") > 2, "every bucket: the loss hit them all"
        assert await api.try_take(budget, "key") == 0, "our own API limits start afresh"

        # a long window (X: 100 per 15 minutes) is not held back for a whole window: full after a minute
        slow = Budget("net:tweets", capacity=100, window_s=900)
        await client.set(f"{prefix}:kept-since", str(await _redis_now(client) - 30))
        assert 49 <= sum([await network.try_take(slow, "idle-account") == 0 for _ in range(100)]) <= 51
        await client.set(f"{prefix}:kept-since", str(await _redis_now(client) - 61))
        assert [await network.try_take(budget, "idle-chat") for _ in range(20)] == [0] * 20
        assert [await network.try_take(slow, "another-idle-account") for _ in range(100)] == [0] * 100
    finally:
        await lose_everything()
        await client.aclose()


async def _redis_now(client) -> float:
    seconds, micros = await client.time()
    return seconds + micros / 1e6
