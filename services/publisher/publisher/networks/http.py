"""The HTTP client every adapter is given: the httpx API, with aiohttp doing the I/O.

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

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Literal

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from smmkit.networks import make_http_client, shared_ssl_context

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
def _httpx_errors(request: httpx.Request) -> Iterator[None]:
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


def make_network_client(base_url: str, *, timeout_s: float, transport: HttpTransport = "aiohttp") -> httpx.AsyncClient:
    """A pooled client for one network's API (see ``smmkit.networks.make_http_client``)."""
    if transport == "aiohttp":
        return make_http_client(base_url, timeout_s=timeout_s, transport=NetworkTransport(verify=shared_ssl_context()))
    return make_http_client(base_url, timeout_s=timeout_s)
