"""The media a post needs on networks that take none without it (Instagram, Pinterest, YouTube, TikTok)."""
from __future__ import annotations

from publisher.networks.base import MediaItem
from sandbox.client import SandboxControl
from smmkit.catalogue import spec


def required_media(network: str, sandbox: SandboxControl) -> tuple[MediaItem, ...]:
    """One item where the network needs media: an image (the network fetches it itself), else the
    sandbox's sample video, which the adapter uploads (its media fetcher must allow 127.0.0.0/8)."""
    rules = spec(network).media
    if not rules.required:
        return ()
    if rules.max_images:
        return (MediaItem("https://cdn.example.com/a.jpg"),)
    return (MediaItem(sandbox.media_url("a.mp4"), "video"),)
