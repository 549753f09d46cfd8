"""Tracked links: every http(s) URL of a target's text and link goes through attribution's redirect.

The destination gets UTM tags (source = network, medium = social, campaign, content = target id)
and the whole is signed (``smmkit.links``). The rewrite is a pure function of the target, so every
retry sends byte-identical text, which reconciliation matches exactly.
"""
import uuid
from collections.abc import Callable

from smmkit.catalogue.text import find_urls
from smmkit.links import tracked_url, with_utm


def track(url: str, *, public_base: str, secret: str, target_id: uuid.UUID, network: str,
          campaign: str | None) -> str:
    if url.startswith(public_base.rstrip("/") + "/r/"):
        return url  # already one of ours
    destination = with_utm(url, source=network, campaign=campaign, content=str(target_id))
    return tracked_url(public_base, secret, target_id, destination)


def tracked_text(text: str, **kwargs) -> str:
    """``text`` with each URL replaced by its tracked link (``kwargs`` as for ``track``)."""
    return rewrite_urls(text, lambda url: track(url, **kwargs))


def rewrite_urls(text: str, rewrite: Callable[[str], str]) -> str:
    """``text`` with each URL replaced by ``rewrite(url)``."""
    out, last = [], 0
    for start, end in find_urls(text):
        out += [text[last:start], rewrite(text[start:end])]
        last = end
    out.append(text[last:])
    return "".join(out)
