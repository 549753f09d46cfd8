from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts
from smmkit.networks import NetworkError


class MastodonCollector(Collector):
    """``GET /api/v1/statuses/:id``; public statuses need no token. Mastodon reports no views or clicks."""

    network = "mastodon"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        headers = {"Authorization": f"Bearer {self.credentials['access_token']}"} if "access_token" in self.credentials else {}
        resp = await self.http.get(f"/api/v1/statuses/{external_id}", headers=headers)
        if resp.status_code == 404:
            raise PostGone(external_id)
        if resp.status_code == 429:
            raise NetworkError("rate_limited", "mastodon rate limit", status=429)
        if resp.status_code >= 400:
            raise NetworkError("transient" if resp.status_code >= 500 else "invalid",
                               f"mastodon answered {resp.status_code}", status=resp.status_code)
        data = resp.json()
        return EngagementCounts(likes=data.get("favourites_count"), reposts=data.get("reblogs_count"),
                                comments=data.get("replies_count"))
