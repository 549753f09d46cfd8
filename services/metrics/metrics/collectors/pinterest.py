from datetime import UTC, datetime, timedelta
from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts

_METRICS = "IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,TOTAL_COMMENTS,TOTAL_REACTIONS"
_ANALYTICS_DAYS = 89  # Pin analytics reach back at most 90 days


class PinterestCollector(Collector):
    """``GET /v5/pins/{id}/analytics`` (summary over the last 90 days: impressions, saves, reactions,
    comments, outbound clicks; a deleted Pin answers 404) and ``GET /v5/boards/{id}`` (the board's
    ``follower_count``: ``account_ref`` is the board Pins go to). Saves are Pinterest's reposts."""

    network = "pinterest"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential('access_token')}"}

    def _check(self, resp: Any, data: Any) -> None:
        if resp.status_code >= 400:
            body = data if isinstance(data, dict) else {}
            raise self.status_error(resp, body.get("message") or f"answered {resp.status_code}")

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        today = datetime.now(UTC).date()
        resp, data = await self.get(f"/v5/pins/{external_id}/analytics", headers=self._headers(), params={
            "start_date": (today - timedelta(days=_ANALYTICS_DAYS)).isoformat(), "end_date": today.isoformat(),
            "metric_types": _METRICS})
        if resp.status_code == 404:
            raise PostGone(external_id)
        self._check(resp, data)
        m = ((data or {}).get("all") or {}).get("summary_metrics") or {}
        return EngagementCounts(likes=m.get("TOTAL_REACTIONS"), reposts=m.get("SAVE"), comments=m.get("TOTAL_COMMENTS"),
                                views=m.get("IMPRESSION"), clicks=m.get("OUTBOUND_CLICK"))

    async def fetch_followers(self) -> int | None:
        resp, data = await self.get(f"/v5/boards/{self.require_account()}", headers=self._headers())
        self._check(resp, data)
        return (data or {}).get("follower_count")
