"""YouTubeAdapter against the sandbox over real HTTP: resumable uploads, across interruptions, and Shorts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from publisher.networks.base import MediaItem, Publication
from publisher.networks.youtube import YouTubeAdapter, title_of

CHANNEL = "UCroastery"
CREDENTIALS = {"access_token": f"sbx-{CHANNEL}", "refresh_token": f"sbx-{CHANNEL}.r1", "client_id": "app",
               "client_secret": "secret"}
UNIT = 256 * 1024


def publication(sandbox, text: str = "How we roast\nTen minutes in the roastery", size: int = 2048,
                **kwargs) -> Publication:
    video = MediaItem(sandbox.media_url("clip.mp4", size=size), "video")
    return Publication(target_id=uuid.uuid4(), account_ref=CHANNEL, text=text, media=(video,), **kwargs)


def test_the_title_is_the_first_line_cut_to_100_characters():
    assert title_of("\n  Autumn Blend  \nmore") == "Autumn Blend"
    assert len(title_of("x" * 150)) == 100 and title_of("x" * 150).endswith("…")
    assert title_of("") == "New video"


async def test_a_video_is_uploaded_with_its_description_and_a_link(make_adapter, sandbox):
    pub = publication(sandbox, "Autumn Blend <new>", link="https://shop.example/autumn")
    video = await make_adapter(YouTubeAdapter, CREDENTIALS).publish(pub)

    [stored] = sandbox.posts("youtube", CHANNEL)
    assert stored["external_id"] == video.external_id
    assert stored["text"] == "Autumn Blend ‹new›\n\nhttps://shop.example/autumn"  # YouTube refuses < and >
    assert video.url == f"https://www.youtube.com/watch?v={video.external_id}"


async def test_a_short_gets_its_shorts_url(make_adapter, sandbox):
    video = await make_adapter(YouTubeAdapter, CREDENTIALS).publish(
        publication(sandbox, "Pour-over in 30 seconds #Shorts"))

    assert video.url == f"https://www.youtube.com/shorts/{video.external_id}"
    assert [p["external_id"] for p in sandbox.posts("youtube", CHANNEL)] == [video.external_id]


def upload_faults(sandbox, *kinds: str) -> None:
    """Faults for the upload's requests in order: opening the session, then each PUT (a chunk, or asking
    the session what it holds); "-" lets a request through. They share one path, so each is armed in turn."""
    for kind in kinds:
        options = {"kind": "slow", "delay_ms": 0} if kind == "-" else {"kind": kind}
        sandbox.fault("youtube", CHANNEL, **options)


async def test_the_upload_resumes_where_the_session_stopped_across_interruptions(make_adapter, sandbox):
    adapter = make_adapter(YouTubeAdapter, CREDENTIALS, timeout_s=1.0)
    adapter.chunk_size = UNIT  # three chunks: 256 KiB, 256 KiB, the rest
    # chunk 1 is stored but its answer is lost: the session says it holds bytes 0-262143 (308), so chunk 2
    # follows; chunk 2 fails (503, nothing stored): asked again, the session still holds 0-262143, and chunk 2
    # is sent once more. The sandbox refuses a chunk that does not start where the session's bytes end.
    upload_faults(sandbox, "-", "lost_response", "-", "server_error")

    video = await adapter.publish(publication(sandbox, size=2 * UNIT + 1000, text="Resumed"))

    [stored] = sandbox.posts("youtube", CHANNEL)
    assert stored["external_id"] == video.external_id and stored["media"] == [f"{2 * UNIT + 1000} bytes"]
    assert sandbox.refusals()["server_error"] == {"youtube": 1}


async def test_a_lost_answer_to_the_last_chunk_is_the_same_video_not_a_second_one(make_adapter, sandbox):
    adapter = make_adapter(YouTubeAdapter, CREDENTIALS, timeout_s=1.0)
    upload_faults(sandbox, "-", "lost_response")  # the video is made; asked, the session answers it

    video = await adapter.publish(publication(sandbox, "Only once"))

    assert [p["external_id"] for p in sandbox.posts("youtube", CHANNEL)] == [video.external_id]


async def test_reconciliation_finds_our_video_since_the_target_was_due(make_adapter, sandbox):
    adapter = make_adapter(YouTubeAdapter, CREDENTIALS)
    older = await adapter.publish(publication(sandbox, "Same words"))
    later = publication(sandbox, "Same words", scheduled_at=datetime.now(UTC) + timedelta(minutes=10))
    assert await adapter.find_published(later) is None  # before the target was due: not ours

    found = await adapter.find_published(publication(sandbox, "Same words", scheduled_at=datetime.now(UTC)))
    assert found is not None and found.external_id == older.external_id


async def test_the_daily_videos_insert_quota_is_rate_limited_and_auth_errors_renew(make_adapter, sandbox,
                                                                                expect_error):
    sandbox.configure(rate_limit_scale=0.01)  # videos.insert: 100 a day becomes 1
    adapter = make_adapter(YouTubeAdapter, CREDENTIALS)
    await adapter.publish(publication(sandbox, "First"))
    error = await expect_error(adapter.publish(publication(sandbox, "Second")), "rate_limited")
    assert (error.code, error.retry_after_s) == ("quotaExceeded", 3600.0)

    expired = make_adapter(YouTubeAdapter, {**CREDENTIALS, "access_token": "sbx-expired"})
    assert (await expect_error(expired.publish(publication(sandbox)), "auth_expired")).code == "authError"
    renewed = await expired.refresh_credentials()
    assert renewed["access_token"].startswith(f"sbx-{CHANNEL}.") and renewed["refresh_token"] == CREDENTIALS[
        "refresh_token"]
