"""Two publisher processes in one consumer group share the work, and nothing is published twice,
including while one of them is stopped and started again."""
import json
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx

from smmkit import stack
from tests.conftest import VAR
from tests.integration.conftest import Api, create_tenant, put_credentials
from tests.utils.polling import eventually_sync


def sandbox_account(network: str, ref: str) -> tuple[str, dict[str, str]]:
    """(account_ref, credentials) of a sandbox account on ``network``; ``ref`` is a fresh number."""
    return {
        "mastodon": (ref, {"access_token": f"sbx-{ref}"}),
        "x": (ref, {"access_token": f"sbx-{ref}", "refresh_token": f"sbx-{ref}.r0", "client_id": "sandbox-app"}),
        "vk": (ref, {"access_token": f"sbx-vk-{ref}"}),
        "bluesky": (f"did:plc:u{ref}", {"access_jwt": f"sbx-u{ref}.a1", "refresh_jwt": f"sbx-u{ref}.r1",
                                        "did": f"did:plc:u{ref}"}),
        "facebook": (ref, {"access_token": f"sbx-page-{ref}"}),
        "pinterest": (ref, {"access_token": f"sbx-pin-{ref}"}),  # a board
        "tiktok": (ref, {"access_token": f"sbx-{ref}"}),  # the creator's open_id
        "youtube": (f"UC{ref}", {"access_token": f"sbx-UC{ref}"}),  # the channel
        "reddit": (f"chaos{ref}", {"access_token": f"sbx-u{ref}"}),
        "discord": (ref, {"bot_token": f"sbx-b{ref}", "guild_id": "1"}),
        "gbp": (f"accounts/1/locations/{ref}", {"access_token": f"sbx-g{ref}"}),
    }[network]


def connect(api: Api, network: str, ref: str) -> dict:
    """Connect a sandbox account in the planner and give the publisher its credentials."""
    account_ref, credentials = sandbox_account(network, ref)
    resp = api.planner.post("/accounts", json={"network": network, "handle": f"@{network}{ref}",
                                               "account_ref": account_ref})
    assert resp.status_code == 201, resp.text
    account = resp.json()
    resp = put_credentials(api.publisher, account["id"], {
        "network": network, "account_ref": account_ref, "credentials": credentials})
    assert resp.status_code == 200, resp.text
    return {"id": account["id"], "network": network, "account_ref": account_ref}


def plan(api: Api, accounts: list[dict], text: str, due_at: datetime, media: list[dict] | None = None) -> list[dict]:
    """One post to all ``accounts``; returns its targets with their network and account_ref."""
    resp = api.planner.post("/posts", json={"text": text, "scheduled_at": due_at.isoformat(), "media": media or [],
                                            "targets": [{"account_id": a["id"]} for a in accounts]})
    assert resp.status_code == 201, resp.text
    by_id = {a["id"]: a for a in accounts}
    return [{**by_id[t["account_id"]], "target_id": t["id"], "post_id": resp.json()["id"], "text": text}
            for t in resp.json()["targets"]]


def sandbox_copies(platform, targets: list[dict]) -> Counter:
    """How many times each (network, account, text) of ``targets`` exists on the sandbox."""
    wanted = {(t["network"], t["account_ref"], t["text"]) for t in targets}
    posts = httpx.get(f"{platform.url('sandbox')}/_sandbox/posts", timeout=30).json()["posts"]
    return Counter(k for p in posts if (k := (p["network"], p["account"], p["text"])) in wanted)


def published_by(log_path: Path, target_ids: set[str]) -> set[str]:
    """Target ids a publisher process logged as published."""
    found = set()
    if not log_path.exists():
        return found
    for line in log_path.read_text(errors="replace").splitlines():
        if '"published"' not in line:
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == "published" and record.get("target_id") in target_ids:
            found.add(record["target_id"])
    return found


def staggered(api: Api, accounts: list[dict], run: str, count: int, *, start_in_s: float, spread_s: float):
    now = datetime.now(timezone.utc)
    targets = []
    for i in range(count):
        due = now + timedelta(seconds=start_in_s + spread_s * i / count)
        targets += plan(api, [accounts[i % len(accounts)]], f"Scale {run} #{i}", due)
    return targets


def all_on_the_network(platform, targets: list[dict]) -> Counter | None:
    copies = sandbox_copies(platform, targets)
    return copies if len(copies) == len(targets) else None


def assert_publisher_published(api: Api, targets: list[dict]) -> None:
    """The publisher's own record says published, with the URL, for every target."""
    states = Counter()
    for t in targets:
        state = api.publisher.get(f"/targets/{t['target_id']}").json()
        states[state["state"]] += 1
        assert state["state"] != "published" or state["url"], state
    assert states == {"published": len(targets)}, states


def test_two_publishers_share_the_work_without_duplicates_even_across_a_restart(platform, settings):
    api = Api(platform, create_tenant(platform, settings, "Scale Ltd")["api_key"])
    base = 700_000 + uuid.uuid4().int % 99_000
    accounts = [connect(api, "mastodon", str(base + i)) for i in range(3)]
    accounts += [connect(api, "x", str(base + 10 + i)) for i in range(3)]
    run = uuid.uuid4().hex[:6]
    first = platform.processes["publisher"]
    second = stack.service_process("publisher", stack.free_port(), dict(first.env), VAR / "platform" / f"pub-{run}")
    httpx.post(f"{platform.url('sandbox')}/_sandbox/config", json={"latency_ms": 150})
    try:
        second.start().wait_healthy()

        # Targets fall due one after another, so every claim loop gets its turn.
        targets = staggered(api, accounts, f"{run}a", 60, start_in_s=2.0, spread_s=4.0)
        copies = eventually_sync(lambda: all_on_the_network(platform, targets), timeout_s=60,
                                 what="every target on the network")
        assert set(copies.values()) == {1}, "each target exactly once"
        ids = {t["target_id"] for t in targets}

        def logged():  # each process logs a target once its "published" is committed
            both = published_by(first.log_path, ids), published_by(second.log_path, ids)
            return both if both[0] | both[1] == ids else None
        by_first, by_second = eventually_sync(logged, timeout_s=20, what="every target logged as published")
        assert by_first and by_second, f"both publish: {len(by_first)} and {len(by_second)} targets"

        # One of them goes away in the middle of a burst and comes back.
        more = staggered(api, accounts, f"{run}b", 60, start_in_s=1.0, spread_s=5.0)
        eventually_sync(lambda: len(sandbox_copies(platform, more)) >= 10, timeout_s=30, what="the burst started")
        second.stop()
        eventually_sync(lambda: len(sandbox_copies(platform, more)) >= 30, timeout_s=30,
                        what="the other process carries on alone")
        second.start().wait_healthy()
        copies = eventually_sync(lambda: all_on_the_network(platform, more), timeout_s=60,
                                 what="every target of the burst on the network")
        assert set(copies.values()) == {1}, "each target exactly once across the restart"
        dupes = httpx.get(f"{platform.url('sandbox')}/_sandbox/duplicates").json()["duplicates"]
        assert [d for d in dupes if run in d["text"]] == []

        assert_publisher_published(api, targets + more)
    finally:
        second.stop()
        httpx.post(f"{platform.url('sandbox')}/_sandbox/config", json={"latency_ms": 0})
