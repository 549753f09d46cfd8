"""FacebookAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from publisher.networks.base import MediaItem, Publication
from publisher.networks.facebook import FacebookAdapter

PAGE = "5550001"
TOKEN = {"access_token": "sbx-page-token"}


def publication(text: str = "Hello, Page", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=PAGE, text=text, **kwargs)


async def test_text_post_goes_to_the_page_feed(make_adapter, sandbox):
    post = await make_adapter(FacebookAdapter, TOKEN).publish(publication())

    [stored] = sandbox.posts("facebook", PAGE)
    assert post.external_id == stored["external_id"] and post.external_id.startswith(f"{PAGE}_")
    assert post.url == f"https://www.facebook.com/{post.external_id}"


async def test_link_is_a_separate_field(make_adapter, sandbox):
    await make_adapter(FacebookAdapter, TOKEN).publish(publication("Read", link="https://example.com/a"))

    [stored] = sandbox.posts("facebook", PAGE)
    assert (stored["text"], stored["link"]) == ("Read", "https://example.com/a")


async def test_one_photo_is_a_photo_post_with_caption(make_adapter, sandbox):
    url = sandbox.media_url("a.png")
    post = await make_adapter(FacebookAdapter, TOKEN).publish(publication("Cap", media=(MediaItem(url),)))

    [stored] = sandbox.posts("facebook", PAGE)
    assert (stored["external_id"], stored["text"], stored["media"]) == (post.external_id, "Cap", [url])


async def test_several_photos_are_one_post_with_attached_media(make_adapter, sandbox):
    urls = [sandbox.media_url(f"{n}.png") for n in range(3)]
    await make_adapter(FacebookAdapter, TOKEN).publish(publication("Album", media=tuple(MediaItem(u) for u in urls)))

    [stored] = sandbox.posts("facebook", PAGE)  # the unpublished photos are not posts
    assert stored["media"] == urls


async def test_video_is_posted_through_the_videos_edge(make_adapter, sandbox):
    url = sandbox.media_url("v.mp4")
    post = await make_adapter(FacebookAdapter, TOKEN).publish(
        publication("Clip", media=(MediaItem(url, kind="video"),))
    )

    assert post.url == f"https://www.facebook.com/{PAGE}/videos/{post.external_id}"
    assert sandbox.posts("facebook", PAGE)[0]["media"] == [url]


async def test_page_rate_limit_reads_regain_time_in_minutes(make_adapter, sandbox, expect_error):
    sandbox.fault("facebook", PAGE, "rate_limit", retry_after_s=300)

    error = await expect_error(make_adapter(FacebookAdapter, TOKEN).publish(publication()), "rate_limited")

    assert (error.code, error.retry_after_s) == ("32", 300)


async def test_unexpected_error_is_transient(make_adapter, sandbox, expect_error):
    sandbox.fault("facebook", PAGE, "server_error")

    error = await expect_error(make_adapter(FacebookAdapter, TOKEN).publish(publication()), "transient")

    assert error.code == "2"


async def test_expired_token_is_auth_expired(make_adapter, expect_error):
    error = await expect_error(
        make_adapter(FacebookAdapter, {"access_token": "sbx-expired"}).publish(publication()), "auth_expired"
    )

    assert error.code == "190"


async def test_empty_post_is_invalid(make_adapter, expect_error):
    error = await expect_error(make_adapter(FacebookAdapter, TOKEN).publish(publication("")), "invalid")

    assert error.code == "100"


async def test_506_after_a_lost_response_reports_the_post_that_landed(make_adapter, sandbox, expect_error):
    sandbox.fault("facebook", PAGE, "lost_response")
    pub = publication("Lost answer")

    await expect_error(make_adapter(FacebookAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")
    retried = await make_adapter(FacebookAdapter, TOKEN).publish(pub)  # Facebook answers 506

    [stored] = sandbox.posts("facebook", PAGE)
    assert retried.external_id == stored["external_id"]


async def test_506_for_an_old_post_stays_invalid(make_adapter, sandbox, expect_error):
    adapter = make_adapter(FacebookAdapter, TOKEN)
    await adapter.publish(publication("Weekly tip"))
    next_week = publication("Weekly tip", scheduled_at=datetime.now(UTC) + timedelta(hours=1))

    error = await expect_error(adapter.publish(next_week), "invalid")

    assert error.code == "506"
    assert len(sandbox.posts("facebook", PAGE)) == 1


async def test_find_published_after_lost_response_and_when_absent(make_adapter, sandbox, expect_error):
    landed, lost = publication("Landed"), publication("Not landed", media=(MediaItem(sandbox.media_url("a.png")),))
    sandbox.fault("facebook", PAGE, "lost_response")
    await expect_error(make_adapter(FacebookAdapter, TOKEN, timeout_s=0.5).publish(landed), "uncertain")
    sandbox.fault("facebook", PAGE, "timeout")
    await expect_error(make_adapter(FacebookAdapter, TOKEN, timeout_s=0.5).publish(lost), "uncertain")
    adapter = make_adapter(FacebookAdapter, TOKEN)

    assert (await adapter.find_published(landed)).external_id == sandbox.posts("facebook", PAGE)[0]["external_id"]
    assert await adapter.find_published(lost) is None


async def test_refresh_exchanges_the_user_token_and_reads_the_page_token(make_adapter, expect_error):
    credentials = {**TOKEN, "user_access_token": "sbx-user", "app_id": "app", "app_secret": "secret", "page_id": PAGE}
    adapter = make_adapter(FacebookAdapter, credentials)

    renewed = await adapter.refresh_credentials()

    assert renewed["user_access_token"] != "sbx-user" and renewed["access_token"] != TOKEN["access_token"]
    assert renewed["app_secret"] == "secret"
    await adapter.publish(publication("with the new page token"))
    expired = make_adapter(FacebookAdapter, {**credentials, "user_access_token": "sbx-expired"})
    await expect_error(expired.refresh_credentials(), "auth_expired")


async def test_refresh_without_app_credentials_has_nothing_to_do(make_adapter):
    assert await make_adapter(FacebookAdapter, TOKEN).refresh_credentials() is None
