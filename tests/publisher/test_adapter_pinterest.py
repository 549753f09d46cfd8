"""PinterestAdapter against the sandbox over real HTTP: Pins on a board, with a link."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from publisher.networks.base import MediaItem, Publication
from publisher.networks.pinterest import PinterestAdapter

BOARD = "5551"
CREDENTIALS = {"access_token": "sbx-pin", "refresh_token": "sbx-pin.r1", "client_id": "app",
               "client_secret": "secret"}
IMAGE = MediaItem("https://cdn.example.com/autumn.jpg")


def publication(text: str = "Autumn Blend, roasted this week", **kwargs) -> Publication:
    kwargs.setdefault("media", (IMAGE,))
    return Publication(target_id=uuid.uuid4(), account_ref=BOARD, text=text, **kwargs)


async def test_a_pin_is_saved_on_the_board_with_its_link_apart_from_the_description(make_adapter, sandbox):
    pin = await make_adapter(PinterestAdapter, CREDENTIALS).publish(
        publication("Autumn Blend", link="https://shop.example/autumn?utm_content=t1"))

    [stored] = sandbox.posts("pinterest", BOARD)
    assert (stored["external_id"], stored["text"], stored["link"], stored["media"]) == (
        pin.external_id, "Autumn Blend", "https://shop.example/autumn?utm_content=t1", [IMAGE.url])
    assert pin.url == f"https://www.pinterest.com/pin/{pin.external_id}/"


async def test_several_images_make_a_carousel_pin(make_adapter, sandbox):
    images = tuple(MediaItem(f"https://cdn.example.com/{n}.jpg") for n in range(3))
    await make_adapter(PinterestAdapter, CREDENTIALS).publish(publication(media=images))

    [stored] = sandbox.posts("pinterest", BOARD)
    assert stored["media"] == [item.url for item in images]


async def test_a_video_or_no_image_is_refused_before_any_call(make_adapter, sandbox, expect_error):
    adapter = make_adapter(PinterestAdapter, CREDENTIALS)
    video = publication(media=(MediaItem("https://cdn.example.com/a.mp4", "video"),))

    assert not adapter.fits(video) and not adapter.fits(publication(media=()))
    await expect_error(adapter.publish(video), "invalid")
    assert sandbox.posts("pinterest") == []


async def test_reconciliation_finds_our_pin_after_a_lost_answer_and_not_an_older_one(make_adapter, sandbox,
                                                                                     expect_error):
    adapter = make_adapter(PinterestAdapter, CREDENTIALS, timeout_s=1.0)
    older = publication("Same words")
    await adapter.publish(older)
    pub = publication("Same words", scheduled_at=datetime.now(UTC) + timedelta(minutes=10))
    assert await adapter.find_published(pub) is None  # the older Pin is before the target was due

    sandbox.fault("pinterest", BOARD, "lost_response")
    mine = publication("Lost in transit", scheduled_at=datetime.now(UTC))
    await expect_error(adapter.publish(mine), "uncertain")

    found = await adapter.find_published(mine)
    assert found is not None and found.external_id == sandbox.posts("pinterest", BOARD)[-1]["external_id"]


async def test_rate_limit_carries_the_reset_and_server_errors_are_transient(make_adapter, sandbox, expect_error):
    adapter = make_adapter(PinterestAdapter, CREDENTIALS)
    sandbox.fault("pinterest", BOARD, "rate_limit", retry_after_s=42)
    error = await expect_error(adapter.publish(publication()), "rate_limited")
    assert error.retry_after_s == 42

    sandbox.fault("pinterest", BOARD, "server_error")
    await expect_error(adapter.publish(publication()), "transient")


async def test_expired_token_is_auth_expired_and_refresh_renews_it(make_adapter, expect_error):
    expired = make_adapter(PinterestAdapter, {**CREDENTIALS, "access_token": "sbx-expired"})
    await expect_error(expired.publish(publication()), "auth_expired")

    renewed = await expired.refresh_credentials()

    assert renewed["access_token"].startswith("sbx-pin.") and renewed["refresh_token"] == "sbx-pin.r1"
