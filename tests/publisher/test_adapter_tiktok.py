"""TikTokAdapter against the sandbox over real HTTP: the Content Posting API's upload, then its publish status."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from publisher.networks.base import MediaItem, Publication
from publisher.networks.tiktok import TikTokAdapter

CREATOR = "roastery"
CREDENTIALS = {"access_token": f"sbx-{CREATOR}", "refresh_token": f"sbx-{CREATOR}.r0", "client_key": "app",
               "client_secret": "secret"}


def publication(sandbox, text: str = "Autumn Blend, poured #coffee", size: int = 2048, account: str = CREATOR,
                **kwargs) -> Publication:
    video = MediaItem(sandbox.media_url("clip.mp4", size=size), "video")
    return Publication(target_id=uuid.uuid4(), account_ref=account, text=text, media=(video,), **kwargs)


def adapter_for(make_adapter, credentials=CREDENTIALS, **kwargs) -> TikTokAdapter:
    adapter = make_adapter(TikTokAdapter, credentials, **kwargs)
    adapter.status_poll_s = 0.05
    return adapter


async def test_the_video_is_uploaded_then_its_status_polled_until_published(make_adapter, sandbox):
    # over 1 MB: the sandbox reports PROCESSING_UPLOAD once after the upload, then PUBLISH_COMPLETE
    post = await adapter_for(make_adapter).publish(publication(sandbox, size=1_200_000, link="https://shop.example/a"))

    [stored] = sandbox.posts("tiktok", CREATOR)
    assert (stored["external_id"], stored["text"], stored["media"]) == (
        post.external_id, "Autumn Blend, poured #coffee\n\nhttps://shop.example/a", ["1200000 bytes"])
    assert post.url == f"https://www.tiktok.com/@user{CREATOR}/video/{post.external_id}"


async def test_a_lost_upload_answer_is_checked_by_its_status_not_uploaded_again(make_adapter, sandbox):
    adapter = adapter_for(make_adapter, timeout_s=1.0)
    # the writes are the init, then the upload (its path is a part of the init's): let the init through
    sandbox.fault("tiktok", CREATOR, "slow", delay_ms=0)
    sandbox.fault("tiktok", CREATOR, "lost_response")  # the bytes land; the 201 is lost

    post = await adapter.publish(publication(sandbox, "Once only"))

    assert [p["external_id"] for p in sandbox.posts("tiktok", CREATOR)] == [post.external_id]


async def test_an_unaudited_app_posts_privately_with_no_public_id(make_adapter, sandbox):
    creator = "unaudited1"  # the sandbox offers this creator SELF_ONLY only
    adapter = adapter_for(make_adapter, {"access_token": f"sbx-{creator}"})

    post = await adapter.publish(publication(sandbox, account=creator))

    assert post.external_id.startswith("v_pub_file~") and post.url == ""
    assert len(sandbox.posts("tiktok", creator)) == 1


async def test_reconciliation_finds_our_video_after_the_answer_was_lost(make_adapter, sandbox, expect_error):
    adapter = adapter_for(make_adapter, timeout_s=1.0)
    pub = publication(sandbox, "Lost in processing", scheduled_at=datetime.now(UTC))
    # the upload lands, then the status fetch fails: the attempt ends uncertain, and the post is on TikTok
    sandbox.fault("tiktok", CREATOR, "server_error", on="read", path_contains="status")
    await expect_error(adapter.publish(pub), "uncertain")

    found = await adapter.find_published(pub)

    assert found is not None and found.external_id == sandbox.posts("tiktok", CREATOR)[0]["external_id"]


async def test_the_daily_post_cap_and_the_init_rate_are_rate_limited(make_adapter, sandbox, expect_error):
    sandbox.configure(rate_limit_scale=0.1)  # 15 posts a day becomes 1 (6 inits a minute: 1 too)
    adapter = adapter_for(make_adapter)
    await adapter.publish(publication(sandbox, "First"))

    error = await expect_error(adapter.publish(publication(sandbox, "Second")), "rate_limited")

    assert error.code in ("spam_risk_too_many_posts", "rate_limit_exceeded") and error.retry_after_s > 0


async def test_expired_token_is_auth_expired_and_refresh_rotates_the_refresh_token(make_adapter, expect_error,
                                                                                   sandbox):
    expired = adapter_for(make_adapter, {**CREDENTIALS, "access_token": "sbx-expired"})
    error = await expect_error(expired.publish(publication(sandbox)), "auth_expired")
    assert error.code == "access_token_invalid"

    renewed = await expired.refresh_credentials()

    assert renewed["access_token"].startswith(f"sbx-{CREATOR}.") and renewed["refresh_token"] != CREDENTIALS[
        "refresh_token"]
