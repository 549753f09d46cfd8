"""XAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.x import XAdapter, expanded_text
from sandbox.server import free_port
from smmkit.networks import make_http_client

USER = "1001"
CREDENTIALS = {"access_token": f"sbx-{USER}", "refresh_token": f"sbx-{USER}.r0", "client_id": "sandbox-app"}


def publication(text: str = "Hello, X", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=USER, text=text, **kwargs)


async def test_text_post(make_adapter, sandbox):
    post = await make_adapter(XAdapter, CREDENTIALS).publish(publication())

    [stored] = sandbox.posts("x", USER)
    assert stored["external_id"] == post.external_id
    assert post.url == f"https://x.com/i/web/status/{post.external_id}"


async def test_media_is_uploaded_and_attached(make_adapter, sandbox):
    media = (MediaItem(sandbox.media_url("a.png")), MediaItem(sandbox.media_url("b.png")))
    await make_adapter(XAdapter, CREDENTIALS).publish(publication("Pics", media=media))

    assert sandbox.posts("x", USER)[0]["media"] == ["a.png", "b.png"]


async def test_a_gif_goes_alone(make_adapter, sandbox, expect_error):
    gif = MediaItem(sandbox.media_url("b.gif"), kind="gif")
    adapter = make_adapter(XAdapter, CREDENTIALS)

    await expect_error(adapter.publish(publication("Pic and GIF", media=(MediaItem(sandbox.media_url("a.png")), gif))),
                       "invalid")
    await adapter.publish(publication("GIF", media=(gif,)))

    assert [p["media"] for p in sandbox.posts("x", USER)] == [["b.gif"]]


async def test_link_is_appended(make_adapter, sandbox):
    await make_adapter(XAdapter, CREDENTIALS).publish(publication("Read", link="https://example.com/a"))

    assert sandbox.posts("x", USER)[0]["text"] == "Read\n\nhttps://example.com/a"


async def test_rate_limit_honours_the_reset_header(make_adapter, sandbox, expect_error):
    sandbox.fault("x", USER, "rate_limit", retry_after_s=600)

    error = await expect_error(make_adapter(XAdapter, CREDENTIALS).publish(publication()), "rate_limited")

    assert 598 <= error.retry_after_s <= 602


async def test_natural_rate_limit_of_100_per_15_minutes(make_adapter, sandbox, expect_error):
    sandbox.configure(rate_limit_scale=0.02)  # -> 2 per 15 minutes
    adapter = make_adapter(XAdapter, CREDENTIALS)
    await adapter.publish(publication("one"))
    await adapter.publish(publication("two"))

    error = await expect_error(adapter.publish(publication("three")), "rate_limited")

    assert 400 <= error.retry_after_s <= 452  # one slot frees up after 15 min / 2


async def test_service_unavailable_is_transient(make_adapter, sandbox, expect_error):
    sandbox.fault("x", USER, "server_error")

    error = await expect_error(make_adapter(XAdapter, CREDENTIALS).publish(publication()), "transient")

    assert error.status == 503


async def test_expired_token_is_auth_expired(make_adapter, expect_error):
    await expect_error(
        make_adapter(XAdapter, {**CREDENTIALS, "access_token": "sbx-expired"}).publish(publication()), "auth_expired"
    )


async def test_too_long_text_is_invalid(make_adapter, expect_error):
    error = await expect_error(make_adapter(XAdapter, CREDENTIALS).publish(publication("x" * 281)), "invalid")

    assert error.status == 400


async def test_duplicate_refusal_inside_the_window_reports_the_existing_post(make_adapter, sandbox):
    adapter = make_adapter(XAdapter, CREDENTIALS)
    first = await adapter.publish(publication("Same words"))

    # X refuses the same text again; the post it has is recent, so it is reported instead.
    assert await adapter.publish(publication("Same words")) == first
    assert len(sandbox.posts("x", USER)) == 1


async def test_duplicate_outside_the_window_is_invalid(make_adapter, sandbox, expect_error):
    adapter = make_adapter(XAdapter, CREDENTIALS)
    await adapter.publish(publication("Weekly tip"))
    next_week = publication("Weekly tip", scheduled_at=datetime.now(UTC) + timedelta(hours=1))

    error = await expect_error(adapter.publish(next_week), "invalid")
    assert error.code == "duplicate"


async def test_lost_response_then_retry_returns_the_existing_post(make_adapter, sandbox, expect_error):
    sandbox.fault("x", USER, "lost_response", path_contains="/tweets")  # not the media upload
    pub = publication("Lost answer https://example.com/page?id=7", media=(MediaItem(sandbox.media_url("a.png")),))

    await expect_error(make_adapter(XAdapter, CREDENTIALS, timeout_s=0.5).publish(pub), "uncertain")
    adapter = make_adapter(XAdapter, CREDENTIALS)
    found = await adapter.find_published(pub)  # t.co links expanded, media link dropped

    [stored] = sandbox.posts("x", USER)
    assert found is not None and found.external_id == stored["external_id"]
    assert await adapter.publish(pub) == found  # X's duplicate refusal, reconciled
    assert sandbox.duplicates() == []


async def test_find_published_is_none_when_nothing_was_posted(make_adapter, sandbox, expect_error):
    sandbox.fault("x", USER, "timeout")
    pub = publication("Never posted")

    await expect_error(make_adapter(XAdapter, CREDENTIALS, timeout_s=0.5).publish(pub), "uncertain")

    assert await make_adapter(XAdapter, CREDENTIALS).find_published(pub) is None


async def test_refresh_rotates_tokens_and_the_old_refresh_token_dies(make_adapter, expect_error):
    adapter = make_adapter(XAdapter, CREDENTIALS)

    renewed = await adapter.refresh_credentials()

    assert renewed["refresh_token"] != CREDENTIALS["refresh_token"]
    assert renewed["access_token"] != CREDENTIALS["access_token"]
    assert renewed["client_id"] == "sandbox-app"  # nothing else is lost
    assert renewed["expires_at"]
    await adapter.publish(publication("with the new token"))  # and the adapter uses it
    stale = make_adapter(XAdapter, CREDENTIALS)
    await expect_error(stale.refresh_credentials(), "auth_expired")


async def test_token_endpoint_outage_is_transient_and_keeps_the_refresh_token(make_adapter, sandbox, expect_error):
    sandbox.fault("x", USER, "server_error")
    adapter = make_adapter(XAdapter, CREDENTIALS)

    await expect_error(adapter.refresh_credentials(), "transient")  # never "reconnect the channel"

    assert (await adapter.refresh_credentials())["refresh_token"] != CREDENTIALS["refresh_token"]


async def test_unreachable_token_endpoint_is_transient(expect_error):
    async with make_http_client(f"http://127.0.0.1:{free_port()}/x", timeout_s=0.5) as http:  # nobody listens
        adapter = XAdapter(http=http, credentials=CREDENTIALS)
        await expect_error(adapter.refresh_credentials(), "transient")


@pytest.mark.parametrize(
    ("tweet", "expected"),
    [
        (
            {
                "text": "Hi https://t.co/abc",
                "entities": {
                    "urls": [
                        {"start": 3, "end": 19, "url": "https://t.co/abc", "expanded_url": "https://example.com/x"}
                    ]
                },
            },
            "Hi https://example.com/x",
        ),
        (
            {
                "text": "Pic https://t.co/m1",
                "entities": {
                    "urls": [
                        {
                            "start": 4,
                            "end": 19,
                            "url": "https://t.co/m1",
                            "media_key": "3_1",
                            "expanded_url": "https://x.com/p",
                        }
                    ]
                },
            },
            "Pic",
        ),
    ],
)
def test_expanded_text(tweet, expected):
    assert expanded_text(tweet) == expected
