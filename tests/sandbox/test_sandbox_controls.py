"""The sandbox's control and query API, its networks' own idempotency rules, and
engagement growth, over real HTTP."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

from publisher.networks import ADAPTERS
from publisher.networks.base import Publication, PublishedPost
from publisher.networks.media import MediaFetcher, MediaPolicy
from sandbox.client import SandboxControl
from sandbox.engagement import engagement_for
from sandbox.faults import FaultBook
from sandbox.layout import SandboxLayout
from smmkit.networks import make_http_client
from tests.utils.required_media import required_media

# Per network: (account_ref, credentials) for creating posts through the adapters.
ACCOUNTS = {
    "mastodon": ("42", {"access_token": "sbx-42"}),
    "x": ("1001", {"access_token": "sbx-1001"}),
    "facebook": ("5550001", {"access_token": "sbx-page"}),
    "instagram": ("1784", {"access_token": "sbx-ig"}),
    "vk": ("123456", {"access_token": "sbx-vk"}),
    "bluesky": ("did:plc:alice", {"access_jwt": "sbx-alice", "did": "did:plc:alice"}),
    "linkedin": ("urn:li:organization:7", {"access_token": "sbx-li"}),
    "threads": ("2000", {"access_token": "sbx-threads"}),
    "telegram": ("@sandbox_news", {"bot_token": "sbx-bot"}),
    "pinterest": ("5551", {"access_token": "sbx-pin"}),
    "youtube": ("UC1", {"access_token": "sbx-UC1"}),
    "tiktok": ("creator1", {"access_token": "sbx-creator1"}),
    "reddit": ("coffee", {"access_token": "sbx-u42"}),
    "discord": ("1100000000000000042", {"bot_token": "sbx-b42"}),
    "gbp": ("accounts/1/locations/42", {"access_token": "sbx-gbp"}),
}


@pytest.fixture
def sandbox(sandbox: SandboxControl) -> SandboxControl:
    sandbox.engagement(speed=0)  # only explicit advances move engagement: exact comparisons
    return sandbox


@pytest.fixture
def api(sandbox_server: SandboxLayout) -> Iterator[httpx.Client]:
    """The control API (``/_sandbox``)."""
    with httpx.Client(base_url=sandbox_server.control, timeout=5) as client:
        yield client


Net = Callable[..., httpx.Client]


@pytest.fixture
def net(sandbox_server: SandboxLayout) -> Iterator[Net]:
    """``net("x")``: a client for a network's API at its base URL, with the production paths;
    ``net("bluesky", read=True)``: its read service (Bluesky's AppView)."""
    clients: dict[tuple[str, bool], httpx.Client] = {}

    def client(network: str, *, read: bool = False) -> httpx.Client:
        if (network, read) not in clients:
            url = sandbox_server.read_url(network) if read else sandbox_server.url(network)
            clients[(network, read)] = httpx.Client(base_url=url, timeout=5)
        return clients[(network, read)]

    yield client
    for c in clients.values():
        c.close()


async def publish(
    sandbox: SandboxControl, network: str, text: str = "Stats please", *, timeout_s: float = 5
) -> PublishedPost:
    account, credentials = ACCOUNTS[network]
    media = required_media(network, sandbox)  # Instagram, Pinterest ... take no text-only posts
    fetcher = MediaFetcher(MediaPolicy(allowed_networks=("127.0.0.0/8",)))
    async with make_http_client(sandbox.url(network), timeout_s=timeout_s) as http:
        adapter = ADAPTERS[network](http=http, credentials=credentials, media=fetcher)
        return await adapter.publish(Publication(uuid.uuid4(), account, text, media=media))


# --- query API -------------------------------------------------------------------------


async def test_posts_can_be_listed_per_network_and_account(sandbox):
    await publish(sandbox, "mastodon", "one")
    await publish(sandbox, "vk", "two")

    everything = sandbox.posts()
    assert {(p["network"], p["text"]) for p in everything} == {("mastodon", "one"), ("vk", "two")}
    [vk_post] = sandbox.posts(network="vk", account="123456")
    assert vk_post["external_id"].startswith("-123456_") and vk_post["created_at"]
    assert sandbox.posts(network="vk", account="999") == []


async def test_duplicates_counts_the_same_text_posted_twice(sandbox):
    await publish(sandbox, "telegram", "Twice")
    await publish(sandbox, "telegram", "Twice")
    await publish(sandbox, "telegram", "Once")

    [duplicate] = sandbox.duplicates()
    assert (duplicate["network"], duplicate["text"], duplicate["count"]) == ("telegram", "Twice", 2)
    assert len(set(duplicate["external_ids"])) == 2


async def test_reset_forgets_posts_faults_and_config(sandbox, api):
    await publish(sandbox, "mastodon")
    sandbox.fault("mastodon", "42", "server_error")
    sandbox.configure(latency_ms=5, rate_limit_scale=0.5)

    sandbox.reset()

    assert sandbox.posts() == [] and api.get("/_sandbox/faults").json() == {"faults": []}
    assert api.get("/_sandbox/config").json()["rate_limit_scale"] == 1.0


# --- faults ----------------------------------------------------------------------------


async def test_fault_fires_the_requested_number_of_times_for_that_account_only(sandbox):
    sandbox.fault("mastodon", "42", "server_error", times=2)
    for _ in range(2):
        with pytest.raises(Exception, match="transient"):
            await publish(sandbox, "mastodon")

    await publish(sandbox, "mastodon", "third time lucky")
    assert [p["text"] for p in sandbox.posts("mastodon")] == ["third time lucky"]


async def test_fault_for_another_account_does_not_fire(sandbox):
    sandbox.fault("mastodon", "someone-else", "server_error")

    await publish(sandbox, "mastodon")

    assert len(sandbox.posts("mastodon")) == 1


async def test_faults_can_be_listed_and_cleared_selectively(sandbox, api):
    sandbox.fault("x", "1", "rate_limit")
    sandbox.fault("vk", "2", "rate_limit", times=3)

    assert sandbox.clear_faults(network="x") == 1
    [left] = api.get("/_sandbox/faults").json()["faults"]
    assert (left["network"], left["times"]) == ("vk", 3)


def test_a_fault_for_a_period_fires_on_every_matching_request_until_it_ends():
    now = [100.0]
    book = FaultBook(clock=lambda: now[0])
    book.arm(network="x", account="*", kind="server_error", for_s=60)

    fired = [book.take("x", str(account), write=True, path="/2/tweets") for account in range(50)]
    assert all(f is not None and f.kind == "server_error" for f in fired)
    assert book.take("mastodon", "1", write=True, path="/api/v1/statuses") is None, "another network"
    assert book.take("x", "1", write=False, path="/2/tweets/1") is None, "reads are not writes"
    [listed] = book.armed()
    assert listed.as_dict(now[0])["remaining_s"] == 60

    now[0] += 59.9
    assert book.take("x", "7", write=True, path="/2/tweets") is not None
    now[0] += 0.1
    assert book.take("x", "7", write=True, path="/2/tweets") is None
    assert book.armed() == []


async def test_a_network_down_for_a_period_answers_5xx_then_publishes(sandbox):
    armed = sandbox.fault("mastodon", "*", "server_error", for_s=30)
    assert armed["remaining_s"] > 29 and armed["for_s"] == 30
    for _ in range(3):
        with pytest.raises(Exception, match="transient"):
            await publish(sandbox, "mastodon")
    assert sandbox.posts("mastodon") == []
    assert sandbox.refusals() == {"server_error": {"mastodon": 3}}

    sandbox.clear_faults("mastodon")
    await publish(sandbox, "mastodon", "back up")
    assert [p["text"] for p in sandbox.posts("mastodon")] == ["back up"]


def test_rate_limited_answers_are_counted_per_network(sandbox, net):
    sandbox.configure(rate_limit_scale=0.01)  # 100 tweets per 15 min -> 1
    headers = {"Authorization": "Bearer sbx-78"}
    statuses = [net("x").post("/2/tweets", json={"text": f"n{i}"}, headers=headers).status_code for i in range(4)]
    assert statuses == [201, 429, 429, 429]
    assert sandbox.refusals() == {"rate_limited": {"x": 3}}
    sandbox.reset()
    assert sandbox.refusals() == {}


def test_unknown_network_or_kind_is_refused(api):
    assert (
        api.post("/_sandbox/faults", json={"network": "myspace", "account": "1", "kind": "timeout"}).status_code == 422
    )
    assert api.post("/_sandbox/faults", json={"network": "x", "account": "1", "kind": "explode"}).status_code == 422


async def test_lost_response_creates_the_post_but_never_answers(sandbox):
    sandbox.fault("telegram", "@sandbox_news", "lost_response")
    started = time.monotonic()

    with pytest.raises(Exception, match="uncertain"):
        await publish(sandbox, "telegram", "Into the void", timeout_s=0.3)

    assert time.monotonic() - started < 2
    assert [p["text"] for p in sandbox.posts("telegram")] == ["Into the void"]


async def test_timeout_holds_the_request_and_creates_nothing(sandbox):
    sandbox.fault("telegram", "@sandbox_news", "timeout")

    with pytest.raises(Exception, match="uncertain"):
        await publish(sandbox, "telegram", timeout_s=0.3)

    assert sandbox.posts("telegram") == []


async def test_slow_fault_delays_then_succeeds(sandbox):
    sandbox.fault("vk", "123456", "slow", delay_ms=300)
    started = time.monotonic()

    await publish(sandbox, "vk")

    assert time.monotonic() - started >= 0.3
    assert len(sandbox.posts("vk")) == 1


def test_latency_applies_to_network_calls_not_to_controls(sandbox, api, net):
    sandbox.configure(latency_ms=250)

    started = time.monotonic()
    api.get("/_sandbox/posts")
    control_s = time.monotonic() - started
    started = time.monotonic()
    net("x").get("/2/users/me", headers={"Authorization": "Bearer sbx-1"})
    network_s = time.monotonic() - started

    assert network_s >= 0.25
    assert control_s < network_s - 0.15


def test_natural_rate_limit_sends_the_networks_reset_header(sandbox, net):
    sandbox.configure(rate_limit_scale=0.01)  # 100 tweets per 15 min -> 1
    headers = {"Authorization": "Bearer sbx-77"}
    assert net("x").post("/2/tweets", json={"text": "one"}, headers=headers).status_code == 201

    limited = net("x").post("/2/tweets", json={"text": "two"}, headers=headers)

    assert limited.status_code == 429
    assert 0 < int(limited.headers["x-rate-limit-reset"]) - time.time() <= 901


def test_natural_rate_limits_are_the_catalogues_per_chat_and_per_bot(sandbox, net):
    """Telegram: 20 messages a minute per chat (scaled down here to 1) and 30 a second per bot (a burst
    limit: never scaled), as ``smmkit.catalogue.telegram`` says."""
    sandbox.configure(rate_limit_scale=0.01)
    send, telegram = "/botsbx-burst/sendMessage", net("telegram")

    assert telegram.post(send, json={"chat_id": "@chat0", "text": "one"}).status_code == 200
    again = telegram.post(send, json={"chat_id": "@chat0", "text": "two"})
    assert again.status_code == 429 and again.json()["parameters"]["retry_after"] > 0
    others = [telegram.post(send, json={"chat_id": f"@chat{n}", "text": "hi"}).status_code for n in range(1, 30)]
    assert others == [200] * 29  # the bot's 30 a second are not scaled down to 1


# --- the networks' own idempotency ---------------------------------------------------------


def test_mastodon_idempotency_key_returns_the_original_status(net, sandbox):
    headers = {"Authorization": "Bearer sbx-42", "Idempotency-Key": "abc"}
    first = net("mastodon").post("/api/v1/statuses", json={"status": "once"}, headers=headers).json()
    again = net("mastodon").post("/api/v1/statuses", json={"status": "changed?"}, headers=headers).json()
    other_account = net("mastodon").post(
        "/api/v1/statuses", json={"status": "once"}, headers={**headers, "Authorization": "Bearer sbx-43"}
    ).json()

    assert again["id"] == first["id"] and again["content"] == "<p>once</p>"
    assert other_account["id"] != first["id"]  # keys are per account


def test_vk_guid_returns_the_earlier_post(net):
    form = {"owner_id": "-5", "message": "hi", "guid": "g-1", "access_token": "sbx-vk", "v": "5.199"}
    first = net("vk").post("/method/wall.post", data=form).json()
    again = net("vk").post("/method/wall.post", data=form).json()

    assert first == again and "post_id" in first["response"]


def test_bluesky_record_key_rules(net):
    api = net("bluesky")  # the PDS
    auth = {"Authorization": "Bearer sbx-alice"}
    record = {"$type": "app.bsky.feed.post", "text": "hi", "createdAt": "2026-01-01T00:00:00Z"}
    body = {"repo": "did:plc:alice", "collection": "app.bsky.feed.post", "rkey": "3jzfcijpj2z2a", "record": record}
    xrpc = "/xrpc/com.atproto.repo."

    created = api.post(xrpc + "createRecord", json=body, headers=auth)
    taken = api.post(xrpc + "createRecord", json=body, headers=auth)
    same = api.post(xrpc + "putRecord", json={**body, "swapRecord": None}, headers=auth)
    different = api.post(
        xrpc + "putRecord", json={**body, "record": {**record, "text": "changed"}, "swapRecord": None}, headers=auth
    )
    bad_key = api.post(xrpc + "createRecord", json={**body, "rkey": "my-target-id"}, headers=auth)
    read = api.get(
        xrpc + "getRecord",
        params={"repo": "did:plc:alice", "collection": "app.bsky.feed.post", "rkey": "3jzfcijpj2z2a"},
    )

    assert created.status_code == 200 and "commit" in created.json()
    assert (taken.status_code, taken.json()["error"]) == (500, "InternalServerError")
    assert same.status_code == 200 and "commit" not in same.json()
    assert (different.status_code, different.json()["error"]) == (400, "InvalidSwap")
    assert bad_key.status_code == 400 and "Invalid TID string" in bad_key.json()["message"]
    assert read.json()["value"]["text"] == "hi"  # unchanged by any of the above


# --- engagement --------------------------------------------------------------------------


def test_engagement_curve_is_deterministic_and_never_decreases():
    ages = [0, 600, 3600, 6 * 3600, 48 * 3600]
    curve = [engagement_for("x:1", age) for age in ages]

    assert curve == [engagement_for("x:1", age) for age in ages]
    assert curve[0].impressions == 0
    for before, after in itertools.pairwise(curve):
        assert all(a >= b for a, b in zip(vars(after).values(), vars(before).values(), strict=True))
    assert engagement_for("x:2", 48 * 3600) != curve[-1]


def _likes(net: Net, network: str, post: PublishedPost) -> int | None:
    """Read the like count in the network's own shape; None where the network says "gone"."""
    pid = post.external_id
    if network == "mastodon":
        r = net("mastodon").get(f"/api/v1/statuses/{pid}", headers={"Authorization": "Bearer sbx-42"})
        return r.json()["favourites_count"] if r.status_code == 200 else None
    if network == "x":
        r = net("x").get(
            f"/2/tweets/{pid}", params={"tweet.fields": "public_metrics"}, headers={"Authorization": "Bearer sbx-1"}
        )
        return r.json()["data"]["public_metrics"]["like_count"] if "data" in r.json() else None
    if network == "facebook":
        r = net("facebook").get(
            f"/v21.0/{pid}",
            params={"fields": "reactions.summary(total_count),shares"},
            headers={"Authorization": "Bearer sbx-page"},
        )
        return r.json()["reactions"]["summary"]["total_count"] if r.status_code == 200 else None
    if network in ("instagram", "threads"):
        version = "v21.0" if network == "instagram" else "v1.0"
        r = net(network).get(
            f"/{version}/{pid}/insights",
            params={"metric": "likes"},
            headers={"Authorization": "Bearer sbx-t"},
        )
        return r.json()["data"][0]["values"][0]["value"] if r.status_code == 200 else None
    if network == "vk":
        items = _vk(net, "wall.getById", posts=pid)["items"]
        return items[0]["likes"]["count"] if items else None
    if network == "bluesky":
        posts = net("bluesky", read=True).get("/xrpc/app.bsky.feed.getPosts", params={"uris": pid}).json()["posts"]
        return posts[0]["likeCount"] if posts else None
    if network == "linkedin":
        r = net("linkedin").get(
            f"/rest/socialActions/{pid}",
            headers={"Authorization": "Bearer sbx-li", "LinkedIn-Version": "202605"},
        )
        return r.json()["likesSummary"]["totalLikes"] if r.status_code == 200 else None
    raise AssertionError(network)


def _vk(net: Net, method: str, **params: str) -> dict:
    """Call VK like a well-behaved client: it allows 3 requests a second (error 6)."""
    for _ in range(3):
        answer = net("vk").post(f"/method/{method}", data={**params, "access_token": "sbx-vk", "v": "5.199"}).json()
        if answer.get("error", {}).get("error_code") != 6:
            return answer["response"]
        time.sleep(0.35)
    raise AssertionError("VK kept rate limiting")


STATS_NETWORKS = ["mastodon", "x", "facebook", "instagram", "vk", "bluesky", "linkedin", "threads"]


@pytest.mark.parametrize("network", STATS_NETWORKS)
async def test_engagement_grows_with_the_clock_and_vanishes_with_the_post(network, sandbox, net):
    post = await publish(sandbox, network)
    assert _likes(net, network, post) == 0  # brand new

    sandbox.engagement(advance_s=6 * 3600)
    after_six_hours = _likes(net, network, post)
    assert after_six_hours > 0
    assert _likes(net, network, post) == after_six_hours  # frozen clock: same numbers
    sandbox.engagement(advance_s=48 * 3600)
    assert _likes(net, network, post) >= after_six_hours

    sandbox.delete_post(network, post.external_id)
    assert _likes(net, network, post) is None


def test_deleted_posts_answer_in_each_networks_words(sandbox, net):
    gone_tweet = net("x").get("/2/tweets/123", headers={"Authorization": "Bearer sbx-1"})
    gone_fb = net("facebook").get("/v21.0/1_2", headers={"Authorization": "Bearer sbx-page"})

    assert gone_tweet.status_code == 200 and gone_tweet.json()["errors"][0]["title"] == "Not Found Error"
    assert gone_fb.status_code == 400 and (
        gone_fb.json()["error"]["code"],
        gone_fb.json()["error"]["error_subcode"],
    ) == (100, 33)


FOLLOWERS: dict[str, Callable[[Net], int]] = {
    "mastodon": lambda net: net("mastodon").get(
        "/api/v1/accounts/verify_credentials", headers={"Authorization": "Bearer sbx-42"}
    ).json()["followers_count"],
    "x": lambda net: net("x").get(
        "/2/users/1001", params={"user.fields": "public_metrics"}, headers={"Authorization": "Bearer sbx-1"}
    ).json()["data"]["public_metrics"]["followers_count"],
    "facebook": lambda net: net("facebook").get(
        "/v21.0/5550001", params={"fields": "followers_count"}, headers={"Authorization": "Bearer sbx-page"}
    ).json()["followers_count"],
    "vk": lambda net: _vk(net, "groups.getById", group_id="123456", fields="members_count")["groups"][0][
        "members_count"
    ],
    "telegram": lambda net: net("telegram").post(
        "/botsbx-bot/getChatMemberCount", json={"chat_id": "@sandbox_news"}
    ).json()["result"],
    "bluesky": lambda net: net("bluesky", read=True).get(
        "/xrpc/app.bsky.actor.getProfile", params={"actor": "did:plc:alice"}
    ).json()["followersCount"],
    "linkedin": lambda net: net("linkedin").get(
        "/rest/networkSizes/urn:li:organization:7",
        params={"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"},
        headers={"Authorization": "Bearer sbx-li", "LinkedIn-Version": "202605"},
    ).json()["firstDegreeSize"],
    "threads": lambda net: net("threads").get(
        "/v1.0/2000/threads_insights",
        params={"metric": "followers_count"},
        headers={"Authorization": "Bearer sbx-t"},
    ).json()["data"][0]["total_value"]["value"],
    "instagram": lambda net: net("instagram").get(
        "/v21.0/1784", params={"fields": "followers_count"}, headers={"Authorization": "Bearer sbx-ig"}
    ).json()["followers_count"],
}


@pytest.mark.parametrize("network", sorted(FOLLOWERS))
def test_follower_count_is_stable_and_grows_with_the_clock(network, sandbox, net):
    read = FOLLOWERS[network]
    before = read(net)

    assert before > 0 and read(net) == before
    sandbox.engagement(advance_s=30 * 24 * 3600)
    assert read(net) > before


# --- where the networks are served ------------------------------------------------------


def test_every_network_has_a_base_url_with_no_path_and_the_control_api_lists_them(sandbox_server, api):
    listed = api.get("/_sandbox/networks").json()

    assert listed == sandbox_server.urls() and listed["control"] == sandbox_server.control
    assert set(listed["networks"]) == set(ACCOUNTS)
    for network, at in listed["networks"].items():
        assert httpx.URL(at["base_url"]).raw_path == b"/", network
    ports = [httpx.URL(u).port for at in listed["networks"].values() for u in at.values()]
    assert len(set(ports)) == len(ACCOUNTS) + 1, "a port per network, and one for Bluesky's AppView"


def test_networks_with_a_separate_read_service_are_the_catalogues():
    from sandbox.networks import READ_ROUTERS
    from smmkit.catalogue import CATALOGUE

    assert set(READ_ROUTERS) == {name for name, spec in CATALOGUE.items() if spec.read_base_url}


def test_bluesky_reads_are_the_appviews_and_a_bare_pds_refuses_them(net):
    query = {"uris": "at://did:plc:a/app.bsky.feed.post/1"}
    pds_answer = net("bluesky").get("/xrpc/app.bsky.feed.getPosts", params=query)
    appview_answer = net("bluesky", read=True).get("/xrpc/app.bsky.feed.getPosts", params=query)

    assert pds_answer.status_code == 400
    assert pds_answer.json() == {"error": "InvalidRequest",
                                 "message": "No service configured for app.bsky.feed.getPosts"}
    assert appview_answer.status_code == 200 and appview_answer.json() == {"posts": []}
    assert net("bluesky", read=True).post("/xrpc/com.atproto.server.createSession").status_code == 404


def test_a_network_answers_only_its_own_paths(net):
    assert net("x").get("/docs").status_code == 404
    assert net("x").get("/_sandbox/posts").status_code == 404
    assert net("mastodon").post("/2/tweets", json={"text": "hi"}).status_code == 404
