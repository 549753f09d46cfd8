"""BlueskyAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import base64
import json
import re
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from publisher.networks.base import MediaItem, Publication
from publisher.networks.bluesky import BlueskyAdapter, display_links, jwt_expiry, tid_for
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


def test_link_facets_count_utf8_bytes_of_the_shown_text():
    url = "https://shop.example/autumn/blend?utm_content=a-long-tracking-id"
    shown, [facet] = display_links(f"Ünïcödé 🎉 → {url} ok")

    start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
    assert shown.encode()[start:end].decode() == "shop.example/autumn/blend?utm_…"
    assert facet["features"][0]["uri"] == url


def test_session_expiry_is_read_from_the_access_jwt():
    payload = base64.urlsafe_b64encode(json.dumps({"sub": DID, "exp": 1_800_000_000}).encode()).decode().rstrip("=")

    assert jwt_expiry(f"e30.{payload}.sig") == datetime.fromtimestamp(1_800_000_000, UTC)
    assert jwt_expiry("sbx-sandboxalice.a1") is None


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


async def test_link_is_clickable_and_gets_a_card(make_adapter, sandbox):
    pub = publication("Read →", link="https://example.com/a")
    await make_adapter(BlueskyAdapter, SESSION).publish(pub)

    record = httpx.get(
        f"{sandbox.url('bluesky')}/xrpc/com.atproto.repo.getRecord",
        params={"repo": DID, "collection": "app.bsky.feed.post", "rkey": tid_for(pub.target_id)},
    ).json()["value"]
    assert record["text"] == "Read →\n\nhttps://example.com/a"
    assert record["facets"][0]["features"][0]["uri"] == "https://example.com/a"
    assert record["embed"]["external"]["uri"] == "https://example.com/a"


def armed_upload_fault(sandbox) -> dict:
    """A fault on the next uploadBlob: still armed afterwards means no blob was uploaded."""
    return sandbox.fault("bluesky", "", "server_error", path_contains="uploadBlob")


def still_armed(sandbox, fault: dict) -> bool:
    return any(f["id"] == fault["id"] for f in httpx.get(f"{sandbox.base_url}/_sandbox/faults").json()["faults"])


@pytest.mark.parametrize(("media", "rule"), [
    ((("v.mp4", {}, "video"),), "media_count"),
    ((("a.png", {}, "image"),) * 5, "media_count"),
    ((("a.png", {}, "image"), ("big.png", {"size": 1_000_001}, "image")), "media_size"),
])
async def test_media_bluesky_refuses_never_reaches_upload(make_adapter, sandbox, expect_error,
                                                               media, rule):
    fault = armed_upload_fault(sandbox)
    items = tuple(MediaItem(sandbox.media_url(name, **query), kind=kind) for name, query, kind in media)

    error = await expect_error(make_adapter(BlueskyAdapter, SESSION).publish(publication(media=items)), "invalid")

    assert error.code == rule
    assert still_armed(sandbox, fault) and sandbox.posts("bluesky") == []


@pytest.mark.parametrize(("text", "rule", "limit"), [
    ("x" * 301, "text_length", "300 graphemes"),
    ("👨‍👩‍👧" * 200, "text_bytes", "3000 UTF-8 bytes"),  # 200 graphemes, 3,600 bytes
])
async def test_too_long_text_is_refused_before_any_upload(make_adapter, sandbox, expect_error,
                                                          text, rule, limit):
    fault = armed_upload_fault(sandbox)
    pub = publication(text, media=(MediaItem(sandbox.media_url("a.png")),))

    error = await expect_error(make_adapter(BlueskyAdapter, SESSION).publish(pub), "invalid")

    assert error.code == rule and limit in error.message
    assert still_armed(sandbox, fault) and sandbox.posts("bluesky") == []


async def test_text_is_counted_with_long_links_shortened(make_adapter, sandbox):
    adapter = make_adapter(BlueskyAdapter, SESSION)
    pub = publication("x" * 250, link="https://shop.example/" + "a" * 100)  # 373 characters, 283 shown

    assert adapter.fits(pub) and not adapter.fits(publication("x" * 301))
    await adapter.publish(pub)

    [stored] = sandbox.posts("bluesky", DID)
    assert len(stored["text"]) == 283


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

    assert error.code == "ExpiredToken" and error.status == 400


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


async def test_a_rejected_refresh_token_falls_back_to_the_app_password(make_adapter, expect_error):
    dead = {**SESSION, "refresh_jwt": "sbx-expired-refresh"}
    await expect_error(make_adapter(BlueskyAdapter, dead).refresh_credentials(), "auth_expired")

    adapter = make_adapter(BlueskyAdapter, {**dead, "identifier": "alice.test", "app_password": "sbx-app-pass"})
    renewed = await adapter.refresh_credentials()

    assert renewed["refresh_jwt"] != dead["refresh_jwt"]
