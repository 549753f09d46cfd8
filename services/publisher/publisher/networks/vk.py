"""VK community walls through ``wall.post``.

- ``account_ref`` is the community (group) id, e.g. "123456" (a leading "-" is accepted);
  we post as the community: ``owner_id=-<group id>``, ``from_group=1``.
- Idempotency guard: ``guid=<target_id>``; VK answers a repeated guid with the post it
  already made instead of posting again.
- Simplification: no photo upload flow (``photos.getWallUploadServer`` -> upload ->
  ``photos.saveWallPhoto``). VK takes one link attachment per post, so we attach
  ``link`` or else the first media URL as a link; a post that would need more than that
  is refused as "invalid" (code ``media_unsupported``) rather than silently dropping media.
- Errors come with HTTP 200 as ``{"error": {"error_code", "error_msg"}}``. VK sends no
  retry-after; for its rate-limit codes we use the waits in ``_RATE_LIMIT_WAIT_S``.

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
    short,
)
from smmkit.networks import ErrorKind, NetworkError, error_for_status

API_VERSION = "5.199"

# Seconds to wait; VK does not say, these are the usual advice for each code.
_RATE_LIMIT_WAIT_S = {
    6: 1.0,  # too many requests per second
    9: 60.0,  # flood control: too many similar actions
    14: 600.0,  # captcha needed: VK thinks we post too fast; wait rather than solve it
    29: 3600.0,  # rate limit reached for this method
    214: 3600.0,  # adding posts denied, e.g. the 50-posts-a-day cap
}
_AUTH_CODES = {5, 15, 27, 28, 200, 203}  # bad/expired token, access denied, group/app auth failed
_TRANSIENT_CODES = {1, 10}  # unknown error, internal server error


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
        if not isinstance(body, dict):
            return error_for_status(response.status_code, write=write, message=f"HTTP {response.status_code}")
        error = body.get("error")
        if error is None:
            return None
        code = int(error.get("error_code") or 0)
        message = short(error.get("error_msg") or "VK error")
        kind: ErrorKind
        if code in _RATE_LIMIT_WAIT_S:
            kind = "rate_limited"
        elif code in _AUTH_CODES:
            kind = "auth_expired"
        elif code in _TRANSIENT_CODES:
            kind = "transient"
        else:
            kind = "invalid"
        return NetworkError(
            kind, message, retry_after_s=_RATE_LIMIT_WAIT_S.get(code), status=response.status_code, code=str(code)
        )


def _group_id(account_ref: str) -> str:
    return account_ref.strip().removeprefix("-")
