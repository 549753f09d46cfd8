"""Discord's HTTP API (``https://discord.com/api/v10``) for a bot: channel messages.

- ``Authorization: Bot <token>``; the bot is the token's owner ("sbx-b1" -> a bot user id derived from "b1").
- ``POST /channels/{channel}/messages``: JSON, or multipart with ``payload_json`` and ``files[n]``.
  ``nonce`` (at most 25 characters) with ``enforce_nonce: true`` returns the message the same bot made with
  that nonce in the last few minutes (``NONCE_TTL``) instead of a new one.
- Reads: ``GET /channels/{channel}/messages`` (newest first, ``after``/``before`` snowflakes, ``limit`` <= 100),
  ``/channels/{channel}/messages/{id}`` (reactions and thread as engagement), ``/channels/{channel}``,
  ``/guilds/{guild}?with_counts=true`` (member counts), ``/users/@me``.
- Channels are snowflakes (digits); one starting with "403" answers 50001 Missing Access (a bot removed
  from the channel). A deleted message answers 404 with code 10008.
- Errors are ``{"code", "message", "errors"?}``; 429 is ``{"message", "retry_after", "global"}`` with
  ``Retry-After`` and ``X-RateLimit-*`` headers. Text (2,000 characters), attachments (10) and rate limits
  (50 requests a second per bot, 5 messages per 5 s per channel) are the catalogue's Discord entry.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import Reply, StateDep, admit, answer, check_token, token_owner
from sandbox.limits import limits
from sandbox.rules import media_kind, violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit, spec

router = APIRouter(prefix="/api/v10")

READING, SENDING = limits("discord", "read"), limits("discord", "write")
NONCE_TTL = timedelta(minutes=5)  # "the past few minutes"
DISCORD_EPOCH_MS = 1_420_070_400_000


class DiscordDialect:
    network = "discord"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return answer({"message": "401: Unauthorized", "code": 0}, 401)

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        wait = round(max(0.001, retry_after_s), 3)
        scope = "global" if limit is not None and limit.per == "app" else "user"
        headers = {"Retry-After": str(max(1, math.ceil(wait))), "X-RateLimit-Limit": str((limit or SENDING[-1]).capacity),
                   "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": f"{time.time() + wait:.3f}",
                   "X-RateLimit-Reset-After": f"{wait:.3f}", "X-RateLimit-Scope": scope,
                   **({"X-RateLimit-Global": "true"} if scope == "global" else {})}
        return answer({"message": "You are being rate limited.", "retry_after": wait, "global": scope == "global"},
                      429, headers)

    def server_error(self) -> Response:
        return answer({"message": "500: Internal Server Error", "code": 0}, 500)


DIALECT = DiscordDialect()


def _error(status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> Reply:
    return Reply(answer({"message": message, "code": code, **({"errors": errors} if errors else {})}, status))


def _form_error(field: str, code: str, message: str) -> Reply:
    return _error(400, 50035, "Invalid Form Body", {field: {"_errors": [{"code": code, "message": message}]}})


def _snowflake(seed: str) -> str:
    return str((int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16) << 22) % 10**18 + 10**17)


def _bot_id(token: str) -> str:
    return _snowflake(f"bot:{token_owner(token)}")


def guild_of(channel: str) -> str:
    return _snowflake(f"guild:{channel}")


async def _caller(request: Request, channel: str, *, write: bool) -> str:
    """The bot's token, after the gate; the channel checked as Discord checks it."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip() if scheme == "Bot" else ""
    check_token(DIALECT, token or None)
    await admit(request, DIALECT, token=token, account=channel, write=write, limits=SENDING if write else READING)
    if channel and not channel.isdigit():
        raise _form_error("channel_id", "NUMBER_TYPE_COERCE", f'Value "{channel}" is not snowflake.')
    if channel.startswith("403"):
        raise _error(403, 50001, "Missing Access")
    return token


def _message(state: SandboxState, post: Post) -> dict[str, Any]:
    engagement = state.engagement_of(post)
    message = {
        "id": post.external_id,
        "type": 0,
        "channel_id": post.account,
        "content": post.text,
        "author": {"id": post.extra["author"], "username": "sandbox-bot", "bot": True},
        "attachments": post.extra.get("attachments", []),
        "embeds": [],
        "timestamp": post.created_at.isoformat(timespec="microseconds"),
        "edited_timestamp": None,
        "pinned": False,
        "mention_everyone": False,
        "reactions": ([{"emoji": {"id": None, "name": "\N{THUMBS UP SIGN}"}, "count": engagement.likes,
                        "count_details": {"burst": 0, "normal": engagement.likes}, "me": False}]
                      if engagement.likes else []),
    }
    if engagement.comments:
        message["thread"] = {"id": str(int(post.external_id) + 1), "type": 11, "name": post.text[:100] or "thread",
                             "message_count": engagement.comments, "member_count": 2}
    return message


