"""Download media from a tenant-supplied URL without opening an SSRF hole.

Posts carry media as URLs. Networks that want the bytes themselves (Mastodon, X,
Bluesky, LinkedIn) make us download them, from a URL a tenant controls. So every
download goes through ``MediaFetcher``, which:

- checks and pins every hop's address with ``smmkit.urlguard`` (public addresses only,
  unless the operator allow-listed a network such as the sandbox's; no DNS rebinding);
- follows at most ``max_redirects`` redirects;
- checks the Content-Type against an allow-list and stops reading at ``max_bytes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from smmkit.networks import NetworkError, make_http_client, transport_errors
from smmkit.urlguard import AddressGuard, BlockedUrl, IPAddress, Resolver, pin, system_resolver

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


class MediaFetcher:
    def __init__(self, policy: MediaPolicy | None = None, *, resolver: Resolver = system_resolver) -> None:
        self.policy = policy or MediaPolicy()
        self._guard = AddressGuard(self.policy.allowed_networks, resolver=resolver)

    async def fetch(self, url: str) -> FetchedMedia:
        try:
            target = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise _blocked("malformed media URL") from exc
        async with make_http_client("", timeout_s=self.policy.timeout_s) as client:
            for _ in range(self.policy.max_redirects + 1):
                request = client.build_request("GET", target)
                pin(request, await self.checked_address(target))
                with transport_errors(write=False):
                    response = await client.send(request, stream=True)
                    try:
                        if response.is_redirect:
                            target = target.join(response.headers.get("Location", ""))
                            continue
                        return await self._read(response, target)
                    finally:
                        await response.aclose()
        raise _blocked("too many redirects")

    async def checked_address(self, url: httpx.URL) -> IPAddress:
        """The address to connect to, after checking every address the host resolves to."""
        try:
            return await self._guard.checked_address(url)
        except BlockedUrl as exc:
            if exc.code == "unresolvable":
                raise NetworkError("invalid", "media host does not resolve", code="media_unavailable") from exc
            raise _blocked(f"media URL refused: {exc}") from exc

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
