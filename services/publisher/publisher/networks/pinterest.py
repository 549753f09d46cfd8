"""Pinterest Pins on a board, through API v5 (``POST /v5/pins``).

- ``account_ref`` is the board id: a Pin is saved on a board, and the board is the destination
  chosen when the account is connected.
- The post's text is the Pin's ``description``; its ``link`` is the Pin's destination link (what a
  click on the Pin opens), kept apart from the text.
- Pinterest fetches the images itself: one image is ``media_source.source_type=image_url``, 2-5 are
  a carousel (``multiple_image_urls``). Video Pins need Pinterest's media upload flow, not
  implemented: refused before any call (the catalogue says so at planning time).
- No idempotency key. Reconciliation reads the board's Pins (``GET /v5/boards/{id}/pins``, newest
  first, ``bookmark`` paging) and takes one with our description created since the target was due.
- Errors are ``{"code", "message"}`` with a plain HTTP status; a 429 carries ``X-RateLimit-Reset``.

Credentials: ``access_token``; for refresh also ``refresh_token``, ``client_id``, ``client_secret``
(``POST /v5/oauth/token`` with HTTP Basic client authentication).
"""

from __future__ import annotations

from typing import Any

import httpx

from publisher.networks.base import Adapter, MediaItem, Publication, PublishedPost, final_text, parse_time, short
from smmkit.networks import NetworkError, error_for_status

_PAGE_SIZE = 100  # the most a list of Pins returns at once
_RECONCILE_PAGES = 3


class PinterestAdapter(Adapter):
    network = "pinterest"

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._credential('access_token')}"}

    def sent_text(self, pub: Publication) -> str:
        return final_text(pub, with_link=False)  # the link is the Pin's destination, not part of its text

    async def publish(self, pub: Publication) -> PublishedPost:
        pin: dict[str, Any] = {"board_id": pub.account_ref, "description": self.sent_text(pub),
                               "media_source": _media_source(pub.media)}
        if pub.link:
            pin["link"] = pub.link
        created = await self._send("POST", "v5/pins", write=True, headers=self._auth(), json=pin)
        return _published(str(created["id"]))

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        since = self._reconcile_since(pub)
        params: dict[str, Any] = {"page_size": _PAGE_SIZE}
        for _ in range(_RECONCILE_PAGES):
            page = await self._send("GET", f"v5/boards/{pub.account_ref}/pins", write=False, headers=self._auth(),
                                    params=params)
            pins = [(_published(str(p["id"])), p.get("description") or "", parse_time(p.get("created_at")))
                    for p in page.get("items", [])]
            if found := self._first_ours(pub, pins):
                return found
            oldest = pins[-1][2] if pins else None
            if not page.get("bookmark") or (oldest is not None and oldest < since):
                return None
            params["bookmark"] = page["bookmark"]
        return None

    async def refresh_credentials(self) -> dict[str, str] | None:
        if not self._credentials.get("refresh_token"):
            return None
        form = {"grant_type": "refresh_token", "refresh_token": self._credentials["refresh_token"]}
        auth = (self._credential("client_id"), self._credential("client_secret"))
        return await self._oauth_refresh("v5/oauth/token", form, auth=auth)

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        if response.is_success:
            return None
        problem = body if isinstance(body, dict) else {}
        message = short(problem.get("message") or f"HTTP {response.status_code}")
        code = problem.get("code")
        return error_for_status(response.status_code, write=write, message=message,
                                code=None if code is None else str(code), retry_after_s=self._retry_after(response))


def _media_source(media: tuple[MediaItem, ...]) -> dict[str, Any]:
    if not media:
        raise NetworkError("invalid", "a Pin needs an image", code="media_required")
    if any(item.kind != "image" for item in media):
        raise NetworkError("invalid", "this Pinterest adapter pins images only", code="media_kind")
    if len(media) == 1:
        return {"source_type": "image_url", "url": media[0].url}
    return {"source_type": "multiple_image_urls", "items": [{"url": item.url} for item in media], "index": 0}


def _published(pin_id: str) -> PublishedPost:
    return PublishedPost(external_id=pin_id, url=f"https://www.pinterest.com/pin/{pin_id}/")