async def _payload(request: Request) -> tuple[dict[str, Any], list[tuple[str, str, int]]]:
    """The JSON body (or multipart ``payload_json``) and the uploaded files: (filename, content type, size)."""
    if "multipart/form-data" in request.headers.get("content-type", ""):
        form = await request.form()
        raw = form.get("payload_json")
        payload = json.loads(raw) if isinstance(raw, str) and raw else {}
        files = []
        for key, value in form.multi_items():
            if key.startswith("files[") and not isinstance(value, str):
                content = await value.read()
                files.append((value.filename or key, value.content_type or "application/octet-stream", len(content)))
        return payload, files
    try:
        body = await request.json()
    except ValueError:
        raise _error(400, 50109, "The request body contains invalid JSON.") from None
    return (body if isinstance(body, dict) else {}), []


@router.post("/channels/{channel}/messages")
async def create_message(channel: str, request: Request, state: StateDep) -> Response:
    token = await _caller(request, channel, write=True)
    payload, files = await _payload(request)
    nonce = payload.get("nonce")
    if nonce is not None and len(str(nonce)) > 25:
        raise _form_error("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    key = f"{_bot_id(token)}:{nonce}"
    if nonce is not None and payload.get("enforce_nonce") and (
            earlier := state.recall_key("discord", channel, key, NONCE_TTL)):
        return answer(_message(state, earlier))
    content = str(payload.get("content") or "")
    _check(content, files)
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    message_id = str(((now_ms - DISCORD_EPOCH_MS) << 22) + state.next_id("discord") % 4096)
    attachments = [{"id": str(n), "filename": name, "size": size, "content_type": kind,
                    "url": f"https://cdn.discordapp.com/attachments/{channel}/{message_id}/{name}"}
                   for n, (name, kind, size) in enumerate(files)]
    post = state.add_post("discord", channel, message_id, content, media=[f[0] for f in files],
                          idempotency_key=str(nonce) if nonce is not None else None,
                          extra={"author": _bot_id(token), "attachments": attachments})
    if nonce is not None and payload.get("enforce_nonce"):
        state.remember_key("discord", channel, key, post)
    return answer(_message(state, post))


def _check(content: str, files: list[tuple[str, str, int]]) -> None:
    """The catalogue's rules, in Discord's words."""
    kinds = [media_kind(kind) for _, kind, _ in files]
    for problem in violations("discord", content, kinds, [size for _, _, size in files]):
        if problem.rule == "text_required":
            raise _error(400, 50006, "Cannot send an empty message")
        if problem.rule == "text_length":
            raise _form_error("content", "BASE_TYPE_MAX_LENGTH", f"Must be {problem.limit} or fewer in length.")
        if problem.rule == "media_size":
            raise _error(413, 40005, "Request entity too large")
        raise _form_error("attachments", "BASE_TYPE_MAX_LENGTH",
                          f"Must be {spec('discord').media.max_items} or fewer in length.")


@router.get("/channels/{channel}/messages")
async def channel_messages(channel: str, request: Request, state: StateDep, limit: int = 50,
                           after: str | None = None, before: str | None = None) -> Response:
    await _caller(request, channel, write=False)
    if not 1 <= limit <= 100:
        raise _form_error("limit", "NUMBER_TYPE_MAX", "Int should be less than or equal to 100.")
    found = [p for p in state.posts_of("discord", channel)
             if (after is None or int(p.external_id) > int(after)) and (before is None or int(p.external_id) < int(before))]
    found.sort(key=lambda p: int(p.external_id), reverse=True)
    return answer([_message(state, p) for p in found[:limit]])


@router.get("/channels/{channel}/messages/{message_id}")
async def get_message(channel: str, message_id: str, request: Request, state: StateDep) -> Response:
    await _caller(request, channel, write=False)
    post = state.post("discord", message_id)
    if post is None or post.account != channel:
        raise _error(404, 10008, "Unknown Message")
    return answer(_message(state, post))


@router.get("/channels/{channel}")
async def get_channel(channel: str, request: Request) -> Response:
    await _caller(request, channel, write=False)
    return answer({"id": channel, "type": 0, "guild_id": guild_of(channel), "name": f"channel-{channel[-4:]}",
                   "position": 0, "nsfw": False})


@router.get("/guilds/{guild}")
async def get_guild(guild: str, request: Request, state: StateDep, with_counts: bool = False) -> Response:
    await _caller(request, "", write=False)
    body: dict[str, Any] = {"id": guild, "name": f"Server {guild[-4:]}", "owner_id": _snowflake(f"owner:{guild}")}
    if with_counts:
        members = state.followers_of("discord", guild)
        body |= {"approximate_member_count": members, "approximate_presence_count": members // 3}
    return answer(body)


@router.get("/users/@me")
async def me(request: Request) -> Response:
    token = await _caller(request, "", write=False)
    return answer({"id": _bot_id(token), "username": "sandbox-bot", "discriminator": "0", "bot": True})
