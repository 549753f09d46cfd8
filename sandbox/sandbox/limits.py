"""Natural rate limits: a token bucket per (network, subject, limit).

The limits are the catalogue's (``smmkit.catalogue``, ``NetworkLimit``): what the network enforces,
in the same figures the planner and publisher read. ``rate_limit_scale`` in the sandbox config
multiplies the scalable ones, so a test can shrink "100 per 15 minutes" to 1.
"""

from __future__ import annotations

import time

from smmkit.catalogue import NetworkLimit, spec


def limits(network: str, *spent_by: str) -> tuple[NetworkLimit, ...]:
    """The network's limits a call spends: those ``on`` every call, plus those of its kinds
    ("write" for a post, "read", "upload")."""
    return tuple(limit for limit in spec(network).limits if limit.on == "all" or limit.on in spent_by)


class RateLimiter:
    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str, str], tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, network: str, subject: str, limit: NetworkLimit, *, scale: float = 1.0) -> float | None:
        """Spend one call's cost; None if allowed, else seconds until it would be."""
        capacity = max(float(limit.cost), limit.capacity * (scale if limit.scalable else 1.0))
        refill_per_s = capacity / limit.window_s
        key = (network, subject, limit.name)
        now = time.monotonic()
        tokens, at = self._buckets.get(key, (capacity, now))
        tokens = min(capacity, tokens + (now - at) * refill_per_s)
        if tokens < limit.cost:
            self._buckets[key] = (tokens, now)
            return (limit.cost - tokens) / refill_per_s
        self._buckets[key] = (tokens - limit.cost, now)
        return None
