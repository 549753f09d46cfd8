"""What a post may hold, from the catalogue (``smmkit.catalogue``): the imitated networks refuse with the
same check the planner and the publisher run, each answering in its own words."""

from __future__ import annotations

from collections.abc import Iterable

from smmkit.catalogue import Media, Violation, spec
from smmkit.catalogue.spec import MediaKind


def media_kind(content_type: str) -> MediaKind:
    """What a network makes of an upload, by its content type."""
    if content_type == "image/gif":
        return "gif"
    major = content_type.split("/")[0]
    return "image" if major == "image" else "video" if major == "video" else "document"


def violations(
    network: str, text: str, kinds: Iterable[MediaKind] = (), sizes: Iterable[int | None] = (), *,
    with_link: bool = False,
) -> list[Violation]:
    """Every rule of the network's catalogue entry the post breaks; ``sizes`` (bytes) where known."""
    sizes = list(sizes)
    media = [Media(kind, sizes[n] if n < len(sizes) else None) for n, kind in enumerate(kinds)]
    return spec(network).check(text, media, with_link=with_link)
