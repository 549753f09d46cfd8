"""Instagram professional accounts through the Graph API (Facebook Login flavour).

Publishing is two-step (see ``ContainerAdapter``): ``POST /{ig-user-id}/media`` with an
``image_url`` (or ``video_url`` as a Reel), children for a carousel, then
``POST /{ig-user-id}/media_publish``. Instagram downloads the media itself, so no bytes
pass through us. A post needs at least one image or video; GIFs and documents are
refused before any call. The link, if any, is appended to the caption (captions do not
link, but the reader can copy it). Captions hold 2,200 characters (the catalogue's), URLs counted
in full: ``fits`` lets the publisher keep tracked links within that (see ``publication_of``).

Credentials: ``access_token`` (a long-lived user token). ``refresh_credentials`` swaps it
for a fresh long-lived token when ``app_id`` and ``app_secret`` are present.
"""

from __future__ import annotations

from publisher.networks.base import MediaItem
from publisher.networks.graph import ContainerAdapter
from smmkit.networks import NetworkError


class InstagramAdapter(ContainerAdapter):
    network = "instagram"
    media_edge = "media"
    publish_edge = "media_publish"
    status_field = "status_code"
    text_param = "caption"

    def _item_params(self, item: MediaItem) -> dict[str, str]:
        if item.kind == "image":
            return {"image_url": item.url}
        if item.kind == "video":
            return {"media_type": "REELS", "video_url": item.url}
        raise NetworkError("invalid", f"Instagram does not take {item.kind} media", code="media_kind")

    async def refresh_credentials(self) -> dict[str, str] | None:
        if not self._credentials.get("app_secret"):
            return None
        token = await self._exchange_for_long_lived(self._credential("access_token"))
        return self._renewed({"access_token": token})
