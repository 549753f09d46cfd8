"""Metrics reads take from the publisher's Redis token buckets, leaving it a reserve.

The bucket is the one ``smmkit.ratelimit.RateLimiter`` keeps for
``smmkit.budgets.ACCOUNT_BUDGETS[network]`` and ``account_subject(network, account_ref)``, taken
through the limiter's own script, so metrics and publishing spend one allowance.

The difference is *when* metrics may take: only while the bucket would still hold
``reserve`` tokens afterwards (``Take.reserve``) (``reserve = max(1, ceil(capacity * reserve_ratio))``). Publishing
can always drain the bucket to zero; metrics stops at the reserve, so a burst of polls never
leaves a due post waiting for tokens. A poll that finds the bucket at its reserve is simply
rescheduled after the wait the bucket reports. A 429 from the network closes the bucket for
everyone (``RateLimiter.close_for``), exactly as when the publisher meets one.
"""
import math

from smmkit.budgets import ACCOUNT_BUDGETS, account_subject
from smmkit.networks import NetworkError
from smmkit.ratelimit import Budget, RateLimiter, Take

class BudgetExhausted(NetworkError):
    def __init__(self, wait_s: float):
        super().__init__("rate_limited", "shared budget at the publisher's reserve", retry_after_s=wait_s)


class SharedBudgets:
    def __init__(self, limiter: RateLimiter, *, reserve_ratio: float = 0.25):
        self.limiter = limiter
        self.reserve_ratio = reserve_ratio

    def reserve(self, budget: Budget) -> float:
        return max(1, math.ceil(budget.capacity * self.reserve_ratio))

    async def try_take(self, network: str, account_ref: str, cost: int = 1) -> float:
        """0 when taken; otherwise the seconds until the bucket is above the reserve again."""
        budget = ACCOUNT_BUDGETS[network]
        take = Take(budget, account_subject(network, account_ref), cost, reserve=self.reserve(budget))
        return (await self.limiter.try_take_all([take]))[0]

    def gate(self, network: str, account_ref: str):
        async def take() -> None:
            wait = await self.try_take(network, account_ref)
            if wait > 0:
                raise BudgetExhausted(wait)
        return take

    async def close_for(self, network: str, account_ref: str, seconds: float) -> None:
        await self.limiter.close_for(ACCOUNT_BUDGETS[network], account_subject(network, account_ref), seconds)
