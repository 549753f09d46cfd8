"""TelegramAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import logging
import uuid

import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.telegram import TelegramAdapter

CHANNEL = "@sandbox_news"
TOKEN = {"bot_token": "sbx-123456:secret-bot-token"}


def publication(text: str = "Hello, channel", account_ref: str = CHANNEL, **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=account_ref, text=text, **kwargs)


async def test_text_message_links_to_the_public_channel(make_adapter, sandbox):
    post = await make_adapter(TelegramAdapter, TOKEN).publish(publication())

    [stored] = sandbox.posts("telegram", CHANNEL)
    assert stored["text"] == "Hello, channel"
    assert post.url == f"https://t.me/sandbox_news/{post.external_id}"


async def test_private_channel_url_drops_the_minus_100_prefix(make_adapter):
    post = await make_adapter(TelegramAdapter, TOKEN).publish(publication(account_ref="-1001234567890"))

    assert post.url == f"https://t.me/c/1234567890/{post.external_id}"


async def test_one_photo_is_sent_with_the_text_as_caption(make_adapter, sandbox):
    url = sandbox.media_url("a.png")
    await make_adapter(TelegramAdapter, TOKEN).publish(publication("Caption", media=(MediaItem(url),)))

    [stored] = sandbox.posts("telegram", CHANNEL)
    assert (stored["text"], stored["media"]) == ("Caption", [url])


async def test_several_photos_become_one_album(make_adapter, sandbox):
    urls = [sandbox.media_url(f"{n}.png") for n in range(3)]
    post = await make_adapter(TelegramAdapter, TOKEN).publish(
        publication("Album", media=tuple(MediaItem(u) for u in urls))
    )

    [stored] = sandbox.posts("telegram", CHANNEL)
    assert stored["media"] == urls
    assert stored["external_id"] == post.external_id  # the album is known by its first message


async def test_link_is_appended_to_the_text(make_adapter, sandbox):
    await make_adapter(TelegramAdapter, TOKEN).publish(publication("Read", link="https://example.com/a"))

    assert sandbox.posts("telegram", CHANNEL)[0]["text"] == "Read\n\nhttps://example.com/a"


async def test_flood_wait_uses_retry_after_from_the_body(make_adapter, sandbox, expect_error):
    sandbox.fault("telegram", CHANNEL, "rate_limit", retry_after_s=15)

    error = await expect_error(make_adapter(TelegramAdapter, TOKEN).publish(publication()), "rate_limited")

    assert error.retry_after_s == 15


async def test_server_error_is_transient(make_adapter, sandbox, expect_error):
    sandbox.fault("telegram", CHANNEL, "server_error")

    await expect_error(make_adapter(TelegramAdapter, TOKEN).publish(publication()), "transient")

    assert sandbox.posts("telegram") == []


async def test_revoked_token_is_auth_expired(make_adapter, expect_error):
    error = await expect_error(
        make_adapter(TelegramAdapter, {"bot_token": "sbx-expired:1"}).publish(publication()), "auth_expired"
    )

    assert error.status == 401


async def test_bot_removed_from_the_channel_is_auth_expired(make_adapter, expect_error):
    error = await expect_error(
        make_adapter(TelegramAdapter, TOKEN).publish(publication(account_ref="@nobot_channel")), "auth_expired"
    )

    assert error.status == 403


@pytest.mark.parametrize(
    ("text", "media", "reason"),
    [
        ("x" * 4097, (), "too long"),
        ("x" * 1025, ("a.png",), "caption is too long"),
    ],
)
async def test_too_long_text_is_invalid(make_adapter, sandbox, expect_error, text, media, reason):
    pub = publication(text, media=tuple(MediaItem(sandbox.media_url(m)) for m in media))

    error = await expect_error(make_adapter(TelegramAdapter, TOKEN).publish(pub), "invalid")

    assert reason in error.message


async def test_unknown_chat_is_invalid(make_adapter, expect_error):
    await expect_error(make_adapter(TelegramAdapter, TOKEN).publish(publication(account_ref="not-a-chat")), "invalid")


async def test_lost_response_is_uncertain_and_cannot_be_reconciled(make_adapter, sandbox, expect_error):
    sandbox.fault("telegram", CHANNEL, "lost_response")
    pub = publication("Did it go out?")

    await expect_error(make_adapter(TelegramAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")
    error = await expect_error(make_adapter(TelegramAdapter, TOKEN).find_published(pub), "uncertain")

    assert error.code == "reconcile_unsupported"  # the Bot API cannot read channel history
    assert len(sandbox.posts("telegram", CHANNEL)) == 1  # ...and the message did go out


async def test_bot_token_never_reaches_the_logs(make_adapter, caplog):
    caplog.set_level(logging.DEBUG)

    await make_adapter(TelegramAdapter, TOKEN).publish(publication())

    assert "secret-bot-token" not in caplog.text
    assert "/bot<redacted>/sendMessage" in caplog.text
