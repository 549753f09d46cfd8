"""The metrics collectors and the publisher's adapters read a network's error codes the same way:
every code of the catalogue's table (Graph, shared by Facebook, Instagram and Threads; VK) is
answered by the sandbox in the network's own words, once to a publish and once to a read."""
from __future__ import annotations

import uuid

import pytest

from metrics.collectors import COLLECTORS, PostGone
from publisher.networks.base import Publication
from publisher.networks.facebook import FacebookAdapter
from publisher.networks.vk import VkAdapter
from smmkit.catalogue import spec
from smmkit.networks import NetworkError, make_http_client

PAGE, GROUP = "555", "77"
ADAPTERS = {"facebook": FacebookAdapter, "vk": VkAdapter}
TOKEN = {"facebook": {"access_token": "sbx-page"}, "vk": {"access_token": "sbx-1"}}
ACCOUNT = {"facebook": PAGE, "vk": GROUP}
POST = {"facebook": f"{PAGE}_1", "vk": f"-{GROUP}_1"}
# whom the sandbox charges a read of POST to: a Graph object not (yet) stored is its own account
READ_ACCOUNT = {"facebook": POST["facebook"], "vk": GROUP}


def network_answer(network: str, code: int, subcode: int | None = None, *, status: int | None = None,
                   **extra) -> tuple[int, dict]:
    """(HTTP status, body) of the network's error answer for this code."""
    if network == "vk":  # VK answers errors with HTTP 200
        return status or 200, {"error": {"error_code": code, "error_msg": f"VK says {code}", "request_params": []}}
    error = {"message": f"(#{code}) Graph says {code}", "type": "OAuthException", "code": code, "fbtrace_id": "sbx",
             **extra}
    if subcode is not None:
        error["error_subcode"] = subcode
    return status or 400, {"error": error}


def table(network: str):
    for code, kind in spec(network).errors.kinds.items():
        code, subcode = code if isinstance(code, tuple) else (code, None)
        yield pytest.param(network, code, subcode, kind, id=f"{network}-{code}" + (f"-{subcode}" if subcode else ""))


@pytest.fixture
async def write_and_read(sandbox):
    """``write_and_read(network, status, body)``: the sandbox answers a publish and a read of a post
    with it; returns what the adapter and the collector raised."""
    clients = []

    async def run(network: str, status: int, body: dict) -> tuple[BaseException, BaseException]:
        sandbox.fault(network, ACCOUNT[network], "reply", on="write", status=status, body=body)
        sandbox.fault(network, READ_ACCOUNT[network], "reply", on="read", status=status, body=body)
        http = make_http_client(sandbox.url(network), timeout_s=5)
        clients.append(http)
        adapter = ADAPTERS[network](http=http, credentials=TOKEN[network])
        collector = COLLECTORS[network](http=http, credentials=TOKEN[network], account_ref=ACCOUNT[network])
        with pytest.raises(Exception) as wrote:
            await adapter.publish(Publication(uuid.uuid4(), ACCOUNT[network], f"Autumn blend {uuid.uuid4().hex}"))
        with pytest.raises(Exception) as read:
            await collector.fetch_post(POST[network])
        return wrote.value, read.value

    yield run
    for http in clients:
        await http.aclose()


@pytest.mark.parametrize(("network", "code", "subcode", "kind"), [*table("facebook"), *table("vk")])
async def test_publisher_and_metrics_read_every_catalogued_code_alike(network, code, subcode, kind, write_and_read):
    status, body = network_answer(network, code, subcode)

    wrote, read = await write_and_read(network, status, body)

    assert isinstance(wrote, NetworkError) and isinstance(read, NetworkError), (wrote, read)
    assert wrote.kind == read.kind == kind
    assert wrote.code == read.code == str(code)
    assert wrote.retry_after_s == read.retry_after_s == (
        spec(network).errors.retry_after_s.get(code) if kind == "rate_limited" else None)
    assert wrote.message == read.message == (body["error"].get("message") or body["error"].get("error_msg")), \
        "the network's own message, not ours"


@pytest.mark.parametrize(("network", "code", "status", "extra", "kind"), [
    ("facebook", 100, 400, {}, "invalid"),  # a bad parameter: not in the table
    ("facebook", 1234, 500, {}, "transient"),  # unknown, but the server failed
    ("facebook", 1234, 400, {"is_transient": True}, "transient"),  # Graph says so itself
    ("vk", 100, 200, {}, "invalid"),
])
async def test_codes_outside_the_table_are_read_alike_too(network, code, status, extra, kind, write_and_read):
    wrote, read = await write_and_read(network, *network_answer(network, code, status=status, **extra))
    assert isinstance(wrote, NetworkError) and isinstance(read, NetworkError), (wrote, read)
    assert wrote.kind == read.kind == kind


@pytest.mark.parametrize(("network", "code", "subcode"), [("facebook", 100, 33), ("vk", 104, None)])
async def test_a_catalogued_not_found_is_a_gone_post_for_metrics(network, code, subcode, write_and_read):
    errors = spec(network).errors
    assert errors.is_not_found(code, subcode)
    _, read = await write_and_read(network, *network_answer(network, code, subcode))
    assert isinstance(read, PostGone)


@pytest.mark.parametrize(("status", "name", "message", "kind"), [
    (400, "ExpiredToken", "Token has expired", "auth_expired"),  # 400 on the reference PDS: the table decides
    (400, "InvalidRequest", "No service configured for app.bsky.feed.getPosts", "invalid"),  # a bare PDS
    (429, "RateLimitExceeded", "Rate Limit Exceeded", "rate_limited"),
])
async def test_bluesky_reads_are_judged_by_the_atproto_error_name(status, name, message, kind, sandbox):
    sandbox.fault("bluesky", "", "reply", on="read", status=status, body={"error": name, "message": message})
    async with make_http_client(sandbox.read_url("bluesky"), timeout_s=5) as http:
        with pytest.raises(NetworkError) as caught:
            await COLLECTORS["bluesky"](http=http).fetch_post("at://did:plc:x/app.bsky.feed.post/3k")
    assert (caught.value.kind, caught.value.code, caught.value.message) == (kind, name, message)
