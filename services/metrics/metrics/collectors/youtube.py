from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.catalogue.youtube import google_error
from smmkit.events import EngagementCounts


def _count(value: Any) -> int | None:
    """YouTube's counters are strings ("1234"), and absent where the owner hid them."""
    return None if value is None else int(value)


class YouTubeCollector(Collector):
    """``GET /youtube/v3/videos?part=statistics&id=`` (views, likes, comments; a deleted video is simply
    absent from ``items``) and ``GET /youtube/v3/channels?part=statistics&id=`` (subscribers, None when the
    channel hides them). YouTube reports no reposts or link clicks. Each call costs 1 quota unit."""

    network = "youtube"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential('access_token')}"}

    async def _items(self, path: str, ident: str) -> list[dict[str, Any]]:
        resp, data = await self.get(path, params={"part": "statistics", "id": ident}, headers=self._headers())
        if error := google_error(resp, data, write=False):
            raise error
        return (data or {}).get("items") or []

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        items = await self._items("/youtube/v3/videos", external_id)
        if not items:
            raise PostGone(external_id)
        s = items[0].get("statistics") or {}
        return EngagementCounts(likes=_count(s.get("likeCount")), comments=_count(s.get("commentCount")),
                                views=_count(s.get("viewCount")))

    async def fetch_followers(self) -> int | None:
        items = await self._items("/youtube/v3/channels", self.require_account())
        s = (items[0].get("statistics") or {}) if items else {}
        return None if s.get("hiddenSubscriberCount") else _count(s.get("subscriberCount"))
