"""Bluesky posts through the account's PDS (AT Protocol XRPC).

Idempotency guard: the record key is a TID derived from the target id (``tid_for``), and
the post is written with ``com.atproto.repo.putRecord`` and ``"swapRecord": null``, which
creates the record only if that key is free. A repeat either changes nothing (identical
record) or is refused with 400 ``InvalidSwap`` (same key, e.g. a different createdAt);
both mean the post already exists, and we read it back with ``getRecord``. We never use
``createRecord`` with an rkey: on an existing key it answers HTTP 500, which looks
transient and invites a retry loop. ``find_published`` is a plain ``getRecord``.

- Writes ask for lexicon validation (``"validate": true``): the PDS refuses a record that is
  not a valid ``app.bsky.feed.post`` instead of storing it unchecked, and we insist on its
  ``validationStatus: "valid"``.
- Refused before any call, by the catalogue's check (``smmkit.catalogue``): text over 300
  graphemes or 3,000 UTF-8 bytes (as shown, long links shortened), more than 4 images, any
  video (it needs the separate video service). Every image is downloaded and its size checked
  before the first ``uploadBlob``, so a refused post leaves no orphan blobs.
- Links: appended to the text if absent, shown shortened with a link facet carrying the full
  URL (Bluesky does not auto-link); without images the link also becomes an external embed.
- ``langs`` carries the publication's language when it has one.
- ``account_ref`` is the DID (a handle works for reading; writes use the session's DID).

Credentials: ``access_jwt`` + ``did`` (+ ``refresh_jwt`` to renew), or ``identifier`` +
``app_password`` (a session is created on first use); ``expires_at`` is read from the access
JWT so the renewal job renews the session before it runs out. ``refresh_credentials`` uses
``refreshSession`` when a refresh JWT is present, and falls back to ``createSession`` with the
app password when the PDS rejects the refresh JWT. Auth errors (the PDS answers 400
``ExpiredToken``/``InvalidToken``) come from the catalogue's error table.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from publisher.networks.base import (
    Adapter,
    Publication,
    PublishedPost,
    final_text,
    refresh_failures,
    short,
)
from publisher.networks.media import FetchedMedia
from smmkit.catalogue import Media, Violation, spec
from smmkit.catalogue.text import find_urls, shown_url
from smmkit.networks import NetworkError, error_for_status

SPEC = spec("bluesky")
POST_COLLECTION = "app.bsky.feed.post"
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


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


def display_links(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The text with long URLs shortened for display ("shop.example/some/pa…"), and link facets
    that carry each full URL; facet offsets count UTF-8 bytes of the shown text. Bluesky counts
    the text against its limits, not the facets, so a long (tracked) link still fits; the facet
    keeps it clickable."""
    out, facets, last, size = [], [], 0, 0
    for start, end in find_urls(text):
        url = text[start:end]
        shown = shown_url(url)  # the catalogue's rule, so planner, adapter and sandbox count the same text
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


def _refuse(violations: Sequence[Violation]) -> None:
    if violations:
        raise NetworkError("invalid", "; ".join(v.detail for v in violations), code=violations[0].rule)


class BlueskyAdapter(Adapter):
    network = "bluesky"
    has_idempotency_guard = True

    async def publish(self, pub: Publication) -> PublishedPost:
        text, facets = display_links(final_text(pub))
        _refuse(self.violations(pub))  # before downloading anything (the catalogue counts links as shown)
        media = [await self._media.fetch(item.url) for item in pub.media]
        _refuse(SPEC.check_media([Media("image", len(m.content)) for m in media]))  # before the first upload
        did = await self._did()
        rkey = tid_for(pub.target_id)
        record: dict[str, Any] = {"$type": POST_COLLECTION, "text": text, "createdAt": self._now().isoformat()}
        if facets:
            record["facets"] = facets
        if pub.language:
            record[SPEC.language_field] = [pub.language]
        if embed := await self._embed(pub, media):
            record["embed"] = embed
        body = {"repo": did, "collection": POST_COLLECTION, "rkey": rkey, "record": record, "swapRecord": None,
                "validate": True}
        try:
            answer = await self._xrpc("POST", "com.atproto.repo.putRecord", write=True, json=body)
        except NetworkError as exc:
            existing = await self._get_post(did, rkey) if exc.code == "InvalidSwap" else None
            if existing is None:
                raise
            return existing
        if answer.get("validationStatus") != "valid":  # asked for validation: anything else is not Bluesky
            raise NetworkError("invalid", f"the PDS stored the post without validating it "
                               f"(validationStatus {answer.get('validationStatus')!r}); check it on the account",
                               code="unvalidated_record")
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
            if SPEC.errors.is_not_found(exc.code):
                return None
            raise
        return PublishedPost(external_id=answer["uri"], url=_web_url(did, rkey))

    async def _embed(self, pub: Publication, media: list[FetchedMedia]) -> dict[str, Any] | None:
        if media:
            images = [{"alt": "", "image": await self._upload_blob(item)} for item in media]
            return {"$type": "app.bsky.embed.images", "images": images}
        if pub.link:
            return {
                "$type": "app.bsky.embed.external",
                "external": {"uri": pub.link, "title": pub.link, "description": ""},
            }
        return None

    async def _upload_blob(self, media: FetchedMedia) -> dict[str, Any]:
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
            try:
                return await self._send("POST", "xrpc/com.atproto.server.refreshSession", write=False, headers=headers)
            except NetworkError as exc:
                # A refresh JWT past its grace period (or revoked) is no reason to disconnect an
                # account whose app password still works.
                if exc.kind != "auth_expired" or not self._credentials.get("app_password"):
                    raise
        body = {"identifier": self._credential("identifier"), "password": self._credential("app_password")}
        return await self._send("POST", "xrpc/com.atproto.server.createSession", write=False, json=body)

    def _use_session(self, session: dict[str, Any]) -> dict[str, str]:
        self._credentials.update(access_jwt=session["accessJwt"], refresh_jwt=session["refreshJwt"], did=session["did"])
        self._credentials.pop("expires_at", None)
        if expires_at := jwt_expiry(session["accessJwt"]):
            self._credentials["expires_at"] = expires_at.isoformat()
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
        retry_after_s = self._retry_after(response)
        # The PDS names auth failures whatever the status (an expired access JWT is a 400).
        if kind := SPEC.errors.kind_of(name):
            return NetworkError(kind, message, status=response.status_code, code=name, retry_after_s=retry_after_s)
        return error_for_status(response.status_code, write=write, message=message, code=name,
                                retry_after_s=retry_after_s)


def jwt_expiry(token: str) -> datetime | None:
    """The ``exp`` claim of a JWT, read without checking the signature (the PDS checks it);
    None when the token is not a JWT or has no expiry."""
    try:
        payload = token.split(".")[1]
        exp = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["exp"]
        return datetime.fromtimestamp(exp, UTC)
    except (IndexError, KeyError, OverflowError, TypeError, ValueError):
        return None


def _web_url(did: str, rkey: str) -> str:
    return f"https://bsky.app/profile/{did}/post/{rkey}"
