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
