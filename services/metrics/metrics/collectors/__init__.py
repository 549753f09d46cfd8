"""One collector per network: reads a post's counters from that network's statistics endpoints."""
from metrics.collectors.base import Collector, PostGone
from metrics.collectors.mastodon import MastodonCollector

COLLECTORS: dict[str, type[Collector]] = {c.network: c for c in (MastodonCollector,)}

__all__ = ["COLLECTORS", "Collector", "PostGone"]
