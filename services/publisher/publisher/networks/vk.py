"""VK community walls through ``wall.post``.

- ``account_ref`` is the community (group) id, e.g. "123456" (a leading "-" is accepted);
  we post as the community: ``owner_id=-<group id>``, ``from_group=1``.
- Idempotency guard: ``guid=<target_id>``; VK answers a repeated guid with the post it
  already made instead of posting again.
- Simplification: no photo upload flow (``photos.getWallUploadServer`` -> upload ->
  ``photos.saveWallPhoto``). VK takes one link attachment per post, so we attach
  ``link`` or else the first media URL as a link; a post that would need more than that
  is refused as "invalid" (code ``media_unsupported``) rather than silently dropping media.
- Errors come with HTTP 200 as ``{"error": {"error_code", "error_msg"}}``, read by
  ``smmkit.catalogue.vk.vk_error`` (the metrics collector reads them the same way). VK sends
  no retry-after; its rate-limit codes get the catalogue's usual waits.

Credentials: ``access_token`` (a community or user token with the wall scope).
"""

from __future__ import annotations

from typing import Any

import httpx

from publisher.networks.base import (
    Adapter,
    Publication,
    PublishedPost,
    parse_time,
)
from smmkit.catalogue.vk import vk_error
from smmkit.networks import NetworkError

API_VERSION = "5.199"


class VkAdapter(Adapter):
    network = "vk"
    has_idempotency_guard = True

    async def publish(self, pub: Publication) -> PublishedPost:
        group = _group_id(pub.account_ref)
        attachments = [pub.link] if pub.link else []
        attachments += [item.url for item in pub.media]
        if len(attachments) > 1:
            raise NetworkError(
                "invalid",
                "VK posts take one link attachment; photo upload is not implemented",
                code="media_unsupported",
            )
        params = {
            "owner_id": f"-{group}",
            "from_group": "1",
            "message": self.sent_text(pub),
            "guid": str(pub.target_id),
            **({"attachments": attachments[0]} if attachments else {}),
        }
        answer = await self._method("wall.post", params, write=True)
        post_id = f"-{group}_{answer['post_id']}"
        return PublishedPost(external_id=post_id, url=f"https://vk.com/wall{post_id}")

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        group = _group_id(pub.account_ref)
        answer = await self._method(
            "wall.get", {"owner_id": f"-{group}", "count": "50", "filter": "owner"}, write=False
        )
        return self._first_ours(
            pub,
            (
                (
                    PublishedPost(f"-{group}_{p['id']}", f"https://vk.com/wall-{group}_{p['id']}"),
                    p.get("text", ""),
                    parse_time(p.get("date")),
                )
                for p in answer.get("items", [])
            ),
        )

    def sent_text(self, pub: Publication) -> str:
        return pub.text  # links travel as attachments, never in the text

    async def _method(self, name: str, params: dict[str, str], *, write: bool) -> Any:
        # The token goes in the form body, never in the URL (URLs end up in logs).
        form = {**params, "access_token": self._credential("access_token"), "v": API_VERSION}
        return (await self._send("POST", f"method/{name}", write=write, data=form))["response"]

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        return vk_error(response, body, write=write)


def _group_id(account_ref: str) -> str:
    return account_ref.strip().removeprefix("-")
