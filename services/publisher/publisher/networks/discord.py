"""Discord: a message in a server's text channel, sent by the platform's bot (``Authorization: Bot <token>``).

- ``POST /api/v10/channels/{channel}/messages`` with ``content`` (at most 2,000 characters); media are
  downloaded and attached as files (multipart: ``payload_json`` plus ``files[n]``, at most 10). The link, if
  any, is appended to the text; Discord unfurls it. ``allowed_mentions`` is empty: a scheduled post never
  pings ``@everyone`` or a role by accident.
- ``account_ref`` is the channel id (a snowflake). The message URL needs the server (guild) id: the
  credentials' ``guild_id`` (the bot-authorization answer carries it), else ``GET /channels/{channel}``.
- Idempotency: ``nonce`` (derived from the target, 25 characters) with ``enforce_nonce: true``: Discord
  returns the message the bot already made with that nonce **in the past few minutes** instead of making
  another. Beyond those minutes the guard is gone, so the adapter does not claim one
  (``has_idempotency_guard`` False): the publisher reconciles before every retry with ``find_published``,
  which reads the channel's messages since the window began (``after`` a snowflake made from that time)
  and matches the bot's own message by text; the nonce still covers a retry racing a slow first attempt.
- Errors are ``{"code", "message"}`` with an HTTP status (429: ``retry_after`` seconds in the body), read by
  ``smmkit.catalogue.discord.discord_error``. Missing access or permissions (50001, 50013) mean the bot was
  removed from the channel: "auth_expired".

Credentials: ``bot_token``; optional ``guild_id``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import httpx

from publisher.networks.base import Adapter, Publication, PublishedPost, final_text, parse_time
from smmkit.catalogue.discord import API, discord_error
from smmkit.networks import NetworkError

DISCORD_EPOCH_MS = 1_420_070_400_000


class DiscordAdapter(Adapter):
    network = "discord"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bot {self._credential('bot_token')}"}

    async def publish(self, pub: Publication) -> PublishedPost:
        channel = pub.account_ref.strip()
        payload: dict[str, Any] = {"content": final_text(pub), "nonce": nonce_of(pub), "enforce_nonce": True,
                                   "allowed_mentions": {"parse": []}}
        url = f"{API}/channels/{channel}/messages"
        if pub.media:
            fetched = [await self._fetch_media(item) for item in pub.media]
            payload["attachments"] = [{"id": n, "filename": m.filename} for n, m in enumerate(fetched)]
            files = [(f"files[{n}]", (m.filename, m.content, m.content_type)) for n, m in enumerate(fetched)]
            message = await self._send("POST", url, write=True, headers=self._headers(),
                                       data={"payload_json": json.dumps(payload)}, files=files)
        else:
            message = await self._send("POST", url, write=True, headers=self._headers(), json=payload)
        try:
            return await self._published(channel, message)
        except NetworkError as exc:
            # The message exists: never let a retry make another blindly; reconciliation will find it.
            raise NetworkError("uncertain", f"Discord made the message, but its server could not be read: "
                               f"{exc.message}", status=exc.status, code=exc.code) from exc

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        channel = pub.account_ref.strip()
        me = (await self._send("GET", f"{API}/users/@me", write=False, headers=self._headers()))["id"]
        messages = await self._send("GET", f"{API}/channels/{channel}/messages", write=False, headers=self._headers(),
                                    params={"after": snowflake_at(self._reconcile_since(pub)), "limit": 100})
        for message in messages:
            if (message.get("author") or {}).get("id") == me and self._is_ours(
                    pub, text=message.get("content", ""), created_at=parse_time(message.get("timestamp"))):
                return await self._published(channel, message)
        return None

    async def _published(self, channel: str, message: dict[str, Any]) -> PublishedPost:
        guild = self._credentials.get("guild_id") or (
            await self._send("GET", f"{API}/channels/{channel}", write=False, headers=self._headers())).get("guild_id")
        return PublishedPost(external_id=str(message["id"]),
                             url=f"https://discord.com/channels/{guild or '@me'}/{channel}/{message['id']}")

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        return discord_error(response, body, write=write)


def nonce_of(pub: Publication) -> str:
    """The target's nonce: Discord takes at most 25 characters, a UUID's hex has 32 (100 random bits stay)."""
    return pub.target_id.hex[:25]


def snowflake_at(moment: datetime) -> str:
    """The smallest message id Discord could give at ``moment`` (for ``after``/``before`` queries)."""
    return str(max(0, int(moment.timestamp() * 1000) - DISCORD_EPOCH_MS) << 22)
