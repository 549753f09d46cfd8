from metrics.collectors.base import Collector, graph_error, insight_values
from smmkit.events import EngagementCounts

GRAPH_VERSION = "v21.0"


class GraphCollector(Collector):
    """Shared by the Meta networks: a Graph GET with the account's token and Graph errors."""

    graph_version = GRAPH_VERSION

    async def graph(self, path: str, **params: str) -> dict:
        resp, data = await self.get(f"/{self.graph_version}/{path}", params=params,
                                    headers={"Authorization": f"Bearer {self.credential('access_token')}"})
        error = graph_error(self, resp, data)
        if error is not None:
            raise error
        return data or {}


class FacebookCollector(GraphCollector):
    """Page posts: ``/{post}?fields=reactions.summary(true),comments.summary(true),shares`` (``shares``
    is absent while it is zero, as on Facebook) and ``/{post}/insights`` (post_impressions,
    post_clicks). Followers: ``/{page}?fields=followers_count``."""

    network = "facebook"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        post = await self.graph(external_id, fields="reactions.summary(true),comments.summary(true),shares")
        stats = insight_values(await self.graph(f"{external_id}/insights", metric="post_impressions,post_clicks"))
        return EngagementCounts(
            likes=((post.get("reactions") or {}).get("summary") or {}).get("total_count"),
            comments=((post.get("comments") or {}).get("summary") or {}).get("total_count"),
            reposts=(post.get("shares") or {}).get("count", 0),
            views=stats.get("post_impressions"), clicks=stats.get("post_clicks"))

    async def fetch_followers(self) -> int | None:
        return (await self.graph(self.require_account(), fields="followers_count")).get("followers_count")
