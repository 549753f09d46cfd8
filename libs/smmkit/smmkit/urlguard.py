"""Outbound requests to tenant-supplied URLs without opening an SSRF hole.

Tenants give us URLs we then call from inside our network: media to download,
webhooks to deliver. Unchecked, a tenant could make a server fetch
``http://169.254.169.254/`` (cloud metadata) or an internal admin page. So:

- only http(s) URLs with a host are accepted;
- the host is resolved once and refused if *any* address is not public (loopback,
  private, link-local, carrier-grade NAT, multicast, reserved), nor any IPv6 address that
  embeds such an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo: Python 3.11's ``is_global``
  calls ``64:ff9b::7f00:1`` public), unless the operator allow-listed that network;
- the connection goes to the address that was checked, keeping the name for Host and
  TLS (SNI and certificate), so a second DNS answer cannot swap in an internal address
  (DNS rebinding). ``GuardedTransport`` does this for every request of a client, each
  redirect hop included.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable

import httpx

from smmkit.networks import shared_ssl_context

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

# IPv6 prefixes whose addresses carry an IPv4 address in their last 32 bits (RFC 6052, RFC 8215).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (IPv4-mapped, NAT64, 6to4, Teredo), else None."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if any(address in prefix for prefix in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]  # the client; the server part is a relay we would not call
    return None


class BlockedUrl(httpx.TransportError):
    """The URL may not be called. A transport error, so callers that retry network failures retry it too."""

    def __init__(self, message: str, *, code: str = "blocked") -> None:
        super().__init__(message)
        self.code = code


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def parse_cidrs(text: str) -> tuple[str, ...]:
    """"127.0.0.0/8, 10.0.0.0/8" -> ("127.0.0.0/8", "10.0.0.0/8")."""
    return tuple(c.strip() for c in text.split(",") if c.strip())


class AddressGuard:
    def __init__(self, allowed_networks: Iterable[str] = (), *, resolver: Resolver = system_resolver) -> None:
        self._allowed = tuple(ipaddress.ip_network(cidr) for cidr in allowed_networks)
        self._resolve = resolver

    def is_allowed(self, address: IPAddress) -> bool:
        if any(address in network for network in self._allowed):
            return True
        inner = embedded_ipv4(address)
        if inner is not None:
            # the IPv4 address it reaches decides (and the translation prefix itself is not "global")
            return self.is_allowed(inner)
        return address.is_global and not address.is_multicast

    def check_static(self, url: str) -> None:
        """What can be checked without DNS (when a tenant registers a URL): scheme, host, literal addresses."""
        parsed = self._parse(url)
        host = parsed.host.strip("[]")
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            if host == "localhost" or host.endswith(".localhost"):
                address = ipaddress.ip_address("127.0.0.1")
            else:
                return
        if not self.is_allowed(address):
            raise BlockedUrl(f"{host} is not a public address")

    async def checked_address(self, url: httpx.URL | str) -> IPAddress:
        """The address to connect to, after checking every address the host resolves to."""
        url = self._parse(url)
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            found = await self._resolve(url.host, port)
        except OSError as exc:
            raise BlockedUrl(f"{url.host} does not resolve", code="unresolvable") from exc
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in found]
        if not addresses:
            raise BlockedUrl(f"{url.host} does not resolve", code="unresolvable")
        for address in addresses:
            if not self.is_allowed(address):
                raise BlockedUrl(f"{url.host} resolves to a non-public address ({address})")
        return addresses[0]

    @staticmethod
    def _parse(url: httpx.URL | str) -> httpx.URL:
        try:
            parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise BlockedUrl("malformed URL") from exc
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise BlockedUrl("only http(s) URLs with a host are accepted")
        return parsed


def pin(request: httpx.Request, address: IPAddress) -> None:
    """Send ``request`` to ``address`` while keeping its host name for Host and TLS."""
    host = request.url.host
    request.headers["Host"] = request.url.netloc.decode("ascii")
    if request.url.scheme == "https":
        request.extensions = {**request.extensions, "sni_hostname": host}
    request.url = request.url.copy_with(host=str(address))


class GuardedTransport(httpx.AsyncBaseTransport):
    """Checks and pins the address of every request before handing it to the real transport."""

    def __init__(self, guard: AddressGuard, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.guard = guard
        self.inner = inner or httpx.AsyncHTTPTransport(verify=shared_ssl_context())

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        pin(request, await self.guard.checked_address(request.url))
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def guarded_client(allowed_networks: Iterable[str] = (), *, timeout_s: float = 10.0,
                   resolver: Resolver = system_resolver) -> httpx.AsyncClient:
    """A client for tenant-supplied URLs (webhooks): guarded, redirects not followed."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)),
        transport=GuardedTransport(AddressGuard(allowed_networks, resolver=resolver)),
        follow_redirects=False,
    )


def refuse_internal_webhook(url: str, allowed_networks: Iterable[str] = ()) -> None:
    """422 when a tenant registers a webhook URL we would never call (delivery checks again, after DNS)."""
    from smmkit.problems import DomainError

    try:
        AddressGuard(allowed_networks).check_static(url)
    except BlockedUrl as exc:
        raise DomainError(f"webhook URL refused: {exc}", field="url") from exc
