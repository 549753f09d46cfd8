"""ThreadsAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import uuid

import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.threads import ThreadsAdapter

USER = "2000000001"
TOKEN = {"access_token": "sbx-threads"}


def publication(text: str = "Hello, Threads", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=USER, text=text, **kwargs)


@pytest.fixture
def threads(make_adapter):
    def build(credentials=TOKEN, **kwargs) -> ThreadsAdapter:
        adapter = make_adapter(ThreadsAdapter, credentials, **kwargs)
        adapter.container_poll_s = 0.01
        return adapter

    return build


async def test_text_post(threads, sandbox):
    post = await threads().publish(publication())

    [stored] = sandbox.posts("threads", USER)
    assert (stored["external_id"], stored["text"]) == (post.external_id, "Hello, Threads")
    assert post.url.startswith("https://www.threads.net/")


async def test_image_and_carousel_posts(threads, sandbox):
    one = (MediaItem("https://cdn.example.com/a.jpg"),)
    many = tuple(MediaItem(f"https://cdn.example.com/{n}.jpg") for n in range(3))
    await threads().publish(publication("one", media=one))
    await threads().publish(publication("many", media=many))

    media = {p["text"]: p["media"] for p in sandbox.posts("threads", USER)}
    assert media == {"one": ["https://cdn.example.com/a.jpg"], "many": [m.url for m in many]}


async def test_video_waits_for_processing(threads, sandbox):
    await threads().publish(publication("clip", media=(MediaItem("https://cdn.example.com/v.mp4", kind="video"),)))

    assert len(sandbox.posts("threads", USER)) == 1


async def test_link_is_appended(threads, sandbox):
    await threads().publish(publication("Read", link="https://example.com/a"))

    assert sandbox.posts("threads", USER)[0]["text"] == "Read\n\nhttps://example.com/a"


async def test_rate_limit(threads, sandbox, expect_error):
    sandbox.fault("threads", USER, "rate_limit", retry_after_s=120)

    error = await expect_error(threads().publish(publication()), "rate_limited")

    assert error.retry_after_s == 120


async def test_server_error_is_transient(threads, sandbox, expect_error):
    sandbox.fault("threads", USER, "server_error", path_contains="threads_publish")

    await expect_error(threads().publish(publication()), "transient")

    assert sandbox.posts("threads") == []


async def test_expired_token_is_auth_expired(threads, expect_error):
    await expect_error(threads({"access_token": "sbx-expired"}).publish(publication()), "auth_expired")


async def test_too_long_text_is_invalid(threads, expect_error):
    await expect_error(threads().publish(publication("x" * 501)), "invalid")


async def test_lost_publish_is_uncertain_then_found(threads, sandbox, expect_error):
    sandbox.fault("threads", USER, "lost_response", path_contains="threads_publish")
    pub = publication("Did it go out?")

    await expect_error(threads(timeout_s=0.5).publish(pub), "uncertain")
    found = await threads().find_published(pub)

    assert found is not None and found.external_id == sandbox.posts("threads", USER)[0]["external_id"]


async def test_find_published_is_none_when_never_published(threads, sandbox, expect_error):
    sandbox.fault("threads", USER, "timeout", path_contains="threads_publish")
    pub = publication("Never went out")

    await expect_error(threads(timeout_s=0.5).publish(pub), "uncertain")

    assert await threads().find_published(pub) is None


async def test_refresh_renews_the_long_lived_token(threads, expect_error):
    renewed = await threads().refresh_credentials()

    assert renewed["access_token"] != TOKEN["access_token"] and renewed["expires_at"]
    await expect_error(threads({"access_token": "sbx-expired"}).refresh_credentials(), "auth_expired")
