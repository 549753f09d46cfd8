"""Everything the sandbox remembers, in memory: posts, idempotency keys, uploads, faults,
rate-limit buckets and the engagement clock. ``POST /_sandbox/reset`` starts it afresh."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sandbox.engagement import (
    Engagement,
    EngagementClock,
    engagement_for,
    followers_for,
)
from sandbox.faults import FaultBook
from sandbox.limits import RateLimiter


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Post:
    network: str
    account: str
    external_id: str
    text: str
    created_at: datetime
    engagement_origin_s: float  # the engagement clock when the post was made
    media: list[str] = field(default_factory=list)
    link: str | None = None
    idempotency_key: str | None = None
    deleted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # network-specific details

    def summary(self) -> dict[str, Any]:
        return {
            "network": self.network,
            "account": self.account,
            "external_id": self.external_id,
            "text": self.text,
            "media": self.media,
            "link": self.link,
            "created_at": self.created_at.isoformat(),
            "idempotency_key": self.idempotency_key,
            "deleted": self.deleted,
        }


@dataclass
class Config:
    latency_ms: float = 0.0
    rate_limit_scale: float = 1.0  # multiplies every documented budget (0.01 -> tiny budgets)
    hold_max_s: float = 300.0  # how long a "lost" response is held before giving up


class SandboxState:
    def __init__(self, *, latency_ms: float = 0.0) -> None:
        self._initial_latency_ms = latency_ms
        self.reset()

    def reset(self) -> None:
        self.config = Config(latency_ms=self._initial_latency_ms)
        self.posts: dict[tuple[str, str], Post] = {}
        # Each account's posts, oldest first: an account's timeline is read on every X and Facebook
        # post, and a scan of every post made (10,000 in a burst) made the sandbox the bottleneck.
        self._timelines: defaultdict[tuple[str, str], list[Post]] = defaultdict(list)
        self.faults = FaultBook()
        self.refusals: Counter[tuple[str, str]] = Counter()  # (network, kind) -> errors answered (/refusals)
        self.limits = RateLimiter()
        self.engagement = EngagementClock()
        self.uploads: dict[tuple[str, str], dict[str, Any]] = {}  # (network, id) -> media/container/blob
        self.used_tokens: set[str] = set()  # rotated refresh tokens that may not be used again
        # rotated refresh tokens still honoured for a grace period: token -> (rotated at, the session given)
        self.rotated_tokens: dict[str, tuple[datetime, dict[str, Any]]] = {}
        self._keys: dict[tuple[str, str, str], tuple[str, datetime]] = {}
        self.oauth: Any = None  # sandbox.oauth.OAuthBook, made on first use
        self._ids: defaultdict[str, itertools.count[int]] = defaultdict(lambda: itertools.count(1001))

    def next_id(self, network: str) -> int:
        return next(self._ids[network])

    # --- posts ---------------------------------------------------------------------------

    def add_post(self, network: str, account: str, external_id: str, text: str, **details: Any) -> Post:
        post = Post(
            network=network,
            account=account,
            external_id=external_id,
            text=text,
            created_at=utc_now(),
            engagement_origin_s=self.engagement.now_s(),
            **details,
        )
        self.posts[(network, external_id)] = post
        self._timelines[(network, account)].append(post)
        return post

    def post(self, network: str, external_id: str) -> Post | None:
        """A live post, or None if it never existed or was deleted."""
        post = self.posts.get((network, external_id))
        return None if post is None or post.deleted else post

    def posts_of(self, network: str, account: str) -> list[Post]:
        """Live posts of one account, newest first."""
        found = [p for p in self._timelines.get((network, account), ()) if not p.deleted]
        return sorted(found, key=lambda p: p.created_at, reverse=True)

    def query(self, network: str | None = None, account: str | None = None) -> list[Post]:
        return [
            p
            for p in self.posts.values()
            if (network is None or p.network == network) and (account is None or p.account == account)
        ]

    def duplicates(self) -> list[dict[str, Any]]:
        groups: defaultdict[tuple[str, str, str], list[Post]] = defaultdict(list)
        for post in self.posts.values():
            groups[(post.network, post.account, post.text)].append(post)
        return [
            {"network": n, "account": a, "text": t, "count": len(ps), "external_ids": [p.external_id for p in ps]}
            for (n, a, t), ps in groups.items()
            if len(ps) > 1
        ]

    # --- engagement ----------------------------------------------------------------------

    def engagement_of(self, post: Post) -> Engagement:
        age_s = self.engagement.now_s() - post.engagement_origin_s
        return engagement_for(f"{post.network}:{post.external_id}", age_s)

    def followers_of(self, network: str, account: str) -> int:
        return followers_for(f"{network}:{account}", self.engagement.now_s())

    # --- idempotency keys ----------------------------------------------------------------

    def recall_key(self, network: str, account: str, key: str, ttl: timedelta) -> Post | None:
        """The post made earlier with this key, if the key is still remembered."""
        remembered = self._keys.get((network, account, key))
        if remembered is None or utc_now() - remembered[1] > ttl:
            return None
        return self.posts.get((network, remembered[0]))

    def remember_key(self, network: str, account: str, key: str, post: Post) -> None:
        self._keys[(network, account, key)] = (post.external_id, utc_now())
