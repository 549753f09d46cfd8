"""The SSRF guard for tenant-supplied URLs (webhooks, media): refuse internal addresses, pin the checked one."""
import asyncio

import httpx
import pytest

from smmkit.problems import DomainError
from smmkit.urlguard import AddressGuard, BlockedUrl, guarded_client, refuse_internal_webhook


def table(entries: dict[str, list[str]]):
    async def resolve(host: str, port: int) -> list[str]:
        if host not in entries:
            raise OSError("no such host")
        return entries[host]
    return resolve


@pytest.fixture
async def receiver():
    """A bare HTTP server on loopback that records the Host header of every request it gets."""
    seen: list[str] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        seen.extend(line.split(":", 1)[1].strip() for line in head.split("\r\n") if line.lower().startswith("host:"))
        writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield port, seen
    server.close()
    await server.wait_closed()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/hook", "http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data",
    "http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "http://localhost:8000/", "http://api.localhost/",
    "http://100.64.0.1/", "ftp://example.com/file", "not a url",
])
def test_registration_refuses_internal_and_odd_urls(url):
    with pytest.raises(BlockedUrl):
        AddressGuard().check_static(url)


def test_registration_accepts_public_and_allow_listed_urls():
    AddressGuard().check_static("https://hooks.example.com/smm")   # a name: checked again at delivery, after DNS
    AddressGuard().check_static("http://93.184.216.34/hook")
    AddressGuard(["10.0.0.0/8"]).check_static("http://10.0.0.5/hook")
    with pytest.raises(DomainError) as refused:
        refuse_internal_webhook("http://169.254.169.254/", ())
    assert refused.value.status == 422 and refused.value.extra == {"field": "url"}


async def test_delivery_to_a_name_resolving_inside_is_refused_before_connecting(receiver):
    port, seen = receiver
    async with guarded_client(resolver=table({"hooks.example": ["93.184.216.34", "127.0.0.1"]})) as http:
        with pytest.raises(BlockedUrl, match="non-public address"):
            await http.post(f"http://hooks.example:{port}/x", content=b"{}")
    async with guarded_client(resolver=table({})) as http:
        with pytest.raises(BlockedUrl) as unresolvable:
            await http.post(f"http://nowhere.example:{port}/x", content=b"{}")
    assert unresolvable.value.code == "unresolvable"
    assert seen == [], "nothing may reach the internal server"


async def test_allow_listed_name_is_called_on_the_checked_address_with_its_own_host(receiver):
    port, seen = receiver
    # the name resolves to loopback (allow-listed); the connection goes there, Host keeps the name
    async with guarded_client(["127.0.0.0/8"], resolver=table({"hooks.example": ["127.0.0.1"]})) as http:
        response = await http.post(f"http://hooks.example:{port}/x", content=b"{}")
    assert response.status_code == 204
    assert seen == [f"hooks.example:{port}"]


async def test_blocked_url_is_a_transport_error_that_webhook_retries_catch():
    async with guarded_client() as http:
        with pytest.raises(httpx.HTTPError):
            await http.post("http://127.0.0.1:9/hook")


# Every IPv6 form that embeds an IPv4 address is judged by that IPv4 address (Python 3.11's
# ``is_global`` says True for the NAT64 and 6to4 forms of 127.0.0.1, which let them through before).
@pytest.mark.parametrize("address,allowed", [
    ("::ffff:127.0.0.1", False),            # IPv4-mapped loopback
    ("::ffff:169.254.169.254", False),      # IPv4-mapped cloud metadata
    ("::ffff:93.184.216.34", True),         # IPv4-mapped public address
    ("64:ff9b::7f00:1", False),             # NAT64 (RFC 6052) of 127.0.0.1
    ("64:ff9b::a9fe:a9fe", False),          # NAT64 of 169.254.169.254
    ("64:ff9b::a00:5", False),              # NAT64 of 10.0.0.5
    ("64:ff9b::5db8:d822", True),           # NAT64 of 93.184.216.34
    ("64:ff9b:1::a9fe:a9fe", False),        # local-use NAT64 (RFC 8215) of 169.254.169.254
    ("2002:7f00:1::1", False),              # 6to4 of 127.0.0.1
    ("2002:a9fe:a9fe::1", False),           # 6to4 of 169.254.169.254
    ("2002:c0a8:101::1", False),            # 6to4 of 192.168.1.1
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo, client 127.0.0.1 (obfuscated bits)
    ("2001:0:4136:e378:8000:63bf:f5ff:fefa", False),  # Teredo, client 10.0.1.5
    ("2606:4700:4700::1111", True),         # plain public IPv6
    ("fd00::1", False),                     # unique local
    ("fe80::1", False),                     # link-local
])
def test_addresses_embedding_ipv4_are_judged_by_the_ipv4_they_reach(address, allowed):
    import ipaddress

    assert AddressGuard().is_allowed(ipaddress.ip_address(address)) is allowed
    if not allowed:
        with pytest.raises(BlockedUrl):
            AddressGuard().check_static(f"http://[{address}]/hook")


def test_an_allow_listed_ipv4_network_also_admits_its_embedded_forms():
    import ipaddress

    guard = AddressGuard(["127.0.0.0/8"])
    assert guard.is_allowed(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert guard.is_allowed(ipaddress.ip_address("64:ff9b::7f00:1"))
    assert not guard.is_allowed(ipaddress.ip_address("64:ff9b::a9fe:a9fe"))
