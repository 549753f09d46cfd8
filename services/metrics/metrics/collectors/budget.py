"""Metrics reads take from the publisher's Redis token buckets, leaving it a reserve.

The bucket is the one ``smmkit.ratelimit.RateLimiter`` keeps for
``smmkit.budgets.ACCOUNT_BUDGETS[network]`` and ``account_subject(network, account_ref)``: the
same key, the same fields, the same refill, so metrics and publishing spend one allowance.

The difference is *when* metrics may take: only while the bucket would still hold
``reserve`` tokens afterwards (``reserve = max(1, ceil(capacity * reserve_ratio))``). Publishing
can always drain the bucket to zero; metrics stops at the reserve, so a burst of polls never
leaves a due post waiting for tokens. A poll that finds the bucket at its reserve is simply
rescheduled after the wait the bucket reports. A 429 from the network closes the bucket for
everyone (``RateLimiter.close_for``), exactly as when the publisher meets one.
"""
import math

from smmkit.budgets import ACCOUNT_BUDGETS, account_subject
from smmkit.networks import NetworkError
from smmkit.ratelimit import Budget, RateLimiter

# As smmkit.ratelimit's take script, with one more argument: tokens that must remain afterwards.
_TAKE_ABOVE_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local capacity, rate, cost, reserve = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'closed_until')
local tokens, at, closed = tonumber(state[1]) or capacity, tonumber(state[2]) or now, tonumber(state[3]) or 0
if closed > now then return tostring(closed - now) end
tokens = math.min(capacity, tokens + (now - at) * rate)
local wait = 0
if tokens - cost >= reserve then tokens = tokens - cost else wait = (cost + reserve - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 60)
return tostring(wait)
"""


class BudgetExhausted(NetworkError):
    def __init__(self, wait_s: float):
        super().__init__("rate_limited", "shared budget at the publisher's reserve", retry_after_s=wait_s)


class SharedBudgets:
    def __init__(self, limiter: RateLimiter, *, reserve_ratio: float = 0.25):
        self.limiter = limiter
        self.reserve_ratio = reserve_ratio
        self._take = limiter.redis.register_script(_TAKE_ABOVE_RESERVE)

    def reserve(self, budget: Budget) -> float:
        return max(1, math.ceil(budget.capacity * self.reserve_ratio))

    def _key(self, budget: Budget, subject: str) -> str:
        return f"{self.limiter.prefix}:{budget.name}:{subject}"  # RateLimiter's key for this bucket

    async def try_take(self, network: str, account_ref: str, cost: int = 1) -> float:
        """0 when taken; otherwise the seconds until the bucket is above the reserve again."""
        budget = ACCOUNT_BUDGETS[network]
        return float(await self._take(keys=[self._key(budget, account_subject(network, account_ref))],
                                      args=[budget.capacity, budget.refill_per_s, cost, self.reserve(budget)]))

    def gate(self, network: str, account_ref: str):
        async def take() -> None:
            wait = await self.try_take(network, account_ref)
            if wait > 0:
                raise BudgetExhausted(wait)
        return take

    async def close_for(self, network: str, account_ref: str, seconds: float) -> None:
        await self.limiter.close_for(ACCOUNT_BUDGETS[network], account_subject(network, account_ref), seconds)
