"""The Bluesky sandbox answers as the reference PDS (@atproto/pds) does: token errors, the post lexicon's
validation in its own words, blob sizes, the refresh token's grace period, rate-limit headers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from sandbox.client import SandboxControl
from sandbox.networks import bluesky as sandbox_bluesky
from smmkit.catalogue import spec

DID = "did:plc:lexicon"
AUTH = {"Authorization": "Bearer sbx-lexicon.a1"}
FAMILY = "\N{MAN}\u200d\N{WOMAN}\u200d\N{GIRL}\u200d\N{BOY}"  # one grapheme, 25 UTF-8 bytes
INVALID_RECORD = "Invalid app.bsky.feed.post record: "


@pytest.fixture
def pds(sandbox: SandboxControl) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.url("bluesky"), timeout=5) as client:
        yield client


def record(text: str = "hi", **extra: Any) -> dict[str, Any]:
    return {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-01-01T00:00:00.000Z", **extra}


def create(pds: httpx.Client, rec: dict[str, Any], headers: dict[str, str] = AUTH) -> httpx.Response:
    body = {"repo": DID, "collection": "app.bsky.feed.post", "record": rec}
    return pds.post("/xrpc/com.atproto.repo.createRecord", json=body, headers=headers)


def blob(pds: httpx.Client, size: int) -> dict[str, Any]:
    content = size.to_bytes(8, "big") + b"\0" * (size - 8)  # different sizes, different blobs
    answer = pds.post("/xrpc/com.atproto.repo.uploadBlob", content=content,
                      headers={**AUTH, "Content-Type": "image/png"})
    assert answer.status_code == 200, answer.text
    return answer.json()["blob"]


def images(*blobs: dict[str, Any]) -> dict[str, Any]:
    return {"$type": "app.bsky.embed.images", "images": [{"alt": "", "image": b} for b in blobs]}


def refused(answer: httpx.Response) -> tuple[int, str, str]:
    return answer.status_code, answer.json()["error"], answer.json()["message"]


# --- tokens ------------------------------------------------------------------------------------


def test_token_errors_are_400_as_on_the_pds_and_a_missing_token_401(pds):
    assert refused(create(pds, record(), {"Authorization": "Bearer sbx-expired.a1"})) == (
        400, "ExpiredToken", "Token has expired")
    assert refused(create(pds, record(), {"Authorization": "Bearer not-a-jwt"})) == (
        400, "InvalidToken", "Token could not be verified")
    assert refused(create(pds, record(), {})) == (401, "AuthMissing", "Authentication Required")


def test_other_networks_keep_their_401(sandbox):
    url = sandbox.url("mastodon") + "/api/v1/statuses"
    answer = httpx.post(url, json={"status": "hi"}, headers={"Authorization": "Bearer sbx-expired"})
    assert answer.status_code == 401


def test_a_rotated_refresh_token_works_for_the_grace_period_then_is_revoked(pds, monkeypatch):
    old = {"Authorization": "Bearer sbx-lexicon.r1"}
    first = pds.post("/xrpc/com.atproto.server.refreshSession", headers=old).json()
    again = pds.post("/xrpc/com.atproto.server.refreshSession", headers=old).json()

    # a client whose answer was lost refreshes again: the same next refresh token, a fresh access token
    assert again["refreshJwt"] == first["refreshJwt"] and again["accessJwt"] != first["accessJwt"]
    assert sandbox_bluesky.REFRESH_GRACE == timedelta(hours=2)
    monkeypatch.setattr(sandbox_bluesky, "REFRESH_GRACE", timedelta(0))
    assert refused(pds.post("/xrpc/com.atproto.server.refreshSession", headers=old)) == (
        400, "ExpiredToken", "Token has been revoked")
    assert pds.post("/xrpc/com.atproto.server.refreshSession",
                    headers={"Authorization": f"Bearer {first['refreshJwt']}"}).status_code == 200


# --- the post lexicon --------------------------------------------------------------------------


def test_text_is_counted_in_graphemes_and_in_utf8_bytes(pds):
    assert create(pds, record("é" * 300)).status_code == 200  # 300 graphemes, 600 bytes
    assert refused(create(pds, record("é" * 301))) == (
        400, "InvalidRequest", INVALID_RECORD + "Record/text must not be longer than 300 graphemes")
    assert create(pds, record(FAMILY * 120)).status_code == 200  # 120 graphemes, 3,000 bytes
    # 121 graphemes but 3,025 bytes: the lexicon's maxLength counts bytes (and calls them characters)
    assert refused(create(pds, record(FAMILY * 121))) == (
        400, "InvalidRequest", INVALID_RECORD + "Record/text must not be longer than 3000 characters")


def test_at_most_four_images(pds):
    blobs = [blob(pds, 100 + n) for n in range(5)]

    assert create(pds, record(embed=images(*blobs[:4]))).status_code == 200
    assert refused(create(pds, record(embed=images(*blobs)))) == (
        400, "InvalidRequest", INVALID_RECORD + "Record/embed/images must not have more than 4 elements")


def test_a_blob_over_a_million_bytes_uploads_but_a_record_using_it_is_refused(pds):
    limit = spec("bluesky").media.max_image_bytes
    big, fine = blob(pds, limit + 1), blob(pds, limit)

    assert big["size"] == 1_000_001
    assert refused(create(pds, record(embed=images(fine, big)))) == (
        400, "InvalidRequest", INVALID_RECORD + "Record/embed/images/1/image file too large: 1000001 > 1000000")
    assert create(pds, record(embed=images(fine))).status_code == 200


def test_an_image_must_be_an_uploaded_blob(pds):
    unknown = {"$type": "blob", "ref": {"$link": "bafkreinope"}, "mimeType": "image/png", "size": 10}
    assert refused(create(pds, record(embed=images(unknown)))) == (
        400, "BlobNotFound", "Could not find blob: bafkreinope")


@pytest.mark.parametrize("created_at", ["yesterday", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00Z",
                                        "2026-01-01T00:00:00-00:00", "2026-13-01T00:00:00Z"])
def test_created_at_must_be_an_atproto_datetime(pds, created_at):
    assert refused(create(pds, record(createdAt=created_at))) == (
        400, "InvalidRequest",
        INVALID_RECORD + "Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)")


@pytest.mark.parametrize("created_at", ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00.123456+00:00",
                                        "2026-01-01T02:00:00+02:00"])
def test_datetimes_the_pds_takes(pds, created_at):
    assert create(pds, record(createdAt=created_at)).status_code == 200


def test_every_write_answers_validation_status_valid(pds):
    created = create(pds, record()).json()
    put = {"repo": DID, "collection": "app.bsky.feed.post", "rkey": "3jzfcijpj2z2a", "record": record()}
    first = pds.post("/xrpc/com.atproto.repo.putRecord", json={**put, "swapRecord": None}, headers=AUTH).json()
    no_op = pds.post("/xrpc/com.atproto.repo.putRecord", json={**put, "swapRecord": None}, headers=AUTH).json()
    replaced = pds.post("/xrpc/com.atproto.repo.putRecord", json={**put, "record": record("new")}, headers=AUTH).json()

    assert [a["validationStatus"] for a in (created, first, no_op, replaced)] == ["valid"] * 4
    assert "commit" in first and "commit" not in no_op


# --- rate limits -------------------------------------------------------------------------------


def test_writes_spend_the_catalogues_points_and_the_headers_say_so(sandbox, pds):
    sandbox.configure(rate_limit_scale=0.001)  # 5,000 points an hour -> 5: one write of 3 points
    assert create(pds, record("one")).status_code == 200

    limited = create(pds, record("two"))

    assert refused(limited)[:2] == (429, "RateLimitExceeded")
    assert limited.headers["RateLimit-Policy"] == "5000;w=3600" and limited.headers["RateLimit-Remaining"] == "0"
    assert 0 < int(limited.headers["RateLimit-Reset"]) - time.time() <= 3601
    reads = [pds.get("/xrpc/com.atproto.repo.getRecord",
                     params={"repo": DID, "collection": "app.bsky.feed.post", "rkey": "3jzfcijpj2z2a"})
             for _ in range(3)]
    assert {r.status_code for r in reads} == {400}  # RecordNotFound, not rate limited: reads cost no points
