"""One collector per network: reads a post's counters and an account's followers from that network."""
from metrics.collectors.base import Collector, PostGone
from metrics.collectors.bluesky import BlueskyCollector
from metrics.collectors.facebook import FacebookCollector
from metrics.collectors.instagram import InstagramCollector
from metrics.collectors.linkedin import LinkedInCollector
from metrics.collectors.mastodon import MastodonCollector
from metrics.collectors.telegram import TelegramCollector
from metrics.collectors.threads import ThreadsCollector
from metrics.collectors.vk import VkCollector
from metrics.collectors.x import XCollector

COLLECTORS: dict[str, type[Collector]] = {c.network: c for c in (
    TelegramCollector, VkCollector, MastodonCollector, BlueskyCollector, XCollector, FacebookCollector,
    InstagramCollector, LinkedInCollector, ThreadsCollector)}

__all__ = ["COLLECTORS", "Collector", "PostGone"]
