"""Engagement that grows over time, deterministically per post.

Each post gets its own curve, seeded by its id: a ceiling for each counter and a time
constant. Counters follow ``ceiling * (1 - exp(-age / tau))``: they never go down, they
grow fast at first and level off, and the same post at the same age always shows the
same numbers.

Age is measured on an *engagement clock* that runs ``speed`` times faster than real time
and can jump forward (``POST /_sandbox/engagement``), so a test can see a day of growth
without waiting.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Engagement:
    impressions: int
    reach: int
    likes: int
    shares: int  # reposts, retweets, reblogs
    comments: int  # replies
    quotes: int
    saves: int  # bookmarks
    clicks: int


class EngagementClock:
    def __init__(self, speed: float = 1.0) -> None:
        self._base_s = 0.0
        self._since = time.monotonic()
        self.speed = speed

    def now_s(self) -> float:
        return self._base_s + (time.monotonic() - self._since) * self.speed

    def set_speed(self, speed: float) -> None:
        self._base_s, self._since, self.speed = self.now_s(), time.monotonic(), speed

    def advance(self, seconds: float) -> None:
        self._base_s += seconds


def engagement_for(seed: str, age_s: float) -> Engagement:
    rng = random.Random(seed)
    ceiling_impressions = rng.randint(500, 20_000)
    tau_s = rng.uniform(2, 12) * 3600
    rates = {
        name: rng.uniform(low, high)
        for name, low, high in (
            ("reach", 0.6, 0.9),
            ("likes", 0.02, 0.08),
            ("shares", 0.002, 0.01),
            ("comments", 0.001, 0.01),
            ("quotes", 0.0005, 0.003),
            ("saves", 0.001, 0.01),
            ("clicks", 0.005, 0.03),
        )
    }
    impressions = ceiling_impressions * (1 - math.exp(-max(0.0, age_s) / tau_s))
    return Engagement(impressions=int(impressions), **{name: int(impressions * rate) for name, rate in rates.items()})


def followers_for(seed: str, clock_s: float) -> int:
    """An account's follower count: a seeded base plus slow, steady growth."""
    rng = random.Random(seed)
    base, per_hour = rng.randint(200, 50_000), rng.uniform(0.5, 5)
    return base + int(max(0.0, clock_s) / 3600 * per_hour)
