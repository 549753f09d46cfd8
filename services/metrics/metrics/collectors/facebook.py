from metrics.collectors.base import Collector, PostGone, insight_values
from smmkit.catalogue.graph import GRAPH_ERRORS, GRAPH_VERSION, graph_code, graph_error
from smmkit.events import EngagementCounts


class GraphCollector(Collector):
    """Shared by the Meta networks: a Graph GET with the account's token; errors read as the
    publisher reads them (``smmkit.catalogue.graph``), a deleted object is ``PostGone``."""

    graph_version = GRAPH_VERSION

    async def graph(self, path: str, **params: str) -> dict:
        resp, data = await self.get(f"/{self.graph_version}/{path}", params=params,
                                    headers={"Authorization": f"Bearer {self.credential('access_token')}"})
        if (found := graph_code(data)) and GRAPH_ERRORS.is_not_found(*found):
            raise PostGone(path)
        error = graph_error(resp, data, write=False)
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
