"""X (Twitter) posts through API v2 with an OAuth 2.0 user token.

- Media: ``POST /2/media/upload`` (one-shot multipart upload; simplification: large
  videos would need the chunked INIT/APPEND/FINALIZE flow), then ``POST /2/tweets``
  with ``media.media_ids``. The link, if any, is appended to the text.
- No idempotency key. X refuses identical text from the same account (403 "duplicate
  content"); after a lost answer that refusal usually means *our* post landed, so
  ``publish`` looks it up and returns it if it is ours, else raises "invalid"
  (code ``duplicate``).
- ``find_published`` reads ``GET /2/users/:id/tweets``. X rewrites every URL to a t.co
  link and appends one for attached media, so we expand t.co links from ``entities.urls``
  and drop the media link before comparing texts.
- 429 carries ``x-rate-limit-reset`` (epoch seconds): that is the retry time.
- ``account_ref`` is the numeric user id.

Credentials: ``access_token``, ``refresh_token``, ``client_id`` (+ ``client_secret`` for a
confidential client). Refresh tokens rotate: the new one replaces the old.
"""

from __future__ import annotations

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
from smmkit.networks import NetworkError, error_for_status

_MEDIA_CATEGORY = {"image": "tweet_image", "gif": "tweet_gif", "video": "tweet_video"}


def expanded_text(tweet: dict[str, Any]) -> str:
    """The tweet text as written: t.co links expanded, the trailing media link removed."""
    text = tweet.get("text", "")
    urls = (tweet.get("entities") or {}).get("urls") or []
    for url in sorted(urls, key=lambda u: u.get("start", 0), reverse=True):
        start, end = url.get("start"), url.get("end")
        if start is None or end is None:
            continue
        replacement = "" if url.get("media_key") else url.get("expanded_url", url.get("url", ""))
        text = text[:start] + replacement + text[end:]
    return text.strip()


class XAdapter(Adapter):
    network = "x"

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._credential('access_token')}"}

    async def publish(self, pub: Publication) -> PublishedPost:
        body: dict[str, Any] = {"text": final_text(pub)}
        if pub.media:
            body["media"] = {"media_ids": [await self._upload(item) for item in pub.media]}
        try:
            answer = await self._send("POST", "2/tweets", write=True, headers=self._auth(), json=body)
        except NetworkError as exc:
            if exc.code == "duplicate":
                return await self._recover_duplicate(pub, exc)
            raise
        tweet_id = answer["data"]["id"]
        return PublishedPost(external_id=tweet_id, url=f"https://x.com/i/web/status/{tweet_id}")

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        params = {"max_results": 100, "tweet.fields": "created_at,entities", "exclude": "replies,retweets",
                  "start_time": self._reconcile_since(pub).strftime("%Y-%m-%dT%H:%M:%SZ")}
        answer = await self._send(
            "GET", f"2/users/{pub.account_ref}/tweets", write=False, headers=self._auth(), params=params
        )
        return self._first_ours(
            pub,
            (
                (
                    PublishedPost(t["id"], f"https://x.com/i/web/status/{t['id']}"),
                    expanded_text(t),
                    parse_time(t.get("created_at")),
                )
                for t in answer.get("data", [])
            ),
        )

    async def refresh_credentials(self) -> dict[str, str] | None:
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self._credential("refresh_token"),
            "client_id": self._credential("client_id"),
        }
        secret = self._credentials.get("client_secret")
        return await self._oauth_refresh("2/oauth2/token", form, auth=(form["client_id"], secret) if secret else None)

    async def _upload(self, item: MediaItem) -> str:
        if item.kind not in _MEDIA_CATEGORY:
            raise NetworkError("invalid", f"X does not take {item.kind} media", code="media_kind")
        media = await self._fetch_media(item)
        files = {"media": (media.filename, media.content, media.content_type)}
        answer = await self._send(
            "POST",
            "2/media/upload",
            write=False,
            headers=self._auth(),
            files=files,
            data={"media_category": _MEDIA_CATEGORY[item.kind]},
        )
        return str(answer["data"]["id"])

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        if response.is_success:
            return None  # a 200 with "errors" (e.g. a deleted tweet) is for readers to interpret
        problem = body if isinstance(body, dict) else {}
        detail = problem.get("detail") or (problem.get("errors") or [{}])[0].get("message") or problem.get("title")
        message = short(detail or f"HTTP {response.status_code}")
        if response.status_code == 403 and "duplicate" in message.lower():
            return NetworkError("invalid", message, status=403, code="duplicate")
        return error_for_status(
            response.status_code,
            write=write,
            message=message,
            code=problem.get("type"),
            retry_after_s=self._retry_after(response),
        )
