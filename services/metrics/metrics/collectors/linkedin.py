from urllib.parse import quote

from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts

API_VERSION = "202605"


class LinkedInCollector(Collector):
    """Organization shares: ``/rest/organizationalEntityShareStatistics`` (likes, comments, shares,
    impressions, clicks) and ``/rest/networkSizes/{org}`` (followers). ``account_ref`` is the
    organization URN. A deleted post answers 404."""

    network = "linkedin"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential('access_token')}", "LinkedIn-Version": API_VERSION,
                "X-Restli-Protocol-Version": "2.0.0"}

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        resp, data = await self.get("/rest/organizationalEntityShareStatistics", headers=self._headers(), params={
            "q": "organizationalEntity", "organizationalEntity": self.require_account(),
            "shares": f"List({external_id})"})
        if resp.status_code == 404:
            raise PostGone(external_id)
        if resp.status_code >= 400:
            raise self.status_error(resp, (data or {}).get("message", f"answered {resp.status_code}"))
        rows = [e for e in (data or {}).get("elements", []) if e.get("share") == external_id]
        if not rows:
            raise PostGone(external_id)
        s = rows[0].get("totalShareStatistics") or {}
        return EngagementCounts(likes=s.get("likeCount"), comments=s.get("commentCount"), reposts=s.get("shareCount"),
                                views=s.get("impressionCount"), clicks=s.get("clickCount"))

    async def fetch_followers(self) -> int | None:
        resp, data = await self.get(f"/rest/networkSizes/{quote(self.require_account(), safe=':')}",
                                    params={"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"}, headers=self._headers())
        if resp.status_code >= 400:
            raise self.status_error(resp, (data or {}).get("message", f"answered {resp.status_code}"))
        return data.get("firstDegreeSize")
