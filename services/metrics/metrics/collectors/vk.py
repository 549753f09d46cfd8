from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.events import EngagementCounts
from smmkit.networks import NetworkError

API_VERSION = "5.199"
_RATE_LIMITED, _AUTH, _TRANSIENT = {6, 9, 29}, {5}, {1, 10}


class VkCollector(Collector):
    """``wall.getById`` (likes, reposts, comments, views; a deleted post is simply missing) and
    ``groups.getById`` (``members_count``). VK answers errors with HTTP 200. No click counts."""

    network = "vk"

    async def _call(self, method: str, **params: str) -> Any:
        resp, data = await self.get(f"/method/{method}", params={
            **params, "access_token": self.credential("access_token"), "v": API_VERSION})
        if resp.status_code >= 400:
            raise self.status_error(resp, f"{method} answered {resp.status_code}")
        error = (data or {}).get("error")
        if error:
            code = error.get("error_code")
            kind = ("rate_limited" if code in _RATE_LIMITED else "auth_expired" if code in _AUTH
                    else "transient" if code in _TRANSIENT else "invalid")
            raise NetworkError(kind, f"vk: {method} error {code}", code=str(code))
        return data["response"]

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        items = (await self._call("wall.getById", posts=external_id.removeprefix("wall"))).get("items", [])
        if not items:
            raise PostGone(external_id)
        item = items[0]

        def count(name: str) -> int | None:
            return (item.get(name) or {}).get("count")

        return EngagementCounts(likes=count("likes"), reposts=count("reposts"), comments=count("comments"),
                                views=count("views"))

    async def fetch_followers(self) -> int | None:
        groups = (await self._call("groups.getById", group_id=self.require_account().removeprefix("-"),
                                   fields="members_count")).get("groups", [])
        return groups[0].get("members_count") if groups else None
