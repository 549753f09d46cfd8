"""Discord: messages in a server's text channel, sent by the platform's bot.

Discord answers errors as ``{"code": <JSON error code>, "message", "errors"?}`` with an HTTP status, and 429s
as ``{"message", "retry_after": <seconds>, "global"}``; ``discord_error`` reads them for the publisher's
adapter and the metrics collector alike.
"""
from typing import Any

import httpx

from smmkit.catalogue.spec import Connect, ErrorTable, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit, codes
from smmkit.catalogue.text import code_points
from smmkit.networks import NetworkError, retry_after_from_headers, short
from smmkit.ratelimit import Budget

API = "api/v10"  # the versioned path every call takes

SPEC = NetworkSpec(
    name="discord",
    title="Discord",
    write_base_url="https://discord.com",
    text=(TextLimit(2_000, code_points, "characters"),),
    # Up to 10 attachments of any kind in one message; uploads are capped at 10 MiB without server boosts.
    media=MediaRules(max_images=10, max_videos=10, max_gifs=10, max_documents=10, max_items=10,
                     together=frozenset({"image", "video", "gif", "document"}),
                     max_image_bytes=10 * 1024 * 1024, max_video_bytes=10 * 1024 * 1024),
    # 50 requests a second per bot (global); message creation has a per-channel bucket, 5 per 5 s as
    # observed (Discord says to read the X-RateLimit-* headers rather than hard-code buckets).
    limits=(NetworkLimit("requests per second per bot", 50, 1, per="app", scalable=False),
            NetworkLimit("messages per channel", 5, 5, on="write")),
    account_budget=Budget("discord:channel", 5, 5),
    app_budget=Budget("discord:bot", 50, 1),
    renewal=Renewal("none"),  # a bot token lasts until it is reset
    errors=ErrorTable(
        # 50001 missing access / 50013 missing permissions: the bot was removed or lost its rights in the channel
        kinds={**codes("auth_expired", 50001, 50013, 40001), **codes("invalid", 10003, 50006, 50035, 40005)},
        not_found=frozenset({10008}),
    ),
    # Posting is the bot's: a bot token (it does not expire) and the channel, which the bot must be able to see
    # (``GET /channels/{id}``: 50001 Missing Access when it is not in the server or the channel is hidden from it).
    connect=Connect(
        "bot_token", identity_url=f"https://discord.com/{API}/users/@me", identity_id="id", identity_name="username",
        channel_url=f"https://discord.com/{API}/channels/{{channel}}", token_scheme="Bot",
        sources=("https://discord.com/developers/docs/topics/oauth2#bots",
                 "https://discord.com/developers/docs/resources/channel#get-channel")),
    link="appended to the message; Discord unfurls it",
    collects=("likes", "comments", "followers"),
    referrer_domains=("discord.com", "discord.gg", "discordapp.com"),
    sources=("https://discord.com/developers/docs/resources/message#create-message",
             "https://discord.com/developers/docs/topics/rate-limits",
             "https://discord.com/developers/docs/topics/opcodes-and-status-codes#json"),
)


def discord_code(body: Any) -> int | None:
    code = body.get("code") if isinstance(body, dict) else None
    return int(code) if isinstance(code, int) else None


def discord_error(response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
    """A Discord answer as a ``NetworkError`` (None for a success), kinds from ``SPEC.errors``."""
    if response.is_success:
        return None
    said = body.get("message") if isinstance(body, dict) else None
    wait = body.get("retry_after") if isinstance(body, dict) else None
    retry_after_s = float(wait) if isinstance(wait, int | float) else retry_after_from_headers(response.headers)
    code = discord_code(body)
    return SPEC.errors.error(code or None, message=short(said or f"HTTP {response.status_code}"),
                             status=response.status_code, write=write, retry_after_s=retry_after_s)
