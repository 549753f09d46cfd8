"""Network adapters: one module per network, all speaking ``base.Adapter``.

``ADAPTERS`` maps the network name stored on a publication target to its adapter class.
Build one with ``ADAPTERS[name](http=make_http_client(base_url), credentials=...)``;
pass ``media=MediaFetcher(MediaPolicy(allowed_networks=...))`` to let media downloads
reach a non-public host such as the sandbox.
"""

from publisher.networks.base import Adapter, MediaItem, Publication, PublishedPost
from publisher.networks.bluesky import BlueskyAdapter
from publisher.networks.facebook import FacebookAdapter
from publisher.networks.instagram import InstagramAdapter
from publisher.networks.linkedin import LinkedInAdapter
from publisher.networks.mastodon import MastodonAdapter
from publisher.networks.telegram import TelegramAdapter
from publisher.networks.threads import ThreadsAdapter
from publisher.networks.vk import VkAdapter
from publisher.networks.x import XAdapter

ADAPTERS: dict[str, type[Adapter]] = {
    adapter.network: adapter
    for adapter in (
        TelegramAdapter,
        VkAdapter,
        MastodonAdapter,
        BlueskyAdapter,
        XAdapter,
        FacebookAdapter,
        InstagramAdapter,
        LinkedInAdapter,
        ThreadsAdapter,
    )
}

__all__ = ["ADAPTERS", "Adapter", "MediaItem", "Publication", "PublishedPost"]
