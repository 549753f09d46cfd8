"""The HTTP client every adapter is given: the httpx API, with aiohttp doing the I/O.

``LeanClient`` sends the adapters' plain requests (JSON, form or raw bodies) straight through
aiohttp and hands back an ``httpx.Response``: httpx's own request building, URL merging and
cookie extraction cost as much CPU as aiohttp's whole exchange (1.03 ms against 0.53 ms per
request in a burst). The response is built already read (``_response``): httpx reading it was ~90 us more. Multipart uploads, and anything else it does not know, take httpx's
full path through ``NetworkTransport``.

httpx's own connection pool costs milliseconds of CPU per request once many connections are
busy: 1,000 requests at a concurrency of 100 took about 9.6 CPU-seconds through one httpx pool,
3.0 through 16 (``http_shards``) and 0.7 with aiohttp underneath. In a publishing burst the HTTP
stack was then ~4 % of the publisher's time (the database dominates), so this matters less than
those figures suggest, but it is the cheapest part to make cheaper. Adapters keep using httpx
requests and responses; only the transport changes, chosen by ``PUBLISHER_HTTP_TRANSPORT``.

The transport maps aiohttp's exceptions onto httpx's as ``smmkit.networks.transport_errors``
reads them: whatever may have happened after the request left ("uncertain" for a write) must
never look like a connect failure ("transient"), or a retry could post twice.
"""

from __future__ import annotations

import json as jsonlib
import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Literal
from urllib.parse import urlencode

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport
from multidict import CIMultiDict

from smmkit.networks import http_client_options, make_http_client, shared_ssl_context

_httpx_log = logging.getLogger("httpx")

HttpTransport = Literal["aiohttp", "httpx"]

# (aiohttp exception, httpx exception it becomes), most specific first.
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    # The request never left: safe to retry.
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),  # no free connection in time, or connect timed out
    (aiohttp.ClientConnectorError, httpx.ConnectError),  # refused, DNS, TLS handshake
    # Sent, or maybe sent: the network may have acted on it.
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientPayloadError, httpx.ReadError),
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # an answer that is not HTTP
    (aiohttp.ClientOSError, httpx.ReadError),  # reset by peer, broken pipe
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (aiohttp.ClientError, httpx.TransportError),
)


@contextmanager
def _httpx_errors(request: httpx.Request | None) -> Iterator[None]:
    """Raise aiohttp's failures (also those httpx-aiohttp already wrapped) as the httpx exception
    that says what may have happened."""
    try:
        yield
    except (aiohttp.ClientError, httpx.TransportError) as exc:
        cause = exc if isinstance(exc, aiohttp.ClientError) else exc.__cause__
        if not isinstance(cause, aiohttp.ClientError):
            raise
        mapped = next(to for frm, to in _ERRORS if isinstance(cause, frm))
        raise mapped(f"{type(cause).__name__}: {cause}", request=request) from cause


class _MappedStream(httpx.AsyncByteStream):
    """The response body, read with the same exception mapping (the connection can drop mid-body)."""

    def __init__(self, stream: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._stream, self._request = stream, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors(self._request):
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        with _httpx_errors(self._request):
            await self._stream.aclose()


class NetworkTransport(AiohttpTransport):
    """httpx-aiohttp's transport with our exception mapping, no cookie jar and one connect retry."""

    def get_client(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=self.limits.max_connections or 0, ssl=self.ssl_context,
                                         keepalive_timeout=self.limits.keepalive_expiry)
        # No cookies: one client serves many tenants' accounts, and a cookie one account's call got
        # must never ride along with another's. (httpx keeps its own jar; both are empty for APIs.)
        return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())

    def session(self) -> aiohttp.ClientSession:
        """The aiohttp session, created on first use (inside the event loop)."""
        if not isinstance(self.client, aiohttp.ClientSession):
            self.client = self.get_client()
        return self.client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        for attempt in (1, 2):
            try:
                with _httpx_errors(request):
                    response = await super().handle_async_request(request)
                break
            except httpx.ConnectError:
                # Like httpx's retries=1: a refused connect sent nothing, so one more try is safe.
                if attempt == 2:
                    raise
        response.stream = _MappedStream(response.stream, request)
        return response


def _text(value: Any) -> str:
    """A query or form value as httpx writes it."""
    if value is True or value is False:
        return "true" if value else "false"
    return "" if value is None else str(value)


