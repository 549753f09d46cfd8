from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts


class XCollector(Collector):
    """``GET /2/tweets/:id?tweet.fields=public_metrics`` (a missing tweet is HTTP 200 with an
    ``errors`` array) and ``GET /2/users/:id?user.fields=public_metrics``. Link clicks are not
    among the public metrics: null. Reposts include quotes."""

    network = "x"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential('access_token')}"}

    def _check(self, resp: Any, data: Any) -> None:
        if resp.status_code >= 400:
            body = data if isinstance(data, dict) else {}
            raise self.status_error(resp, body.get("detail") or body.get("title") or f"answered {resp.status_code}")

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        resp, data = await self.get(f"/2/tweets/{external_id}", params={"tweet.fields": "public_metrics"},
                                    headers=self._headers())
        self._check(resp, data)
        if "data" not in (data or {}):
            if any(str(e.get("type", "")).endswith("resource-not-found") for e in (data or {}).get("errors", [])):
                raise PostGone(external_id)
            raise self.status_error(resp, "no tweet in the answer")
        m = data["data"].get("public_metrics") or {}
        reposts = m.get("retweet_count")
        if reposts is not None and m.get("quote_count") is not None:
            reposts += m["quote_count"]
        return EngagementCounts(likes=m.get("like_count"), reposts=reposts, comments=m.get("reply_count"),
                                views=m.get("impression_count"))

    async def fetch_followers(self) -> int | None:
        resp, data = await self.get(f"/2/users/{self.require_account()}", params={"user.fields": "public_metrics"},
                                    headers=self._headers())
        self._check(resp, data)
        return ((data or {}).get("data", {}).get("public_metrics") or {}).get("followers_count")
