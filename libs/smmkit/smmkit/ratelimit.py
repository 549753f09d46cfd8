"""Token buckets in Redis, shared by every replica of every service that calls a network.

The publisher and the metrics collectors take from the same bucket for the same
account (and app token), so collecting metrics never starves publishing of a
network's budget. A 429 from the network closes the bucket until the reset time
the network gave, for everyone.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

import redis.asyncio as aioredis

# KEYS[1] bucket; ARGV: capacity, refill per second, cost. Returns seconds to wait (0 = granted, tokens taken).
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local capacity, rate, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'closed_until')
local tokens, at, closed = tonumber(state[1]) or capacity, tonumber(state[2]) or now, tonumber(state[3]) or 0
if closed > now then return tostring(closed - now) end
tokens = math.min(capacity, tokens + (now - at) * rate)
local wait = 0
if tokens >= cost then tokens = tokens - cost else wait = (cost - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 60)
return tostring(wait)
"""

# KEYS[1] bucket; ARGV: seconds to stay closed.
_CLOSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local until_ = now + tonumber(ARGV[1])
local closed = tonumber(redis.call('HGET', KEYS[1], 'closed_until')) or 0
if until_ > closed then redis.call('HSET', KEYS[1], 'closed_until', until_, 'tokens', 0, 'at', until_) end
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1])) + 60)
return 1
"""


@dataclass(frozen=True)
class Budget:
    """A documented limit, e.g. Mastodon's 300 requests per 5 minutes: ``Budget("mastodon:requests", 300, 300)``."""

    name: str
    capacity: int
    window_s: float

    @property
    def refill_per_s(self) -> float:
        return self.capacity / self.window_s


class RateLimiter:
    def __init__(self, redis: aioredis.Redis, *, prefix: str = "smm:rl"):
        self.redis = redis
        self.prefix = prefix
        self._take = redis.register_script(_TAKE)
        self._close = redis.register_script(_CLOSE)

    def _key(self, budget: Budget, subject: str) -> str:
        return f"{self.prefix}:{budget.name}:{subject}"

    async def try_take(self, budget: Budget, subject: str, cost: int = 1) -> float:
        """Take ``cost`` tokens if there are enough and return 0; otherwise take nothing and return the wait in seconds."""
        return float(await self._take(keys=[self._key(budget, subject)],
                                      args=[budget.capacity, budget.refill_per_s, cost]))

    async def take(self, budget: Budget, subject: str, cost: int = 1, *, max_wait_s: float = 60.0) -> float:
        """Wait (up to ``max_wait_s``) until the tokens are taken; return the seconds waited.

        Raises ``TimeoutError`` with the remaining wait when it would be longer, so a caller can
        reschedule the work instead of holding a worker.
        """
        waited = 0.0
        while (wait := await self.try_take(budget, subject, cost)) > 0:
            if waited + wait > max_wait_s:
                raise TimeoutError(wait)
            await asyncio.sleep(wait)
            waited += wait
        return waited

    async def close_for(self, budget: Budget, subject: str, seconds: float) -> None:
        """The network said 429 until a reset: nobody takes from this bucket before then."""
        await self._close(keys=[self._key(budget, subject)], args=[max(0.0, seconds)])
