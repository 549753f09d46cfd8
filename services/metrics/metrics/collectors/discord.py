from typing import Any

from metrics.collectors.base import Collector, PostGone
from smmkit.catalogue.discord import API, discord_code, discord_error
from smmkit.events import EngagementCounts


class DiscordCollector(Collector):
    """``GET /channels/{channel}/messages/{id}`` with the bot token: reactions (all emoji together) as likes, the
    message's thread replies as comments (0 without a thread); Discord counts no views, shares or clicks.
    Followers are the server's members (``/guilds/{guild}?with_counts=true``, the guild from the channel).
    ``account_ref`` is the channel id; a deleted message answers 10008 Unknown Message."""

    network = "discord"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        channel = self.require_account()
        _, data = await self._read(f"/{API}/channels/{channel}/messages/{external_id}", gone=external_id)
        reactions = sum(int(r.get("count") or 0) for r in data.get("reactions") or [])
        thread = data.get("thread") or {}
        return EngagementCounts(likes=reactions, comments=int(thread.get("message_count") or 0))

    async def fetch_followers(self) -> int | None:
        _, channel = await self._read(f"/{API}/channels/{self.require_account()}")
        if not channel.get("guild_id"):
            return None  # a DM or group channel has no server
        _, guild = await self._read(f"/{API}/guilds/{channel['guild_id']}", params={"with_counts": "true"})
        return guild.get("approximate_member_count")

    async def _read(self, path: str, *, gone: str | None = None, **kwargs: Any) -> tuple[Any, Any]:
        resp, data = await self.get(path, headers={"Authorization": f"Bot {self.credential('bot_token')}"}, **kwargs)
        if gone is not None and resp.status_code == 404 and self.errors.is_not_found(discord_code(data)):
            raise PostGone(gone)
        if (error := discord_error(resp, data, write=False)) is not None:
            raise error
        return resp, data or {}
