"""Mastodon statuses (the base URL is the account's instance).

- Media is uploaded first (``POST /api/v2/media``; a 202 means "still processing", so we
  poll ``GET /api/v1/media/:id`` until it has a URL), then ``POST /api/v1/statuses``.
- Idempotency guard: ``Idempotency-Key: <target_id>``. The instance remembers it for
  about an hour per account and answers a repeat with the original status, so publishing
  the same target again is safe within that hour.
- The link, if any, is appended to the text; Mastodon builds the preview card.
- ``account_ref`` is the account id (``GET /api/v1/accounts/verify_credentials`` -> ``id``).
- Rate limits: 429 with ``X-RateLimit-Reset`` as an ISO time.
- Language: the post's primary language subtag (``pt-BR`` → ``pt``): the instance takes ISO 639 codes
  and, for one it does not know, silently uses the account's default instead.

Credentials: ``access_token``.
"""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

import httpx

from publisher.networks.base import (
    Adapter,
    MediaItem,
    Publication,
    PublishedPost,
    final_text,
    parse_time,
    short,
)
from smmkit.catalogue import spec
from smmkit.networks import NetworkError, error_for_status
from smmkit.validation import primary_language

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PARAGRAPH = re.compile(r"</p>\s*<p[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LANGUAGE_FIELD = spec("mastodon").language_field


def html_to_text(content: str) -> str:
    """Mastodon returns statuses as HTML; recover the plain text that was posted."""
    text = _PARAGRAPH.sub("\n\n", content)
    text = _BREAK.sub("\n", text)
    return html.unescape(_TAG.sub("", text))


class MastodonAdapter(Adapter):
    network = "mastodon"
    has_idempotency_guard = True
    media_poll_s: float = 1.0
    media_poll_attempts: int = 30

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._credential('access_token')}"}

    async def publish(self, pub: Publication) -> PublishedPost:
        media_ids = [await self._upload(item) for item in pub.media]
        headers = {**self._auth(), "Idempotency-Key": str(pub.target_id)}
        fields = {"status": final_text(pub), "media_ids": media_ids, "visibility": "public"}
        if pub.language:
            fields[_LANGUAGE_FIELD] = primary_language(pub.language)
        status = await self._send("POST", "api/v1/statuses", write=True, headers=headers, json=fields)
        return PublishedPost(external_id=str(status["id"]), url=status.get("url") or status.get("uri", ""))

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        params = {"limit": 40, "exclude_replies": "true", "exclude_reblogs": "true"}
        statuses = await self._send(
            "GET", f"api/v1/accounts/{pub.account_ref}/statuses", write=False, headers=self._auth(), params=params
        )
        return self._first_ours(
            pub,
            (
                (
                    PublishedPost(str(s["id"]), s.get("url") or ""),
                    html_to_text(s.get("content", "")),
                    parse_time(s.get("created_at")),
                )
                for s in statuses
            ),
        )

    async def _upload(self, item: MediaItem) -> str:
        media = await self._fetch_media(item)
        files = {"file": (media.filename, media.content, media.content_type)}
        # An upload is invisible until a status uses it, so a lost answer is only "transient".
        attachment = await self._send("POST", "api/v2/media", write=False, headers=self._auth(), files=files)
        for _ in range(self.media_poll_attempts):
            if attachment.get("url"):
                return str(attachment["id"])
            await asyncio.sleep(self.media_poll_s)
            attachment = await self._send("GET", f"api/v1/media/{attachment['id']}", write=False, headers=self._auth())
        raise NetworkError("transient", "the instance is still processing the media", code="media_processing")

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        if response.is_success:
            return None
        message = short(body.get("error") if isinstance(body, dict) else f"HTTP {response.status_code}")
        return error_for_status(
            response.status_code, write=write, message=message, retry_after_s=self._retry_after(response)
        )
