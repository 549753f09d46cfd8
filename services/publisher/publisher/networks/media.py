"""Download media from a tenant-supplied URL without opening an SSRF hole.

Posts carry media as URLs. Networks that want the bytes themselves (Mastodon, X,
Bluesky, LinkedIn) make us download them, from a URL a tenant controls. Unchecked, a
tenant could make our servers fetch ``http://169.254.169.254/`` or an internal admin page
and publish the answer. So every download goes through ``MediaFetcher``, which:

- accepts only http(s) URLs;
- resolves the host once and refuses it if *any* address is not public (loopback,
  private, link-local, carrier-grade NAT, multicast, reserved, and the IPv4-mapped IPv6
  forms of those), unless the caller allow-listed that network (e.g. the sandbox);
- connects to the address it checked, keeping the name for Host and TLS (SNI and
  certificate), so a second DNS answer cannot swap in an internal address (DNS rebinding);
- follows at most ``max_redirects`` redirects, checking every hop the same way;
- checks the Content-Type against an allow-list and stops reading at ``max_bytes``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from smmkit.networks import NetworkError, make_http_client, transport_errors

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

DEFAULT_CONTENT_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/quicktime", "application/pdf"}
)


@dataclass(frozen=True)
class MediaPolicy:
    max_bytes: int = 50 * 1024 * 1024
    content_types: frozenset[str] = DEFAULT_CONTENT_TYPES
    # Non-public networks the caller trusts anyway, as CIDRs: ("127.0.0.0/8",) for the sandbox.
    allowed_networks: tuple[str, ...] = ()
    timeout_s: float = 20.0
    max_redirects: int = 3


@dataclass(frozen=True)
class FetchedMedia:
    content: bytes
    content_type: str
    filename: str = field(default="media")


def _blocked(message: str) -> NetworkError:
    return NetworkError("invalid", message, code="media_blocked")


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


class MediaFetcher:
    def __init__(self, policy: MediaPolicy | None = None, *, resolver: Resolver = system_resolver) -> None:
        self.policy = policy or MediaPolicy()
        self._allowed = tuple(ipaddress.ip_network(cidr) for cidr in self.policy.allowed_networks)
        self._resolve = resolver

    async def fetch(self, url: str) -> FetchedMedia:
        try:
            target = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise _blocked("malformed media URL") from exc
        async with make_http_client("", timeout_s=self.policy.timeout_s) as client:
            for _ in range(self.policy.max_redirects + 1):
                address = await self.checked_address(target)
                with transport_errors(write=False):
                    async with client.stream(
                        "GET",
                        target.copy_with(host=str(address)),
                        headers={"Host": target.netloc.decode("ascii")},
                        extensions={"sni_hostname": target.host} if target.scheme == "https" else {},
                    ) as response:
                        if response.is_redirect:
                            target = target.join(response.headers.get("Location", ""))
                            continue
                        return await self._read(response, target)
        raise _blocked("too many redirects")

    async def checked_address(self, url: httpx.URL) -> IPAddress:
        """The address to connect to, after checking every address the host resolves to."""
        if url.scheme not in ("http", "https") or not url.host:
            raise _blocked("only http(s) URLs with a host are accepted")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            found = await self._resolve(url.host, port)
        except OSError as exc:
            raise NetworkError("invalid", "media host does not resolve", code="media_unavailable") from exc
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in found]
        if not addresses:
            raise NetworkError("invalid", "media host does not resolve", code="media_unavailable")
        for address in addresses:
            if not self._is_allowed(address):
                raise _blocked(f"media host resolves to a non-public address ({address})")
        return addresses[0]

    def _is_allowed(self, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if any(address in network for network in self._allowed):
            return True
        return address.is_global and not address.is_multicast

    async def _read(self, response: httpx.Response, url: httpx.URL) -> FetchedMedia:
        if response.status_code >= 400:
            kind = "transient" if response.status_code >= 500 or response.status_code == 429 else "invalid"
            raise NetworkError(
                kind, "media URL answered an error", status=response.status_code, code="media_unavailable"
            )
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in self.policy.content_types:
            raise NetworkError("invalid", f"media type {content_type or 'unknown'} is not accepted", code="media_type")
        declared = int(response.headers.get("Content-Length") or 0)
        if declared > self.policy.max_bytes:
            raise NetworkError("invalid", "media is larger than allowed", code="media_too_large")
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > self.policy.max_bytes:  # Content-Length may lie or be absent
                raise NetworkError("invalid", "media is larger than allowed", code="media_too_large")
        filename = url.path.rsplit("/", 1)[-1] or "media"
        return FetchedMedia(content=bytes(body), content_type=content_type, filename=filename)
