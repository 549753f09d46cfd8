from metrics.collectors.base import Collector
from smmkit.events import EngagementCounts
from smmkit.networks import NetworkError


class TelegramCollector(Collector):
    """The Bot API has no call that reads a channel post or its views: every counter is null
    (unknown, not zero), and a deleted message cannot be detected. Followers come from
    ``getChatMemberCount`` with the bot token."""

    network = "telegram"

    async def fetch_post(self, external_id: str) -> EngagementCounts:
        return EngagementCounts()

    async def fetch_followers(self) -> int | None:
        resp, data = await self.get(f"/bot{self.credential('bot_token')}/getChatMemberCount",
                                    params={"chat_id": self.require_account()})
        if resp.status_code == 429:
            retry = ((data or {}).get("parameters") or {}).get("retry_after")
            raise NetworkError("rate_limited", "telegram: too many requests", retry_after_s=retry, status=429)
        if resp.status_code >= 400 or not (data or {}).get("ok"):
            raise self.status_error(resp, (data or {}).get("description", "error"))
        return data["result"]
