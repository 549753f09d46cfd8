from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.catalogue.tiktok import tiktok_error
from smmkit.events import EngagementCounts
from smmkit.networks import transport_errors

_VIDEO_FIELDS = "id,like_count,comment_count,share_count,view_count"


class TikTokCollector(Collector):
    """``POST /v2/video/query/`` (likes, comments, shares, views of the token's creator's own videos; a deleted
    or private video is simply absent) and ``GET /v2/user/info/?fields=follower_count`` (the token's creator:
    ``account_ref`` is their ``open_id``). TikTok reports no link clicks."""

    network = "tiktok"

    async def _data(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """One call through the shared gate (the base's ``get`` is GET only; the video query is a POST)."""
        if self._gate is not None:
            await self._gate()
        with transport_errors(write=False):
            response = await self.http.request(
                method, path, headers={"Authorization": f"Bearer {self.credential('access_token')}"}, **kwargs)
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        if error := tiktok_error(response, body, write=False):
            raise error
        return (body or {}).get("data") or {}

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        data = await self._data("POST", "/v2/video/query/", params={"fields": _VIDEO_FIELDS},
                                json={"filters": {"video_ids": [external_id]}})
        videos = [v for v in data.get("videos") or [] if str(v.get("id")) == external_id]
        if not videos:
            raise PostGone(external_id)
        v = videos[0]
        return EngagementCounts(likes=v.get("like_count"), reposts=v.get("share_count"),
                                comments=v.get("comment_count"), views=v.get("view_count"))

    async def fetch_followers(self) -> int | None:
        data = await self._data("GET", "/v2/user/info/", params={"fields": "open_id,follower_count"})
        return (data.get("user") or {}).get("follower_count")
