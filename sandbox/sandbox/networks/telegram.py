"""Telegram Bot API: ``/bot<token>/<method>`` (``https://api.telegram.org``).

Methods: sendMessage, sendPhoto, sendVideo, sendAnimation, sendDocument,
sendMediaGroup, getChatMemberCount (followers), getMe. Parameters may come as JSON, a
form or the query string, like the real API.

Chats: "@name" or "-100<digits>"; anything else is "chat not found". Chats whose name
starts with "@nobot" answer 403 "bot is not a member" (a bot removed from a channel).

The Bot API has no call to read a channel's posts or their view counts, so neither
does this imitation: posts are visible through ``/_sandbox/posts`` only, and a metrics
collector must report Telegram views as null.

Text, captions, albums and rate limits (20 messages a minute per chat, 30 a second per bot) are
the catalogue's Telegram entry; text counts UTF-16 code units, as Telegram does.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import Reply, StateDep, admit, answer, read_params
from sandbox.limits import limits
from sandbox.rules import violations
from sandbox.state import SandboxState
from smmkit.catalogue import NetworkLimit
from smmkit.catalogue.spec import MediaKind

router = APIRouter()

SENDING = limits("telegram", "write")
_SINGLE_MEDIA = {"sendPhoto": "photo", "sendVideo": "video", "sendAnimation": "animation", "sendDocument": "document"}
_KINDS: dict[str, MediaKind] = {"photo": "image", "video": "video", "animation": "gif", "document": "document"}
_TEXT_WORDS = {
    "text_required": "Bad Request: message text is empty",
    "text_length": "Bad Request: message is too long",
    "caption_length": "Bad Request: message caption is too long",
}


def _error(status: int, description: str, **extra: Any) -> Response:
    return answer({"ok": False, "error_code": status, "description": description, **extra}, status)


class TelegramDialect:
    network = "telegram"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return _error(401, "Unauthorized")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        seconds = max(1, math.ceil(retry_after_s))
        return _error(429, f"Too Many Requests: retry after {seconds}", parameters={"retry_after": seconds})

    def server_error(self) -> Response:
        return _error(500, "Internal Server Error")


DIALECT = TelegramDialect()


def _chat(chat_id: str) -> dict[str, Any]:
    if chat_id.startswith("@") and len(chat_id) > 1:
        digits = int(hashlib.sha256(chat_id.encode()).hexdigest()[:9], 16)
        return {"id": int(f"-100{digits}"), "title": chat_id[1:], "username": chat_id[1:], "type": "channel"}
    if chat_id.startswith("-100") and chat_id[1:].isdigit():
        return {"id": int(chat_id), "title": f"Channel {chat_id}", "type": "channel"}
    raise Reply(_error(400, "Bad Request: chat not found"))


@router.api_route("/bot{token}/{method}", methods=["GET", "POST"])
async def call(token: str, method: str, request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    chat_id = str(params.get("chat_id", ""))
    if method == "getMe":
        await admit(request, DIALECT, token=token, account="", write=False)
        return answer(
            {"ok": True, "result": {"id": 777, "is_bot": True, "first_name": "Sandbox", "username": "sandbox_bot"}}
        )
    write = method.startswith("send")
    await admit(request, DIALECT, token=token, account=chat_id, write=write, limits=SENDING if write else ())
    chat = _chat(chat_id)
    if chat_id.startswith("@nobot"):
        raise Reply(_error(403, "Forbidden: bot is not a member of the channel chat"))
    if method == "getChat":  # connecting a channel (publisher.connections): it exists
        return answer({"ok": True, "result": chat})
    if method == "getChatMember":  # ... and the bot may post there: "@member..." channels have it as a member only
        member = chat_id.startswith("@member")
        status = {"status": "member"} if member else {"status": "administrator", "can_post_messages": True}
        user = {"id": int(str(params.get("user_id") or 777)), "is_bot": True, "first_name": "Sandbox"}
        return answer({"ok": True, "result": {**status, "user": user}})
    if method == "getChatMemberCount":
        return answer({"ok": True, "result": state.followers_of("telegram", chat_id)})
    if method == "sendMessage":
        return answer({"ok": True, "result": _send(state, chat, chat_id, str(params.get("text", "")), [])})
    if method in _SINGLE_MEDIA:
        field = _SINGLE_MEDIA[method]
        media = [str(params.get(field, ""))]
        result = _send(state, chat, chat_id, str(params.get("caption", "")), media, kind=_KINDS[field])
        return answer({"ok": True, "result": result})
    if method == "sendMediaGroup":
        return answer({"ok": True, "result": _send_album(state, chat, chat_id, params.get("media"))})
    return _error(404, "Not Found: method not found")


def _send(
    state: SandboxState, chat: dict[str, Any], chat_id: str, text: str, media: list[str], kind: MediaKind = "image"
) -> dict[str, Any]:
    if media and not media[0]:
        raise Reply(_error(400, "Bad Request: there is no media in the request"))
    _check(text, [kind] * len(media), [])
    message_id = state.next_id("telegram")
    state.add_post("telegram", chat_id, str(message_id), text, media=media)
    key = "caption" if media else "text"
    return {"message_id": message_id, "chat": chat, "date": int(time.time()), key: text}


def _send_album(state: SandboxState, chat: dict[str, Any], chat_id: str, items: Any) -> list[dict[str, Any]]:
    if isinstance(items, str):  # form-encoded: a JSON string
        items = json.loads(items)
    if not isinstance(items, list) or len(items) < 2:  # one item goes with sendPhoto & co
        raise Reply(_error(400, "Bad Request: wrong number of media in the album"))
    caption = next((str(i.get("caption")) for i in items if i.get("caption")), "")
    types = [str(i.get("type")) for i in items]
    _check(caption, [_KINDS.get(t, "document") for t in types], types)
    message_id = state.next_id("telegram")
    state.add_post("telegram", chat_id, str(message_id), caption, media=[str(i.get("media")) for i in items])
    # Every item of an album is its own message; the post is recorded under the first.
    return [
        {
            "message_id": message_id if n == 0 else state.next_id("telegram"),
            "chat": chat,
            "date": int(time.time()),
            **({"caption": caption} if n == 0 and caption else {}),
        }
        for n in range(len(items))
    ]


def _check(text: str, kinds: list[MediaKind], album_types: list[str]) -> None:
    """The catalogue's text and media rules, answered in Telegram's words."""
    problems = violations("telegram", text, kinds)
    if not problems:
        return
    rule = problems[0].rule
    if rule in _TEXT_WORDS:
        raise Reply(_error(400, _TEXT_WORDS[rule]))
    if rule == "media_kind" or "gif" in kinds:  # an animation joins no album
        odd = next(t for t in album_types if t not in ("photo", "video"))
        raise Reply(_error(400, f"Bad Request: {odd} can't be mixed with other media types"))
    raise Reply(_error(400, "Bad Request: wrong number of media in the album"))
