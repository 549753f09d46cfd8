from metrics.collectors.base import insight_values
from metrics.collectors.facebook import GraphCollector
from smmkit.events import EngagementCounts


class ThreadsCollector(GraphCollector):
    """``/{media}/insights?metric=views,likes,replies,reposts,quotes`` and
    ``/{user}/threads_insights?metric=followers_count``. No link clicks: null. Reposts include quotes."""

    network = "threads"
    graph_version = "v1.0"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        stats = insight_values(await self.graph(f"{external_id}/insights", metric="views,likes,replies,reposts,quotes"))
        reposts = stats.get("reposts")
        if reposts is not None and stats.get("quotes") is not None:
            reposts += stats["quotes"]
        return EngagementCounts(likes=stats.get("likes"), comments=stats.get("replies"), reposts=reposts,
                                views=stats.get("views"))

    async def fetch_followers(self) -> int | None:
        stats = insight_values(await self.graph(f"{self.require_account()}/threads_insights", metric="followers_count"))
        return stats.get("followers_count")
