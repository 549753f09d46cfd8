from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.catalogue.reddit import reddit_error
from smmkit.events import EngagementCounts

USER_AGENT = "server:smm-platform:v1 (multi-tenant scheduler)"


class RedditCollector(Collector):
    """``GET /api/info?id=t3_...``: score as likes, comments, crossposts as reposts (Reddit shows no views or
    clicks to the API). A deleted or removed post stays listed, with author "[deleted]" or a
    ``removed_by_category``: gone. Followers are the subreddit's subscribers (``/r/{sub}/about``);
    ``account_ref`` is the subreddit."""

    network = "reddit"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential('access_token')}", "User-Agent": USER_AGENT}

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        _, data = await self._read("/api/info", params={"id": external_id, "raw_json": 1})
        things = [c.get("data") or {} for c in ((data or {}).get("data") or {}).get("children", [])]
        post = next((t for t in things if t.get("name") == external_id), None)
        if post is None or post.get("removed_by_category") or post.get("author") == "[deleted]":
            raise PostGone(external_id)
        return EngagementCounts(likes=post.get("score"), comments=post.get("num_comments"),
                                reposts=post.get("num_crossposts"), views=post.get("view_count"))

    async def fetch_followers(self) -> int | None:
        subreddit = self.require_account().strip().removeprefix("/").removeprefix("r/").strip("/")
        _, data = await self._read(f"/r/{subreddit}/about")
        return ((data or {}).get("data") or {}).get("subscribers")

    async def _read(self, path: str, **kwargs: Any) -> tuple[Any, Any]:
        resp, data = await self.get(path, headers=self._headers(), **kwargs)
        if (error := reddit_error(resp, data, write=False)) is not None:
            raise error
        return resp, data
