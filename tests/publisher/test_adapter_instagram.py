"""InstagramAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import uuid

import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.instagram import InstagramAdapter

IG_USER = "17841400000000001"
TOKEN = {"access_token": "sbx-ig-user"}


def publication(text: str = "Hello, Instagram", media: tuple[MediaItem, ...] | None = None, **kwargs) -> Publication:
    media = media if media is not None else (MediaItem("https://cdn.example.com/a.jpg"),)
    return Publication(target_id=uuid.uuid4(), account_ref=IG_USER, text=text, media=media, **kwargs)


@pytest.fixture
def instagram(make_adapter):
    def build(credentials=TOKEN, **kwargs) -> InstagramAdapter:
        adapter = make_adapter(InstagramAdapter, credentials, **kwargs)
        adapter.container_poll_s = 0.01
        return adapter

    return build


async def test_image_post_is_container_then_publish(instagram, sandbox):
    post = await instagram().publish(publication("Caption"))

    [stored] = sandbox.posts("instagram", IG_USER)
    assert (stored["external_id"], stored["text"]) == (post.external_id, "Caption")
    assert stored["media"] == ["https://cdn.example.com/a.jpg"]
    assert post.url.startswith("https://www.instagram.com/p/")


async def test_carousel_keeps_every_item_in_order(instagram, sandbox):
    urls = [f"https://cdn.example.com/{n}.jpg" for n in range(3)]
    await instagram().publish(publication("Carousel", media=tuple(MediaItem(u) for u in urls)))

    assert sandbox.posts("instagram", IG_USER)[0]["media"] == urls


async def test_video_waits_for_processing_before_publishing(instagram, sandbox):
    await instagram().publish(publication("Reel", media=(MediaItem("https://cdn.example.com/v.mp4", kind="video"),)))

    assert len(sandbox.posts("instagram", IG_USER)) == 1


async def test_link_goes_into_the_caption(instagram, sandbox):
    await instagram().publish(publication("Read", link="https://example.com/a"))

    assert sandbox.posts("instagram", IG_USER)[0]["text"] == "Read\n\nhttps://example.com/a"


async def test_text_only_post_is_refused_before_any_call(instagram, sandbox, expect_error):
    error = await expect_error(instagram().publish(publication(media=())), "invalid")

    assert error.code == "media_required"


async def test_rate_limit_reads_regain_time(instagram, sandbox, expect_error):
    sandbox.fault("instagram", IG_USER, "rate_limit", retry_after_s=60, path_contains="media_publish")

    error = await expect_error(instagram().publish(publication()), "rate_limited")

    assert (error.code, error.retry_after_s) == ("4", 60)


async def test_publishing_quota_is_rate_limited(instagram, sandbox, expect_error):
    sandbox.configure(rate_limit_scale=0.02)  # 50 posts a day -> 1
    adapter = instagram()
    await adapter.publish(publication("first"))

    error = await expect_error(adapter.publish(publication("second")), "rate_limited")

    assert error.code == "9"


async def test_server_error_is_transient(instagram, sandbox, expect_error):
    sandbox.fault("instagram", IG_USER, "server_error", path_contains="media_publish")

    await expect_error(instagram().publish(publication()), "transient")

    assert sandbox.posts("instagram") == []


async def test_expired_token_is_auth_expired(instagram, expect_error):
    await expect_error(instagram({"access_token": "sbx-expired"}).publish(publication()), "auth_expired")


async def test_too_long_caption_is_invalid(instagram, expect_error):
    error = await expect_error(instagram().publish(publication("x" * 2201)), "invalid")

    assert error.code == "100"


async def test_lost_publish_answer_is_uncertain_and_reconciled(instagram, sandbox, expect_error):
    sandbox.fault("instagram", IG_USER, "lost_response", path_contains="media_publish")
    pub = publication("Did it publish?")

    await expect_error(instagram(timeout_s=0.5).publish(pub), "uncertain")
    found = await instagram().find_published(pub)

    [stored] = sandbox.posts("instagram", IG_USER)
    assert found is not None and found.external_id == stored["external_id"]


async def test_lost_container_answer_is_only_transient(instagram, sandbox, expect_error):
    sandbox.fault("instagram", IG_USER, "timeout", path_contains="/media")  # container creation, not publishing

    await expect_error(instagram(timeout_s=0.5).publish(publication()), "transient")

    assert sandbox.posts("instagram") == []


async def test_find_published_is_none_when_publish_never_happened(instagram, sandbox, expect_error):
    sandbox.fault("instagram", IG_USER, "timeout", path_contains="media_publish")
    pub = publication("Never published")

    await expect_error(instagram(timeout_s=0.5).publish(pub), "uncertain")

    assert await instagram().find_published(pub) is None


async def test_refresh_swaps_for_a_new_long_lived_token(instagram):
    adapter = instagram({**TOKEN, "app_id": "app", "app_secret": "secret"})

    renewed = await adapter.refresh_credentials()

    assert renewed["access_token"] != TOKEN["access_token"]
    await adapter.publish(publication("with the new token"))
