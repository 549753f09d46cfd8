"""The SSRF guard on media downloads, against the sandbox's sample media over real HTTP."""

from __future__ import annotations

import uuid

import httpx
import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.mastodon import MastodonAdapter
from publisher.networks.media import MediaFetcher, MediaPolicy
from smmkit.networks import NetworkError, make_http_client

LOOPBACK = ("127.0.0.0/8",)


def resolver(table: dict[str, list[str]]):
    async def resolve(host: str, port: int) -> list[str]:
        return table[host]

    return resolve


async def blocked(fetcher: MediaFetcher, url: str) -> NetworkError:
    with pytest.raises(NetworkError) as caught:
        await fetcher.fetch(url)
    assert caught.value.kind == "invalid"
    return caught.value


async def test_allow_listed_host_is_fetched_with_its_type(sandbox):
    media = await MediaFetcher(MediaPolicy(allowed_networks=LOOPBACK)).fetch(sandbox.media_url("photo.png"))

    assert media.content.startswith(b"\x89PNG")
    assert (media.content_type, media.filename) == ("image/png", "photo.png")


async def test_loopback_is_refused_by_default(sandbox):
    error = await blocked(MediaFetcher(), sandbox.media_url("photo.png"))

    assert error.code == "media_blocked"


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "224.0.0.1",
    ],
)
async def test_non_public_addresses_are_refused(address):
    fetcher = MediaFetcher(resolver=resolver({"cdn.example": [address]}))

    error = await blocked(fetcher, "https://cdn.example/a.png")

    assert error.code == "media_blocked"


async def test_one_private_address_among_public_ones_is_enough_to_refuse():
    fetcher = MediaFetcher(resolver=resolver({"cdn.example": ["93.184.216.34", "10.1.2.3"]}))

    await blocked(fetcher, "https://cdn.example/a.png")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/a.png", "gopher://x/", "http:///nohost", "http://[::1"]
)
async def test_only_http_urls_with_a_host(url):
    await blocked(MediaFetcher(), url)


async def test_connects_to_the_address_it_checked(sandbox_server):
    # "media.test" does not exist in DNS: the fetch only works if it connects to the checked
    # address instead of resolving the name a second time (which DNS rebinding would exploit).
    port = sandbox_server.control_port
    fetcher = MediaFetcher(MediaPolicy(allowed_networks=LOOPBACK), resolver=resolver({"media.test": ["127.0.0.1"]}))

    media = await fetcher.fetch(f"http://media.test:{port}/_sandbox/media/a.png")

    assert media.content.startswith(b"\x89PNG")


async def test_redirects_are_checked_hop_by_hop(sandbox):
    fetcher = MediaFetcher(MediaPolicy(allowed_networks=("127.0.0.1/32",)))
    to_metadata = sandbox.base_url + "/_sandbox/redirect?to=http://169.254.169.254/latest/meta-data"

    await blocked(fetcher, to_metadata)
    followed = await fetcher.fetch(sandbox.base_url + "/_sandbox/redirect?to=/_sandbox/media/a.png")
    assert followed.content_type == "image/png"


async def test_redirect_chains_are_cut_short(sandbox):
    fetcher = MediaFetcher(MediaPolicy(allowed_networks=LOOPBACK, max_redirects=1))
    inner = "/_sandbox/redirect?to=/_sandbox/media/a.png"
    outer = str(httpx.URL(sandbox.base_url + "/_sandbox/redirect", params={"to": inner}))

    error = await blocked(fetcher, outer)

    assert "redirects" in error.message


async def test_oversized_media_is_refused(sandbox):
    fetcher = MediaFetcher(MediaPolicy(allowed_networks=LOOPBACK, max_bytes=1024))

    assert len((await fetcher.fetch(sandbox.media_url("small.png", size=1024))).content) == 1024
    error = await blocked(fetcher, sandbox.media_url("big.png", size=1025))
    assert error.code == "media_too_large"


async def test_unexpected_content_type_is_refused(sandbox):
    error = await blocked(MediaFetcher(MediaPolicy(allowed_networks=LOOPBACK)), sandbox.media_url("page.html"))

    assert error.code == "media_type"


async def test_missing_media_is_invalid(sandbox):
    error = await blocked(
        MediaFetcher(MediaPolicy(allowed_networks=LOOPBACK)), sandbox.base_url + "/_sandbox/nothing-here"
    )

    assert (error.code, error.status) == ("media_unavailable", 404)


async def test_an_adapter_with_the_default_guard_posts_nothing(sandbox):
    pub = Publication(uuid.uuid4(), "42", "internal image", media=(MediaItem(sandbox.media_url("a.png")),))
    async with make_http_client(sandbox.url("mastodon")) as http:
        adapter = MastodonAdapter(http=http, credentials={"access_token": "sbx-42"})  # no allow-list
        with pytest.raises(NetworkError) as caught:
            await adapter.publish(pub)

    assert caught.value.code == "media_blocked"
    assert sandbox.posts("mastodon") == []
