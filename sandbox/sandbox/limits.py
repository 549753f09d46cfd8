"""Natural rate limits: a token bucket per (network, account, budget).

Budgets are the documented ones (see each network module); ``rate_limit_scale`` in the
sandbox config multiplies them, so a test can shrink "100 per 15 minutes" to 1.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    name: str
    capacity: int  # requests (or points) allowed per window
    window_s: float
    cost: int = 1  # points one request uses (Bluesky: a write costs 3)
    scalable: bool = True  # per-second burst limits keep their size whatever the scale


class RateLimiter:
    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str, str], tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, network: str, account: str, budget: Budget, *, scale: float = 1.0) -> float | None:
        """Spend one request's cost; None if allowed, else seconds until it would be."""
        capacity = max(float(budget.cost), budget.capacity * (scale if budget.scalable else 1.0))
        refill_per_s = capacity / budget.window_s
        key = (network, account, budget.name)
        now = time.monotonic()
        tokens, at = self._buckets.get(key, (capacity, now))
        tokens = min(capacity, tokens + (now - at) * refill_per_s)
        if tokens < budget.cost:
            self._buckets[key] = (tokens, now)
            return (budget.cost - tokens) / refill_per_s
        self._buckets[key] = (tokens - budget.cost, now)
        return None
