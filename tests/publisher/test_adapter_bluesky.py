"""BlueskyAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import httpx
from hypothesis import given
from hypothesis import strategies as st

from publisher.networks.base import MediaItem, Publication
from publisher.networks.bluesky import BlueskyAdapter, link_facets, tid_for
from sandbox.networks import bluesky as sandbox_bluesky

DID = "did:plc:sandboxalice"
SESSION = {"access_jwt": "sbx-sandboxalice.a1", "refresh_jwt": "sbx-sandboxalice.r1", "did": DID}
TID = re.compile(r"^[234567a-j][234567a-z]{12}$")


def publication(text: str = "Hello, Bluesky", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=DID, text=text, **kwargs)


@given(st.uuids())
def test_record_key_is_a_valid_deterministic_tid(target_id):
    assert TID.match(tid_for(target_id))
    assert tid_for(target_id) == tid_for(uuid.UUID(str(target_id)))


def test_uuid7_keys_sort_by_their_time():
    earlier = uuid.UUID("01890a5d-ac96-7000-8000-000000000000")
    later = uuid.UUID("01990a5d-ac96-7000-8000-000000000000")
    assert tid_for(earlier) < tid_for(later)


def test_link_facets_count_utf8_bytes():
    text = "Ünïcödé → https://example.com/ä?x=1 ok"
    [facet] = link_facets(text)
    start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
    assert text.encode()[start:end].decode() == "https://example.com/ä?x=1"


async def test_post_is_stored_under_the_key_derived_from_the_target(make_adapter, sandbox):
    pub = publication()
    post = await make_adapter(BlueskyAdapter, SESSION).publish(pub)

    [stored] = sandbox.posts("bluesky", DID)
    assert post.external_id == stored["external_id"] == f"at://{DID}/app.bsky.feed.post/{tid_for(pub.target_id)}"
    assert post.url == f"https://bsky.app/profile/{DID}/post/{tid_for(pub.target_id)}"


async def test_app_password_opens_a_session_and_hands_back_tokens(make_adapter, sandbox):
    adapter = make_adapter(BlueskyAdapter, {"identifier": "alice.test", "app_password": "sbx-app-pass"})

    await adapter.publish(publication())
    renewed = await adapter.refresh_credentials()

    [stored] = sandbox.posts("bluesky")
    assert stored["account"] == renewed["did"]
    assert renewed["access_jwt"].startswith("sbx-") and renewed["refresh_jwt"].startswith("sbx-")


async def test_images_are_uploaded_as_blobs(make_adapter, sandbox):
    media = (MediaItem(sandbox.media_url("a.png")), MediaItem(sandbox.media_url("b.png", size=2048)))
    await make_adapter(BlueskyAdapter, SESSION).publish(publication("Pics", media=media))

    [stored] = sandbox.posts("bluesky", DID)
    assert len(stored["media"]) == 2 and all(ref.startswith("bafkrei") for ref in stored["media"])
    assert stored["media"][0] != stored["media"][1]  # different bytes, different blobs


async def test_link_is_clickable_and_gets_a_card(make_adapter, sandbox, sandbox_url):
    pub = publication("Read →", link="https://example.com/a")
    await make_adapter(BlueskyAdapter, SESSION).publish(pub)

    record = httpx.get(
        f"{sandbox_url}/bluesky/xrpc/com.atproto.repo.getRecord",
        params={"repo": DID, "collection": "app.bsky.feed.post", "rkey": tid_for(pub.target_id)},
    ).json()["value"]
    assert record["text"] == "Read →\n\nhttps://example.com/a"
    assert record["facets"][0]["features"][0]["uri"] == "https://example.com/a"
    assert record["embed"]["external"]["uri"] == "https://example.com/a"


async def test_video_is_refused_before_any_call(make_adapter, sandbox, expect_error):
    pub = publication(media=(MediaItem(sandbox.media_url("v.mp4"), kind="video"),))

    await expect_error(make_adapter(BlueskyAdapter, SESSION).publish(pub), "invalid")

    assert sandbox.posts("bluesky") == []


async def test_rate_limit_reads_the_reset_epoch(make_adapter, sandbox, expect_error):
    sandbox.fault("bluesky", DID, "rate_limit", retry_after_s=120)

    error = await expect_error(make_adapter(BlueskyAdapter, SESSION).publish(publication()), "rate_limited")

    assert error.retry_after_s is not None and 118 <= error.retry_after_s <= 122


async def test_server_error_is_transient(make_adapter, sandbox, expect_error):
    sandbox.fault("bluesky", DID, "server_error")

    await expect_error(make_adapter(BlueskyAdapter, SESSION).publish(publication()), "transient")


async def test_expired_token_is_auth_expired(make_adapter, expect_error):
    adapter = make_adapter(BlueskyAdapter, {**SESSION, "access_jwt": "sbx-expired"})

    error = await expect_error(adapter.publish(publication()), "auth_expired")

    assert error.code == "ExpiredToken"


async def test_too_long_text_is_invalid(make_adapter, expect_error):
    error = await expect_error(make_adapter(BlueskyAdapter, SESSION).publish(publication("x" * 301)), "invalid")

    assert "300" in error.message


async def test_publishing_the_same_target_twice_makes_one_post(make_adapter, sandbox):
    adapter = make_adapter(BlueskyAdapter, SESSION)
    pub = publication("Once only")

    first = await adapter.publish(pub)
    second = await adapter.publish(pub)  # different createdAt: InvalidSwap, then read back

    assert first == second
    assert len(sandbox.posts("bluesky", DID)) == 1


async def test_retry_after_a_lost_response_finds_the_post(make_adapter, sandbox, expect_error):
    sandbox.fault("bluesky", DID, "lost_response")
    pub = publication("Lost answer")

    await expect_error(make_adapter(BlueskyAdapter, SESSION, timeout_s=0.5).publish(pub), "uncertain")
    adapter = make_adapter(BlueskyAdapter, SESSION)
    found = await adapter.find_published(pub)
    retried = await adapter.publish(pub)

    assert found == retried
    assert len(sandbox.posts("bluesky", DID)) == 1
    assert sandbox.duplicates() == []


async def test_find_published_is_none_when_nothing_was_written(make_adapter, sandbox, expect_error):
    sandbox.fault("bluesky", DID, "timeout")
    pub = publication("Never written")

    await expect_error(make_adapter(BlueskyAdapter, SESSION, timeout_s=0.5).publish(pub), "uncertain")

    assert await make_adapter(BlueskyAdapter, SESSION).find_published(pub) is None


async def test_refresh_rotates_the_session_and_a_spent_refresh_token_is_rejected_after_the_grace(
        make_adapter, expect_error, monkeypatch):
    adapter = make_adapter(BlueskyAdapter, SESSION)

    renewed = await adapter.refresh_credentials()
    assert renewed["access_jwt"] != SESSION["access_jwt"] and renewed["refresh_jwt"] != SESSION["refresh_jwt"]
    await adapter.publish(publication("with the new session"))

    replay = make_adapter(BlueskyAdapter, SESSION)  # still holding the old refresh token
    assert (await replay.refresh_credentials())["refresh_jwt"] == renewed["refresh_jwt"]  # within the grace
    monkeypatch.setattr(sandbox_bluesky, "REFRESH_GRACE", timedelta(0))
    await expect_error(make_adapter(BlueskyAdapter, SESSION).refresh_credentials(), "auth_expired")
