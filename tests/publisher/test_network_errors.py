"""The shared error model (smmkit.networks): rate-limit headers, HTTP statuses and
transport failures mapped to the five kinds the publisher acts on."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from publisher.networks.base import Publication
from publisher.networks.mastodon import MastodonAdapter
from sandbox.server import free_port
from smmkit.networks import (
    NetworkError,
    error_for_status,
    make_http_client,
    redact_secrets,
    retry_after_from_headers,
    seconds_until_reset,
    transport_errors,
)

NOW = datetime(2026, 6, 10, 12, 0, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "15"}, 15),
        ({"Retry-After": "Wed, 10 Jun 2026 12:01:00 GMT"}, 60),
        ({"x-rate-limit-reset": str(int(NOW.timestamp()) + 900)}, 900),  # X: epoch seconds
        ({"X-RateLimit-Reset": "2026-06-10T12:05:00.000Z"}, 300),  # Mastodon: ISO time
        ({"RateLimit-Reset": str(int(NOW.timestamp()) + 42)}, 42),  # Bluesky: epoch seconds
        ({"RateLimit-Reset": "30"}, 30),  # IETF draft: delta seconds
        ({"X-RateLimit-Reset": "2026-06-10T11:00:00Z"}, 0),  # already past: go now, not negative
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_reset_headers_become_seconds_from_now(headers, expected):
    assert retry_after_from_headers(httpx.Headers(headers), now=clock) == expected


def test_retry_after_wins_over_other_headers():
    headers = {"Retry-After": "5", "x-rate-limit-reset": str(int(NOW.timestamp()) + 900)}
    assert retry_after_from_headers(headers, now=clock) == 5


def test_plain_dict_headers_are_case_insensitive():
    assert retry_after_from_headers({"retry-after": "7"}, now=clock) == 7
    assert seconds_until_reset("1781092860", now=clock) == 60  # 12:01:00 as epoch


@pytest.mark.parametrize(
    ("status", "write", "kind"),
    [
        (429, True, "rate_limited"),
        (401, False, "auth_expired"),
        (403, True, "auth_expired"),
        (400, True, "invalid"),
        (422, True, "invalid"),
        (500, True, "transient"),
        (503, True, "transient"),
        (502, True, "uncertain"),  # a gateway gave up; the backend may have posted
        (504, True, "uncertain"),
        (504, False, "transient"),
    ],
)
def test_statuses_map_to_kinds(status, write, kind):
    assert error_for_status(status, write=write, message="m").kind == kind


def test_secrets_in_urls_are_redacted():
    line = "POST https://api.telegram.org/bot123:ABC/sendMessage and GET /oauth?access_token=EAAB&client_secret=s3"
    redacted = redact_secrets(line)
    assert "123:ABC" not in redacted and "EAAB" not in redacted and "s3" not in redacted
    assert "/bot<redacted>/sendMessage" in redacted


@pytest.fixture
async def hang_up_after_request() -> AsyncIterator[str]:
    """A server that reads the request and closes the connection without answering."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.close()
    await server.wait_closed()


@pytest.mark.parametrize(("write", "kind"), [(True, "uncertain"), (False, "transient")])
async def test_dropped_connection_after_sending(hang_up_after_request, write, kind):
    async with make_http_client(hang_up_after_request) as http:
        with pytest.raises(NetworkError) as caught, transport_errors(write=write):
            await http.post("/anything", json={})
    assert caught.value.kind == kind


async def test_connect_failure_is_transient_even_for_writes():
    async with make_http_client(f"http://127.0.0.1:{free_port()}") as http:
        with pytest.raises(NetworkError) as caught, transport_errors(write=True):
            await http.post("/statuses")
    assert caught.value.kind == "transient"  # the request never left: nothing to reconcile


async def test_read_timeout_on_a_read_is_transient(make_adapter, sandbox, expect_error):
    sandbox.fault("mastodon", "42", "timeout", on="read")
    adapter = make_adapter(MastodonAdapter, {"access_token": "sbx-42"}, timeout_s=0.5)

    await expect_error(adapter.find_published(Publication(uuid.uuid4(), "42", "x")), "transient")
