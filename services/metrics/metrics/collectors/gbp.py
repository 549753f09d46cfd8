from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.catalogue.gbp import gbp_error, gbp_status
from smmkit.events import EngagementCounts
from smmkit.networks import transport_errors

_VIEWS, _CLICKS = "LOCAL_POST_VIEWS_SEARCH", "LOCAL_POST_ACTIONS_CALL_TO_ACTION"


class GbpCollector(Collector):
    """A local post's state (``GET /v4/{name}``: a deleted one answers NOT_FOUND) and its insights
    (``POST .../localPosts:reportInsights``): search views as views, call-to-action clicks as clicks. Local
    posts have no likes, comments or shares, and a business profile no followers: those are null.
    ``account_ref`` is the location, "accounts/{account}/locations/{location}"."""

    network = "gbp"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential('access_token')}"}

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        resp, data = await self.get(f"/v4/{external_id}", headers=self._headers())
        if self.errors.is_not_found(gbp_status(data)):
            raise PostGone(external_id)
        self._raise_for(resp, data)
        location = self.require_account().strip("/")
        body = {"localPostNames": [external_id], "basicRequest": {
            "metricRequests": [{"metric": _VIEWS}, {"metric": _CLICKS}],
            "timeRange": {"startTime": data.get("createTime") or "1970-01-01T00:00:00Z",
                          "endTime": "2100-01-01T00:00:00Z"}}}
        resp, data = await self._post(f"/v4/{location}/localPosts:reportInsights", json=body)
        self._raise_for(resp, data)
        values: dict[str, int | None] = {}
        for metrics in (data or {}).get("localPostMetrics", []):
            if metrics.get("localPostName") == external_id:
                for value in metrics.get("metricValues", []):
                    total = (value.get("totalValue") or {}).get("value")
                    values[value.get("metric")] = int(total) if total is not None else None
        return EngagementCounts(views=values.get(_VIEWS), clicks=values.get(_CLICKS))

    async def fetch_followers(self) -> int | None:
        return None  # a Business Profile has no followers to read

    async def _post(self, path: str, **kwargs: Any) -> tuple[Any, Any]:
        """A read that Google makes a POST (insights), through the same gate as ``get``."""
        if self._gate is not None:
            await self._gate()
        with transport_errors(write=False):
            response = await self.http.post(path, headers=self._headers(), **kwargs)
        try:
            return response, (response.json() if response.content else None)
        except ValueError:
            return response, None

    @staticmethod
    def _raise_for(resp: Any, data: Any) -> None:
        if (error := gbp_error(resp, data, write=False)) is not None:
            raise error
