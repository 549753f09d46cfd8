from metrics.collectors.base import insight_values
from metrics.collectors.facebook import GraphCollector
from smmkit.events import EngagementCounts


class InstagramCollector(GraphCollector):
    """``/{media}?fields=like_count,comments_count`` and ``/{media}/insights?metric=views,shares``.
    Instagram reports no link clicks per media: null."""

    network = "instagram"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        media = await self.graph(external_id, fields="like_count,comments_count")
        stats = insight_values(await self.graph(f"{external_id}/insights", metric="views,shares"))
        return EngagementCounts(likes=media.get("like_count"), comments=media.get("comments_count"),
                                reposts=stats.get("shares"), views=stats.get("views"))

    async def fetch_followers(self) -> int | None:
        return (await self.graph(self.require_account(), fields="followers_count")).get("followers_count")
