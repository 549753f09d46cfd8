"""Telegram channels through the Bot API (the bot must be an admin of the channel).

- Text: ``sendMessage``. One media item: ``sendPhoto`` / ``sendVideo`` / ``sendAnimation``
  / ``sendDocument`` with the URL (Telegram downloads it) and the text as caption.
  Several: ``sendMediaGroup`` (an album of 2-10), caption on the first item.
- The link, if any, is appended to the text; Telegram shows the preview.
- ``account_ref`` is the ``chat_id``: "@channelname" or the numeric "-100..." id.

There is no idempotency key, and **a bot cannot read a channel's history** (bots get no
updates for their own messages and the Bot API has no history call). So
``find_published`` cannot reconcile: it raises "uncertain" (code ``reconcile_unsupported``)
and the caller must not retry blindly; a person has to look at the channel.

Errors: ``{"ok": false, "error_code", "description", "parameters": {"retry_after"}}``.
401 (token revoked) and 403 (bot removed from the channel) are "auth_expired".

Limits (the catalogue's): 4,096 characters of text, 1,024 of caption (with media), counted in UTF-16
code units (as Telegram's entity offsets are), URLs in full: ``fits`` lets the publisher keep tracked
links within them (see ``publication_of``).

Credentials: ``bot_token``.
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
    short,
)
from smmkit.networks import NetworkError, error_for_status

_SINGLE_MEDIA = {  # kind -> (method, field)
    "image": ("sendPhoto", "photo"),
    "video": ("sendVideo", "video"),
    "gif": ("sendAnimation", "animation"),
    "document": ("sendDocument", "document"),
}
_ALBUM_TYPES = {"image": "photo", "video": "video", "document": "document"}


class TelegramAdapter(Adapter):
    network = "telegram"
    can_reconcile = False

    async def publish(self, pub: Publication) -> PublishedPost:
        method, payload = _request_for(pub)
        result = await self._call(method, payload, write=True)
        first = result[0] if isinstance(result, list) else result  # an album answers with a list
        return PublishedPost(external_id=str(first["message_id"]), url=_message_url(first))

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        raise NetworkError(
            "uncertain",
            "the Telegram Bot API cannot read a channel's history; check the channel by hand",
            code="reconcile_unsupported",
        )

    async def _call(self, method: str, payload: dict[str, Any], *, write: bool) -> Any:
        token = self._credential("bot_token")
        # The leading slash matters: "bot123:abc/..." alone would parse as a URL scheme.
        return (await self._send("POST", f"/bot{token}/{method}", write=write, json=payload))["result"]

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        if isinstance(body, dict) and body.get("ok") is True:
            return None
        if not isinstance(body, dict):
            return error_for_status(response.status_code, write=write, message=f"HTTP {response.status_code}")
        status = int(body.get("error_code") or response.status_code)
        message = short(body.get("description") or "Telegram error")
        retry_after = (body.get("parameters") or {}).get("retry_after")
        return error_for_status(
            status,
            write=write,
            message=message,
            code=str(status),
            retry_after_s=float(retry_after) if retry_after is not None else self._retry_after(response),
        )


def _request_for(pub: Publication) -> tuple[str, dict[str, Any]]:
    text = final_text(pub)
    chat = {"chat_id": pub.account_ref}
    if not pub.media:
        return "sendMessage", {**chat, "text": text}
    if len(pub.media) == 1:
        method, field = _SINGLE_MEDIA[pub.media[0].kind]
        return method, {**chat, field: pub.media[0].url, "caption": text}
    return "sendMediaGroup", {
        **chat,
        "media": [_album_item(m, text if i == 0 else None) for i, m in enumerate(pub.media)],
    }


def _album_item(item: MediaItem, caption: str | None) -> dict[str, str]:
    if item.kind not in _ALBUM_TYPES:
        raise NetworkError("invalid", f"a Telegram album cannot contain {item.kind} media", code="media_kind")
    entry = {"type": _ALBUM_TYPES[item.kind], "media": item.url}
    return {**entry, "caption": caption} if caption else entry


def _message_url(message: dict[str, Any]) -> str:
    chat = message.get("chat") or {}
    if chat.get("username"):
        return f"https://t.me/{chat['username']}/{message['message_id']}"
    # Private channels: t.me/c/<id without the -100 prefix>/<message id>.
    return f"https://t.me/c/{str(chat.get('id', '')).removeprefix('-100')}/{message['message_id']}"
