"""What Facebook Pages, Instagram and Threads share: Meta's Graph API conventions.

- Errors and rate-limit headers are read by ``smmkit.catalogue.graph.graph_error``, the same
  reading the metrics collectors use (codes in the catalogue's ``GRAPH_ERRORS``).
- Instagram and Threads publish in two steps: create a media container, wait until it
  is processed, then publish it (``ContainerAdapter``).
"""

from __future__ import annotations

import asyncio
import time
from abc import abstractmethod
from typing import Any, ClassVar

import httpx

from publisher.networks.base import (
    Adapter,
    MediaItem,
    Publication,
    PublishedPost,
    final_text,
    parse_time,
    refresh_failures,
)
from smmkit.catalogue.graph import GRAPH_VERSION, graph_error
from smmkit.networks import NetworkError


class GraphAdapter(Adapter):
    graph_version: ClassVar[str] = GRAPH_VERSION

    def _path(self, *parts: str) -> str:
        return "/".join((self.graph_version, *parts))

    async def _graph(self, method: str, *parts: str, write: bool, token: str | None = None, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {token or self._credential('access_token')}"}
        return await self._send(method, self._path(*parts), write=write, headers=headers, **kwargs)

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        # 506 (duplicate) is "invalid" here; the Facebook adapter reconciles it.
        return graph_error(response, body, write=write, now=self._now)

    async def _exchange_for_long_lived(self, user_token: str) -> str:
        """Swap a user token for a fresh long-lived one (about 60 days)."""
        params = {
            "grant_type": "fb_exchange_token",
            "client_id": self._credential("app_id"),
            "client_secret": self._credential("app_secret"),
            "fb_exchange_token": user_token,
        }
        with refresh_failures():
            answer = await self._send("GET", self._path("oauth", "access_token"), write=False, params=params)
        return str(answer["access_token"])


class ContainerAdapter(GraphAdapter):
    """Two-step publishing: a container per media item (plus a carousel container),
    wait for processing, then publish. Instagram and Threads differ only in names."""

    media_edge: ClassVar[str]  # where containers are created: "media" / "threads"
    publish_edge: ClassVar[str]  # "media_publish" / "threads_publish"
    status_field: ClassVar[str]  # "status_code" / "status"
    text_param: ClassVar[str]  # "caption" / "text"
    container_poll_s: float = 2.0
    container_timeout_s: float = 120.0

    @abstractmethod
    def _item_params(self, item: MediaItem) -> dict[str, str]:
        """Container parameters for one media item."""

    def _text_only_params(self, pub: Publication) -> dict[str, str]:
        raise NetworkError("invalid", f"{self.network} posts need at least one image or video", code="media_required")

    async def publish(self, pub: Publication) -> PublishedPost:
        user = pub.account_ref
        text = {self.text_param: final_text(pub)}
        if not pub.media:
            container = await self._container(user, {**self._text_only_params(pub), **text})
        elif len(pub.media) == 1:
            container = await self._container(user, {**self._item_params(pub.media[0]), **text})
        else:
            children = [
                await self._container(user, {**self._item_params(m), "is_carousel_item": "true"}) for m in pub.media
            ]
            for child in children:  # a carousel may only name processed items
                await self._wait_until_ready(child)
            container = await self._container(user, {"media_type": "CAROUSEL", "children": ",".join(children), **text})
        await self._wait_until_ready(container)
        published = await self._graph("POST", user, self.publish_edge, write=True, data={"creation_id": container})
        return PublishedPost(external_id=published["id"], url=await self._permalink(published["id"]))

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        fields = f"id,{self.text_param},timestamp,permalink"
        page = await self._graph(
            "GET", pub.account_ref, self.media_edge, write=False,
            params={"fields": fields, "limit": 100, "since": int(self._reconcile_since(pub).timestamp())},
        )
        return self._first_ours(
            pub,
            (
                (
                    PublishedPost(item["id"], item.get("permalink", "")),
                    item.get(self.text_param, ""),
                    parse_time(item.get("timestamp")),
                )
                for item in page.get("data", [])
            ),
        )

    async def _container(self, user: str, params: dict[str, str]) -> str:
        # Creating a container publishes nothing, so a lost answer is merely "transient".
        return (await self._graph("POST", user, self.media_edge, write=False, data=params))["id"]

    async def _wait_until_ready(self, container: str) -> None:
        deadline = time.monotonic() + self.container_timeout_s
        while True:
            answer = await self._graph("GET", container, write=False, params={"fields": self.status_field})
            status = answer.get(self.status_field)
            if status == "FINISHED":
                return
            if status in ("ERROR", "EXPIRED"):
                raise NetworkError("invalid", f"media container {status.lower()}", code=f"container_{status.lower()}")
            if time.monotonic() >= deadline:
                raise NetworkError("transient", "media is still being processed", code="container_in_progress")
            await asyncio.sleep(self.container_poll_s)

    async def _permalink(self, media_id: str) -> str:
        """The post exists already; a failed permalink lookup must not turn it into a failure."""
        try:
            answer = await self._graph("GET", media_id, write=False, params={"fields": "permalink"})
        except NetworkError:
            return ""
        return str(answer.get("permalink", ""))
