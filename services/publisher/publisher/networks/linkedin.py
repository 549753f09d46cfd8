"""LinkedIn posts through the versioned Posts API (``POST /rest/posts``).

- ``account_ref`` is the author URN: "urn:li:organization:123" or "urn:li:person:abc".
- The text goes into ``commentary`` in LinkedIn's "little" format, where
  ``\\ | { } @ [ ] ( ) < > # * _ ~`` are markup: unescaped, LinkedIn silently cuts the
  post at the first one. We escape them, except inside URLs and in #hashtags.
- ``link`` becomes an article; images are uploaded through the Images API
  (``initializeUpload`` then a PUT to the upload URL) and attached as ``media`` or
  ``multiImage``. With images, the link goes into the text. Video and documents are not
  implemented (refused as "invalid").
- The answer is 201 with the post URN in the ``x-restli-id`` header.
- No idempotency key. LinkedIn refuses the same content twice with 422 "Content is a
  duplicate of urn:li:share:..."; we then look for our post (same text, inside the
  window) and return it, else raise "invalid" (code ``DUPLICATE_POST``).
- Reconciliation reads ``GET /rest/posts?q=author&sortBy=CREATED`` page by page; only posts
  whose ``createdAt`` (epoch ms; ``publishedAt`` if absent) falls inside the window since the
  target was due can be ours, so an older post with the same text is never taken for it.
- ``commentary`` takes at most 3,000 characters (the catalogue's), URLs counted in full (LinkedIn
  does not shorten them), after escaping: ``fits`` tells the publisher whether tracked links still fit.
- 429 comes without a retry time; LinkedIn's limits are daily and reset at midnight UTC,
  so that is when we say to come back.

Credentials: ``access_token``; for refresh also ``refresh_token``, ``client_id``,
``client_secret``. OAuth lives on www.linkedin.com, the API on api.linkedin.com; any
other base URL (the sandbox) serves both.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from urllib.parse import quote

import httpx

from publisher.networks.base import (
    Adapter,
    MediaItem,
    Publication,
    PublishedPost,
    final_text,
    short,
)
from smmkit.catalogue.text import escape_little, unescape_little
from smmkit.networks import NetworkError, error_for_status

API_VERSION = "202605"  # LinkedIn-Version (YYYYMM); versions are retired after about a year
_PAGE_SIZE = 100  # the most /rest/posts returns at once
_RECONCILE_PAGES = 5  # a busy author rarely posts 500 times between the due time and the check


class LinkedInAdapter(Adapter):
    network = "linkedin"

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self._credential('access_token')}",
            "LinkedIn-Version": API_VERSION,
            "X-Restli-Protocol-Version": "2.0.0",
        }

    async def publish(self, pub: Publication) -> PublishedPost:
        post: dict[str, Any] = {
            "author": pub.account_ref,
            "commentary": escape_little(self.sent_text(pub)),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if content := await self._content(pub):
            post["content"] = content
        try:
            response, _ = await self._exchange("POST", "rest/posts", write=True, headers=self._headers(), json=post)
        except NetworkError as exc:
            if exc.code == "DUPLICATE_POST":
                return await self._recover_duplicate(pub, exc)
            raise
        urn = response.headers.get("x-restli-id")
        if not urn:
            raise NetworkError(
                "uncertain", "LinkedIn accepted the post but did not name it", status=response.status_code
            )
        return _published(urn)

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        """Read the author's posts newest-created first, page by page, until ours or the window's start.

        The Posts API cannot filter by date, so the window is applied here: only posts created
        since the target was due (``_within_window``) can be ours; an older post with the same
        text never is. Sorting by creation (not LAST_MODIFIED, where an old post edited today
        comes first) lets us stop at the first page that reaches back before the window.
        """
        since = self._reconcile_since(pub)
        for start in range(0, _RECONCILE_PAGES * _PAGE_SIZE, _PAGE_SIZE):
            params = {"q": "author", "author": pub.account_ref, "count": _PAGE_SIZE, "start": start,
                      "sortBy": "CREATED"}
            answer = await self._send("GET", "rest/posts", write=False, headers=self._headers(), params=params)
            page = [
                (_published(p["id"]), unescape_little(p.get("commentary", "")), _created_at(p))
                for p in answer.get("elements", [])
            ]
            if found := self._first_ours(pub, page):
                return found
            oldest = page[-1][2] if page else None
            if len(page) < _PAGE_SIZE or (oldest is not None and oldest < since):
                return None
        return None

    def _within_window(self, pub: Publication, created_at: datetime | None) -> bool:
        # LinkedIn always reports createdAt: a post without it cannot be placed, so it is not ours.
        return created_at is not None and created_at >= self._reconcile_since(pub)

    def sent_text(self, pub: Publication) -> str:
        # The link is an article card, unless images take the content: then it goes into the text.
        # (Sent escaped; the catalogue counts the escaped length itself.)
        return final_text(pub, with_link=bool(pub.media))

    async def refresh_credentials(self) -> dict[str, str] | None:
        if not self._credentials.get("refresh_token"):
            return None  # LinkedIn grants refresh tokens only to approved apps
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self._credentials["refresh_token"],
            "client_id": self._credential("client_id"),
            "client_secret": self._credential("client_secret"),
        }
        return await self._oauth_refresh(self._token_url(), form)

    def _token_url(self) -> str:
        if self._http.base_url.host == "api.linkedin.com":
            return "https://www.linkedin.com/oauth/v2/accessToken"
        return "oauth/v2/accessToken"

    async def _content(self, pub: Publication) -> dict[str, Any] | None:
        if pub.media:
            images = [{"id": await self._upload_image(pub.account_ref, item)} for item in pub.media]
            return {"media": images[0]} if len(images) == 1 else {"multiImage": {"images": images}}
        if pub.link:
            return {"article": {"source": pub.link, "title": pub.link}}
        return None

    async def _upload_image(self, owner: str, item: MediaItem) -> str:
        if item.kind != "image":
            raise NetworkError("invalid", f"this LinkedIn adapter does not upload {item.kind} media", code="media_kind")
        media = await self._fetch_media(item)
        body = {"initializeUploadRequest": {"owner": owner}}
        upload = (
            await self._send(
                "POST",
                "rest/images",
                write=False,
                headers=self._headers(),
                params={"action": "initializeUpload"},
                json=body,
            )
        )["value"]
        await self._send(
            "PUT",
            upload["uploadUrl"],
            write=False,
            content=media.content,
            headers={**self._headers(), "Content-Type": media.content_type},
        )
        return str(upload["image"])

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        if response.is_success:
            return None
        message = short((body or {}).get("message") if isinstance(body, dict) else f"HTTP {response.status_code}")
        details = (body or {}).get("errorDetails", {}).get("inputErrors", []) if isinstance(body, dict) else []
        code = next((d.get("code") for d in details if d.get("code")), None) or (body or {}).get("code")
        if response.status_code == 422 and (code == "DUPLICATE_POST" or "duplicate" in message.lower()):
            return NetworkError("invalid", message, status=422, code="DUPLICATE_POST")
        retry = self._retry_after(response)
        if response.status_code == 429 and retry is None:
            retry = self._seconds_to_utc_midnight()
        return error_for_status(response.status_code, write=write, message=message, code=code, retry_after_s=retry)

    def _seconds_to_utc_midnight(self) -> float:
        now = self._now()
        midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)
        return (midnight - now).total_seconds()


def _published(urn: str) -> PublishedPost:
    return PublishedPost(external_id=urn, url=f"https://www.linkedin.com/feed/update/{quote(urn, safe=':')}/")


def _created_at(post: dict[str, Any]) -> datetime | None:
    """When the post was created (``createdAt``, else ``publishedAt``; epoch milliseconds)."""
    millis = post.get("createdAt") or post.get("publishedAt")
    return datetime.fromtimestamp(millis / 1000, UTC) if millis else None
