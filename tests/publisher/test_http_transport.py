"""The adapters' HTTP client on either transport: a failure after the request left must read as
"uncertain" for a write, one before it as "transient", exactly as with plain httpx."""

from __future__ import annotations

import asyncio
import gzip
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from publisher.networks.base import Publication
from publisher.networks.http import make_network_client
from publisher.networks.mastodon import MastodonAdapter
from sandbox.server import free_port
from smmkit.networks import NetworkError, transport_errors

TRANSPORTS = ["aiohttp", "httpx"]

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _serve(handle: Handler) -> tuple[asyncio.Server, str]:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


@pytest.fixture
async def raw_server() -> AsyncIterator[Callable[[Handler], Awaitable[str]]]:
    """``url = await raw_server(handle)``: a bare TCP server that misbehaves as told."""
    servers: list[asyncio.Server] = []

    async def start(handle: Handler) -> str:
        server, url = await _serve(handle)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.close()
        await server.wait_closed()


async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.close()


async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    await reader.read()  # until the client gives up
    writer.close()


async def half_a_body(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":")
    await writer.drain()
    writer.close()


async def not_http(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
    await writer.drain()
    writer.close()


async def _kind_of_failure(url: str, *, transport: str, write: bool, timeout_s: float = 5.0) -> str:
    async with make_network_client(url, timeout_s=timeout_s, transport=transport) as http:
        with pytest.raises(NetworkError) as caught, transport_errors(write=write):
            response = await http.post("/statuses", json={"status": "hello"})
            await response.aread()
    return caught.value.kind


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("handle", [hang_up, never_answer, half_a_body, not_http])
@pytest.mark.parametrize(("write", "kind"), [(True, "uncertain"), (False, "transient")])
async def test_failures_after_sending_are_uncertain_for_writes(raw_server, transport, handle, write, kind):
    url = await raw_server(handle)
    assert await _kind_of_failure(url, transport=transport, write=write, timeout_s=0.5) == kind


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_refused_connection_is_transient_even_for_writes(transport):
    kind = await _kind_of_failure(f"http://127.0.0.1:{free_port()}", transport=transport, write=True)
    assert kind == "transient"  # nothing left this process: nothing to reconcile


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_client_recovers_once_the_network_is_back(transport):
    """A refused connect leaves the pooled client usable: the next call connects afresh."""
    port = free_port()
    answered = asyncio.Event()

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        await writer.drain()
        writer.close()
        answered.set()

    async with make_network_client(f"http://127.0.0.1:{port}", timeout_s=5, transport=transport) as http:
        with pytest.raises(NetworkError), transport_errors(write=True):
            await http.get("/")  # nobody listens yet
        server = await asyncio.start_server(answer, "127.0.0.1", port)
        try:
            response = await http.get("/")
        finally:
            server.close()
            await server.wait_closed()
    assert response.json() == {} and answered.is_set()


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_adapter_publishes_and_times_out_through_either_transport(sandbox, media_fetcher, transport):
    async with make_network_client(sandbox.url("mastodon"), timeout_s=0.5, transport=transport) as http:
        adapter = MastodonAdapter(http=http, credentials={"access_token": "sbx-42"}, media=media_fetcher)
        pub = Publication(uuid.uuid4(), "42", f"hello {transport} {uuid.uuid4().hex[:6]}")
        post = await adapter.publish(pub)
        assert (await adapter.find_published(pub)) == post

        sandbox.fault("mastodon", "42", "lost_response")
        with pytest.raises(NetworkError) as caught:
            await adapter.publish(Publication(uuid.uuid4(), "42", f"lost {uuid.uuid4().hex[:6]}"))
        assert caught.value.kind == "uncertain"


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_no_cookie_is_kept_between_calls(raw_server, transport):
    """One client serves many tenants: a cookie set for one call is never sent with the next."""
    seen: list[dict[str, str]] = []

    def set_cookie(line: str, headers: dict[str, str], body: bytes) -> bytes:
        seen.append(headers)
        return b"HTTP/1.1 200 OK\r\nSet-Cookie: session=tenant-a\r\nContent-Length: 2\r\n\r\n{}"

    url = await raw_server(answering(set_cookie))
    async with make_network_client(url, timeout_s=5, transport=transport) as http:
        await http.get("/a")
        await http.get("/b")
        assert not http.cookies
    assert len(seen) == 2 and "tenant-a" not in str(seen[1])


def answering(answer: Callable[[str, dict[str, str], bytes], bytes]) -> Handler:
    """A handler that answers each request on a keep-alive connection with
    ``answer(request line, headers (lower-case names), body)``."""
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            line, *rest = head.decode().split("\r\n")
            headers = {k.lower(): v for k, _, v in (h.partition(": ") for h in rest if h)}
            body = await reader.readexactly(int(headers.get("content-length", 0)))
            writer.write(answer(line, headers, body))
            await writer.drain()
        writer.close()
    return handle


def echo(line: str, headers: dict[str, str], body: bytes) -> bytes:
    """What the request was (request line, headers, body), as gzipped JSON, with a cookie to refuse."""
    answer = gzip.compress(json.dumps({"line": line, "headers": headers, "body": body.decode()}).encode())
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
            b"Set-Cookie: session=abc\r\n" + f"Content-Length: {len(answer)}\r\n\r\n".encode() + answer)


@pytest.mark.parametrize("call", [
    dict(method="GET", url="api/v1/items", params={"limit": 40, "exclude": True, "ids": ["a", "b"]}),
    dict(method="POST", url="/api/v1/statuses", json={"status": "héllo", "media_ids": []},
         headers={"content-type": "application/json; charset=utf-8", "Authorization": "Bearer t"}),
    dict(method="POST", url="oauth/token", data={"grant_type": "refresh_token", "scope": ["a", "b"], "x": None}),
    dict(method="POST", url="upload", content=b"\x00\x01binary", headers={"Content-Type": "image/png"}),
])
@pytest.mark.parametrize("base", ["/base", ""])  # production base URLs are bare hosts
async def test_the_lean_aiohttp_client_sends_what_httpx_sends(raw_server, call, base):
    """The aiohttp transport's lean path must put the same request on the wire as httpx's full path."""
    url = await raw_server(answering(echo))
    seen = {}
    for transport in TRANSPORTS:
        async with make_network_client(f"{url}{base}", timeout_s=5, transport=transport) as http:
            response = await http.request(**call)
            assert response.status_code == 200 and not http.cookies, "gzip decoded, no cookie kept"
            seen[transport] = response.json()
    lean, full = seen["aiohttp"], seen["httpx"]
    assert lean["line"] == full["line"] and lean["line"].split()[1].startswith(f"{base}/")
    assert lean["body"] == full["body"]
    for header in ("content-type", "authorization", "user-agent", "accept-encoding"):
        assert lean["headers"].get(header) == full["headers"].get(header), header


BASES = ["https://bsky.social", "https://api.x.com/", "http://127.0.0.1:8011/prefix", "http://127.0.0.1:8011/prefix/"]
PATHS = ["2/tweets", "/2/tweets", "xrpc/app.bsky.feed.getPosts?uris=at%3A%2F%2Fdid", "/botsbx-1:AA/sendMessage", ""]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", PATHS)
async def test_the_lean_client_joins_urls_as_httpx_does(base, path):
    """A base URL with no path, a trailing slash or a path prefix, with paths with or without a leading
    slash: the lean path's URL is the one httpx builds (it once sent ``https://bsky.socialxrpc/...``)."""
    async with make_network_client(base, timeout_s=1, transport="aiohttp") as http:
        assert http.full_url(path) == str(http.build_request("GET", path).url)
