from typing import Any

import httpx

from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts


class BlueskyCollector(Collector):
    """The public AppView (``METRICS_NETWORK_READ_URLS``; a bare PDS answers these reads 400 "No
    service configured"): ``app.bsky.feed.getPosts`` (a deleted post is absent) and
    ``app.bsky.actor.getProfile``. No credentials needed; Bluesky reports no views or clicks.
    Reposts include quote posts. Errors are atproto's ``{"error", "message"}``, kinds from the catalogue."""

    network = "bluesky"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        resp, data = await self.get("/xrpc/app.bsky.feed.getPosts", params={"uris": external_id})
        self._check(resp, data)
        posts = [p for p in (data or {}).get("posts", []) if p.get("uri") == external_id]
        if not posts:
            raise PostGone(external_id)
        post = posts[0]
        reposts = post.get("repostCount")
        if reposts is not None and post.get("quoteCount") is not None:
            reposts += post["quoteCount"]
        return EngagementCounts(likes=post.get("likeCount"), reposts=reposts, comments=post.get("replyCount"))

    async def fetch_followers(self) -> int | None:
        resp, data = await self.get("/xrpc/app.bsky.actor.getProfile", params={"actor": self.require_account()})
        self._check(resp, data)
        return data.get("followersCount")

    def _check(self, resp: httpx.Response, data: Any) -> None:
        if resp.status_code >= 400:
            body = data if isinstance(data, dict) else {}
            raise self.status_error(resp, body.get("message") or body.get("error") or f"answered {resp.status_code}",
                                    code=body.get("error"))
