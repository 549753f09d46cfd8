"""Bluesky posts through the account's PDS (AT Protocol XRPC).

Idempotency guard: the record key is a TID derived from the target id (``tid_for``), and
the post is written with ``com.atproto.repo.putRecord`` and ``"swapRecord": null``, which
creates the record only if that key is free. A repeat either changes nothing (identical
record) or is refused with 400 ``InvalidSwap`` (same key, e.g. a different createdAt);
both mean the post already exists, and we read it back with ``getRecord``. We never use
``createRecord`` with an rkey: on an existing key it answers HTTP 500, which looks
transient and invites a retry loop. ``find_published`` is a plain ``getRecord``.

- Images are uploaded with ``uploadBlob`` and embedded (up to 4). Video is not supported
  here (it needs the separate video service): refused as "invalid".
- Links: appended to the text if absent, with a link facet (Bluesky does not auto-link);
  without images the link also becomes an external embed (a link card).
- ``account_ref`` is the DID (a handle works for reading; writes use the session's DID).

Credentials: ``access_jwt`` + ``did`` (+ ``refresh_jwt`` to renew), or ``identifier`` +
``app_password`` (a session is created on first use). ``refresh_credentials`` uses
``refreshSession`` when a refresh JWT is present, else ``createSession``.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import httpx

from publisher.networks.base import (
    Adapter,
    Publication,
    PublishedPost,
    final_text,
    find_urls,
    refresh_failures,
    short,
)
from smmkit.networks import NetworkError, error_for_status

POST_COLLECTION = "app.bsky.feed.post"
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_AUTH_ERRORS = {"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing", "AccountTakedown"}


def tid_for(target_id: uuid.UUID) -> str:
    """A valid TID (13 sortable-base32 characters, top bit zero) derived from the target id.

    A TID is 64 bits: a zero bit, 53 bits of microseconds since the epoch, 10 bits of
    clock id. For UUIDv7 ids we use their own millisecond timestamp, so the key sorts
    where the post belongs; other UUIDs are hashed into a timestamp before 2255.
    """
    digest = int.from_bytes(hashlib.sha256(target_id.bytes).digest()[:8], "big")
    if target_id.version == 7:
        micros = (target_id.int >> 80) * 1000 + digest % 1000
    else:
        micros = digest >> 11  # 53 bits
    value = (micros & (2**53 - 1)) << 10 | (digest & 0x3FF)
    return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def link_facets(text: str) -> list[dict[str, Any]]:
    """Make every URL in the text clickable; facet offsets count UTF-8 bytes."""
    facets = []
    for start, end in find_urls(text):
        byte_start = len(text[:start].encode())
        facets.append(
            {
                "index": {"byteStart": byte_start, "byteEnd": byte_start + len(text[start:end].encode())},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": text[start:end]}],
            }
        )
    return facets


_LONG_URL = 40  # longer links are shown shortened, as Bluesky's own apps do
_SHOWN = 30


def display_links(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The text with long URLs shortened for display ("shop.example/some/pa…"), and link facets
    that carry each full URL. Bluesky counts the text against its 300-grapheme limit, not the
    facets, so a long (tracked) link still fits; the facet keeps it clickable."""
    out, facets, last, size = [], [], 0, 0
    for start, end in find_urls(text):
        url = text[start:end]
        shown = url if len(url) <= _LONG_URL else url.split("://", 1)[-1][:_SHOWN] + "…"
        before = text[last:start]
        out += [before, shown]
        size += len(before.encode())
        facets.append({
            "index": {"byteStart": size, "byteEnd": size + len(shown.encode())},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}],
        })
        size += len(shown.encode())
        last = end
    out.append(text[last:])
    return "".join(out), facets


