"""DiscordAdapter against the sandbox over real HTTP: channel messages by a bot, attachments, the nonce
guard and reconciliation, Discord's errors."""

from __future__ import annotations

import uuid

import httpx
import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.discord import DiscordAdapter
from sandbox.networks.discord import guild_of

CHANNEL = "1100000000000000042"
BOT = {"bot_token": "sbx-b42"}


def publication(text: str = "Autumn blend is back", channel: str = CHANNEL, **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=channel, text=text, **kwargs)


async def test_message_with_link_and_attachments_names_its_server(make_adapter, sandbox):
    adapter = make_adapter(DiscordAdapter, BOT)
    media = (MediaItem(sandbox.media_url("a.png")), MediaItem(sandbox.media_url("clip.mp4"), kind="video"))

    post = await adapter.publish(publication("Roasting day @everyone", link="https://shop.example/a", media=media))

    [stored] = sandbox.posts("discord", CHANNEL)
    assert stored["text"] == "Roasting day @everyone\n\nhttps://shop.example/a"
    assert stored["media"] == ["a.png", "clip.mp4"] and stored["idempotency_key"] == post_nonce(stored)
    assert post.url == f"https://discord.com/channels/{guild_of(CHANNEL)}/{CHANNEL}/{post.external_id}"


def post_nonce(stored: dict) -> str:
    assert len(stored["idempotency_key"]) == 25
    return stored["idempotency_key"]


async def test_a_retry_within_minutes_returns_the_same_message(make_adapter, sandbox, expect_error):
    sandbox.fault("discord", CHANNEL, "lost_response")
    pub = publication("Posted exactly once")
    await expect_error(make_adapter(DiscordAdapter, BOT, timeout_s=0.5).publish(pub), "uncertain")

    found = await make_adapter(DiscordAdapter, BOT).find_published(pub)
    again = await make_adapter(DiscordAdapter, BOT).publish(pub)  # the nonce guards even a blind retry

    [stored] = sandbox.posts("discord", CHANNEL)
    assert found is not None and found.external_id == again.external_id == stored["external_id"]
    assert sandbox.duplicates() == []


async def test_reconciliation_ignores_other_authors_and_lost_requests(make_adapter, sandbox, expect_error):
    pub = publication("Same words")
    await make_adapter(DiscordAdapter, {"bot_token": "sbx-other-bot"}).publish(publication("Same words"))
    sandbox.fault("discord", CHANNEL, "timeout")
    await expect_error(make_adapter(DiscordAdapter, BOT, timeout_s=0.5).publish(pub), "uncertain")

    assert await make_adapter(DiscordAdapter, BOT).find_published(pub) is None


async def test_errors_in_discords_words(make_adapter, sandbox, expect_error):
    adapter = make_adapter(DiscordAdapter, BOT)
    too_long = await expect_error(adapter.publish(publication("x" * 2001)), "invalid")
    assert too_long.code == "50035" and too_long.status == 400
    assert (await expect_error(adapter.publish(publication(channel="4030000000000000001")), "auth_expired")).code \
        == "50001"  # the bot was removed from the channel
    await expect_error(make_adapter(DiscordAdapter, {"bot_token": "not-a-token"}).publish(publication()),
                       "auth_expired")
    sandbox.fault("discord", CHANNEL, "server_error")
    await expect_error(adapter.publish(publication()), "transient")
    sandbox.fault("discord", CHANNEL, "rate_limit", retry_after_s=4.5)
    limited = await expect_error(adapter.publish(publication()), "rate_limited")
    assert limited.retry_after_s == pytest.approx(4.5, abs=0.01)
    assert sandbox.posts("discord") == []


async def test_the_channel_bucket_is_the_catalogues(make_adapter, sandbox, expect_error):
    adapter = make_adapter(DiscordAdapter, {**BOT, "guild_id": "1"})
    for n in range(5):
        await adapter.publish(publication(f"post {n}"))

    error = await expect_error(adapter.publish(publication("one too many")), "rate_limited")

    assert 0 < error.retry_after_s <= 5
    async with httpx.AsyncClient(base_url=sandbox.url("discord")) as http:
        listed = (await http.get(f"/api/v10/channels/{CHANNEL}/messages", params={"limit": 100},
                                 headers={"Authorization": "Bot sbx-b42"})).json()
    assert [m["content"] for m in listed] == [f"post {n}" for n in reversed(range(5))]  # newest first


async def test_a_message_made_whose_server_cannot_be_read_is_uncertain_not_failed(make_adapter, sandbox, expect_error):
    sandbox.fault("discord", CHANNEL, "server_error", on="read")  # the channel lookup after the message is made
    pub = publication("Made, then the lookup failed")

    await expect_error(make_adapter(DiscordAdapter, BOT).publish(pub), "uncertain")  # so it is reconciled first

    found = await make_adapter(DiscordAdapter, BOT).find_published(pub)
    assert found is not None and [p["external_id"] for p in sandbox.posts("discord", CHANNEL)] == [found.external_id]
