"""Threads through the Threads Graph API (``graph.threads.net``).

Publishing is two-step (see ``ContainerAdapter``): ``POST /{user-id}/threads`` with
``media_type`` TEXT, IMAGE (``image_url``), VIDEO (``video_url``) or CAROUSEL (children),
then ``POST /{user-id}/threads_publish``. The link, if any, is appended to the text.

Text (the catalogue's): at most 500 characters, emoji counted as their UTF-8 bytes, URLs counted
in full (Threads does not shorten them). ``fits`` lets the publisher keep tracked links within that
(see ``publication_of``); a text too long even so is refused by the publisher before anything is sent.

Credentials: ``access_token`` (long-lived, 60 days). ``refresh_credentials`` renews it
with ``GET /refresh_access_token?grant_type=th_refresh_token`` (the API takes the token
as a query parameter; our HTTP client scrubs it from logs).
"""

from __future__ import annotations

from publisher.networks.base import MediaItem, Publication, refresh_failures
from publisher.networks.graph import ContainerAdapter
from smmkit.networks import NetworkError


class ThreadsAdapter(ContainerAdapter):
    network = "threads"
    graph_version = "v1.0"
    media_edge = "threads"
    publish_edge = "threads_publish"
    status_field = "status"
    text_param = "text"

    def _item_params(self, item: MediaItem) -> dict[str, str]:
        if item.kind == "image":
            return {"media_type": "IMAGE", "image_url": item.url}
        if item.kind == "video":
            return {"media_type": "VIDEO", "video_url": item.url}
        raise NetworkError("invalid", f"Threads does not take {item.kind} media", code="media_kind")

    def _text_only_params(self, pub: Publication) -> dict[str, str]:
        return {"media_type": "TEXT"}

    async def refresh_credentials(self) -> dict[str, str] | None:
        params = {"grant_type": "th_refresh_token", "access_token": self._credential("access_token")}
        with refresh_failures():
            answer = await self._send("GET", "refresh_access_token", write=False, params=params)
        return self._renewed(answer)
