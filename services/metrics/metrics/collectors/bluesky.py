from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts


class BlueskyCollector(Collector):
    """The public AppView: ``app.bsky.feed.getPosts`` (a deleted post is absent) and
    ``app.bsky.actor.getProfile``. No credentials needed; Bluesky reports no views or clicks.
    Reposts include quote posts."""

    network = "bluesky"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        resp, data = await self.get("/xrpc/app.bsky.feed.getPosts", params={"uris": external_id})
        if resp.status_code >= 400:
            raise self.status_error(resp, (data or {}).get("error", f"answered {resp.status_code}"))
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
        if resp.status_code >= 400:
            raise self.status_error(resp, (data or {}).get("error", f"answered {resp.status_code}"))
        return data.get("followersCount")
