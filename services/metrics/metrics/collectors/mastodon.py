from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts


class MastodonCollector(Collector):
    """``GET /api/v1/statuses/:id``; public statuses need no token. Mastodon reports no views or clicks."""

    network = "mastodon"

    def _headers(self) -> dict[str, str]:
        token = self.credentials.get("access_token")
        return {"Authorization": f"Bearer {token}"} if token else {}

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        resp, data = await self.get(f"/api/v1/statuses/{external_id}", headers=self._headers())
        if resp.status_code == 404:
            raise PostGone(external_id)
        if resp.status_code >= 400:
            raise self.status_error(resp, _message(resp, data))
        return EngagementCounts(likes=data.get("favourites_count"), reposts=data.get("reblogs_count"),
                                comments=data.get("replies_count"))

    async def fetch_followers(self) -> int | None:
        resp, data = await self.get(f"/api/v1/accounts/{self.require_account()}", headers=self._headers())
        if resp.status_code >= 400:
            raise self.status_error(resp, _message(resp, data))
        return data.get("followers_count")


def _message(resp: Any, data: Any) -> str:
    """Mastodon's errors are ``{"error": "..."}``."""
    return (data.get("error") if isinstance(data, dict) else None) or f"answered {resp.status_code}"