def _pairs(values: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """httpx's encoding of params and form fields: lists repeat the key."""
    return [(key, _text(v)) for key, value in (values or {}).items()
            for v in (value if isinstance(value, list | tuple) else [value])]


class LeanClient(httpx.AsyncClient):
    """``httpx.AsyncClient`` whose plain requests go straight to aiohttp (see the module docstring).

    Same semantics as the full path: the base URL joins like httpx's, redirects are not
    followed, no cookies are kept, a refused connect is tried once more, failures map to the
    same httpx exceptions, and the body is decoded by httpx (Content-Encoding) as before.
    """

    def __init__(self, base_url: str, *, timeout_s: float, connect_timeout_s: float | None = None) -> None:
        transport = NetworkTransport(verify=shared_ssl_context())
        super().__init__(**http_client_options(base_url, timeout_s=timeout_s, connect_timeout_s=connect_timeout_s,
                                               transport=transport))
        self._transport_for_lean = transport
        # httpx keeps the base URL's path ending in "/" but prints a base with no path without it
        # ("https://bsky.social"); rebuilt from its raw path it keeps the "/", so joining is appending.
        self._base = str(self.base_url.copy_with(raw_path=self.base_url.raw_path))
        timeout = self.timeout
        # aiohttp's ``connect`` covers waiting for a pooled connection and opening one: httpx's pool + connect
        self._lean_timeout = aiohttp.ClientTimeout(sock_connect=timeout.connect, sock_read=timeout.read,
                                                   connect=timeout.pool + timeout.connect)
        self._default_headers = CIMultiDict(self.headers.multi_items())

    async def request(self, method: str, url: httpx.URL | str, *, params: Mapping[str, Any] | None = None,
                      headers: Mapping[str, str] | None = None, json: Any = None, data: Any = None,
                      content: bytes | None = None, **rest: Any) -> httpx.Response:
        if rest or not isinstance(data, Mapping | None) or not isinstance(content, bytes | None):
            return await super().request(method, url, params=params, headers=headers, json=json, data=data,
                                         content=content, **rest)
        full_url = self.full_url(url)
        send_headers = CIMultiDict(self._default_headers)
        send_headers.update(headers or {})
        body = content
        if json is not None:
            body = jsonlib.dumps(json, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
            send_headers.setdefault("Content-Type", "application/json")
        elif data is not None:
            body = urlencode(_pairs(data)).encode()
            send_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        session = self._transport_for_lean.session()
        for attempt in (1, 2):
            try:
                with _httpx_errors(None):
                    async with session.request(method, full_url, params=_pairs(params) or None, headers=send_headers,
                                               data=body, allow_redirects=False, auto_decompress=False,
                                               compress=False, timeout=self._lean_timeout) as answer:
                        raw = await answer.read()
                break
            except httpx.ConnectError:  # nothing was sent: one more try is safe (as NetworkTransport)
                if attempt == 2:
                    raise
        if _httpx_log.isEnabledFor(logging.INFO):  # the line httpx writes (secrets in URLs are redacted)
            _httpx_log.info('HTTP Request: %s %s "HTTP/1.1 %d %s"', method, answer.url, answer.status, answer.reason)
        return _response(answer.status, answer.raw_headers, raw)

    def full_url(self, url: httpx.URL | str) -> str:
        """``url`` joined to the base URL as httpx joins it: a relative path, with or without a
        leading "/", goes after the base URL's own path."""
        url = str(url)
        return url if "://" in url else self._base + url.lstrip("/")


def _response(status: int, raw_headers: Any, body: bytes) -> httpx.Response:
    """The answer as an ``httpx.Response``, already read. ``httpx.Response(content=...)`` reads its body through
    httpx's stream and decoders, ~90 us of a publish's CPU; an unencoded body (every API answer we get) is
    the content as it is, so it is set directly. An encoded one (gzip...) is decoded by httpx as before."""
    response = httpx.Response(status, headers=raw_headers, stream=httpx.ByteStream(body))
    if response.headers.get("content-encoding", "identity") != "identity":
        response.read()
        return response
    response._content = body  # what ``read()`` would have stored (httpx keeps the read body here)
    response.is_stream_consumed = response.is_closed = True
    return response


def make_network_client(base_url: str, *, timeout_s: float, connect_timeout_s: float | None = None,
                        transport: HttpTransport = "aiohttp") -> httpx.AsyncClient:
    """A pooled client for one network's API (see ``smmkit.networks.make_http_client``)."""
    if transport == "aiohttp":
        return LeanClient(base_url, timeout_s=timeout_s, connect_timeout_s=connect_timeout_s)
    return make_http_client(base_url, timeout_s=timeout_s, connect_timeout_s=connect_timeout_s)