class BlueskyAdapter(Adapter):
    network = "bluesky"
    has_idempotency_guard = True

    async def publish(self, pub: Publication) -> PublishedPost:
        did = await self._did()
        rkey = tid_for(pub.target_id)
        text, facets = display_links(final_text(pub))
        record: dict[str, Any] = {"$type": POST_COLLECTION, "text": text, "createdAt": self._now().isoformat()}
        if facets:
            record["facets"] = facets
        if embed := await self._embed(pub):
            record["embed"] = embed
        body = {"repo": did, "collection": POST_COLLECTION, "rkey": rkey, "record": record, "swapRecord": None}
        try:
            answer = await self._xrpc("POST", "com.atproto.repo.putRecord", write=True, json=body)
        except NetworkError as exc:
            existing = await self._get_post(did, rkey) if exc.code == "InvalidSwap" else None
            if existing is None:
                raise
            return existing
        return PublishedPost(external_id=answer["uri"], url=_web_url(did, rkey))

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        return await self._get_post(await self._did(), tid_for(pub.target_id))

    async def refresh_credentials(self) -> dict[str, str] | None:
        with refresh_failures():
            session = await self._new_session()
        return self._use_session(session)

    async def _get_post(self, did: str, rkey: str) -> PublishedPost | None:
        params = {"repo": did, "collection": POST_COLLECTION, "rkey": rkey}
        try:
            answer = await self._xrpc("GET", "com.atproto.repo.getRecord", write=False, params=params)
        except NetworkError as exc:
            if exc.code == "RecordNotFound":
                return None
            raise
        return PublishedPost(external_id=answer["uri"], url=_web_url(did, rkey))

    async def _embed(self, pub: Publication) -> dict[str, Any] | None:
        if any(item.kind != "image" for item in pub.media):
            raise NetworkError("invalid", "this Bluesky adapter posts images only", code="media_kind")
        if pub.media:
            images = [{"alt": "", "image": await self._upload_blob(item.url)} for item in pub.media]
            return {"$type": "app.bsky.embed.images", "images": images}
        if pub.link:
            return {
                "$type": "app.bsky.embed.external",
                "external": {"uri": pub.link, "title": pub.link, "description": ""},
            }
        return None

    async def _upload_blob(self, url: str) -> dict[str, Any]:
        media = await self._media.fetch(url)
        headers = {"Content-Type": media.content_type}
        answer = await self._xrpc(
            "POST", "com.atproto.repo.uploadBlob", write=False, content=media.content, headers=headers
        )
        return answer["blob"]

    # --- session -------------------------------------------------------------------------

    async def _did(self) -> str:
        if not self._credentials.get("access_jwt"):
            self._use_session(await self._new_session())
        return self._credential("did")

    async def _new_session(self) -> dict[str, Any]:
        if self._credentials.get("refresh_jwt"):
            headers = {"Authorization": f"Bearer {self._credentials['refresh_jwt']}"}
            return await self._send("POST", "xrpc/com.atproto.server.refreshSession", write=False, headers=headers)
        body = {"identifier": self._credential("identifier"), "password": self._credential("app_password")}
        return await self._send("POST", "xrpc/com.atproto.server.createSession", write=False, json=body)

    def _use_session(self, session: dict[str, Any]) -> dict[str, str]:
        self._credentials.update(access_jwt=session["accessJwt"], refresh_jwt=session["refreshJwt"], did=session["did"])
        return dict(self._credentials)

    async def _xrpc(
        self, method: str, nsid: str, *, write: bool, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> Any:
        auth = {"Authorization": f"Bearer {self._credential('access_jwt')}"}
        return await self._send(method, f"xrpc/{nsid}", write=write, headers={**auth, **(headers or {})}, **kwargs)

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        if response.is_success:
            return None
        name = body.get("error") if isinstance(body, dict) else None
        message = short(
            (body.get("message") if isinstance(body, dict) else None) or name or f"HTTP {response.status_code}"
        )
        if name in _AUTH_ERRORS:
            return NetworkError("auth_expired", message, status=response.status_code, code=name)
        if name == "RateLimitExceeded":
            return NetworkError(
                "rate_limited",
                message,
                retry_after_s=self._retry_after(response),
                status=response.status_code,
                code=name,
            )
        return error_for_status(
            response.status_code, write=write, message=message, code=name, retry_after_s=self._retry_after(response)
        )


def _web_url(did: str, rkey: str) -> str:
    return f"https://bsky.app/profile/{did}/post/{rkey}"
