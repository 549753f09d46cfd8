from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.catalogue.vk import SPEC, vk_code, vk_error
from smmkit.events import EngagementCounts

API_VERSION = "5.199"


class VkCollector(Collector):
    """``wall.getById`` (likes, reposts, comments, views; a deleted post is simply missing) and
    ``groups.getById`` (``members_count``). VK answers errors with HTTP 200; they are read as the
    publisher reads them (``smmkit.catalogue.vk``). No click counts."""

    network = "vk"

    async def _call(self, method: str, *, post: str | None = None, **params: str) -> Any:
        """The method's ``response``; ``post``: the post asked about, gone when VK says "not found"."""
        resp, data = await self.get(f"/method/{method}", params={
            **params, "access_token": self.credential("access_token"), "v": API_VERSION})
        if post is not None and (code := vk_code(data)) is not None and SPEC.errors.is_not_found(code):
            raise PostGone(post)
        error = vk_error(resp, data, write=False)
        if error is not None:
            raise error
        return data["response"]

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        items = (await self._call("wall.getById", post=external_id,
                                  posts=external_id.removeprefix("wall"))).get("items", [])
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
