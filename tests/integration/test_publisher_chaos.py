"""Chaos: 500 targets on networks with and without an idempotency guard, lost responses injected,
and the publisher SIGKILLed at random moments; afterwards every target is on its network exactly once.

``make chaos`` runs it at 1,000 targets too (``SMM_PUBLISHER_CHAOS_POSTS=200``), as make test did before it
had to fit in its 20 minutes."""
import asyncio
import os
import random
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

import asyncpg
import httpx

from publisher.networks import ADAPTERS
from tests.integration.conftest import Api, create_tenant
from tests.integration.test_publisher_scaleout import connect, plan, sandbox_copies
from tests.utils.polling import eventually_sync

# SMM_PUBLISHER_CHAOS_NETWORKS=mastodon,reddit runs it on other networks (at least one of each kind).
NETWORKS = tuple(os.environ.get("SMM_PUBLISHER_CHAOS_NETWORKS", "mastodon,vk,bluesky,x,facebook").split(","))
GUARDED = tuple(n for n in NETWORKS if ADAPTERS[n].has_idempotency_guard)  # Idempotency-Key, guid, rkey
UNGUARDED = tuple(n for n in NETWORKS if not ADAPTERS[n].has_idempotency_guard)  # reconciled by reading back
ACCOUNTS_PER_NETWORK = 8
POSTS = int(os.environ.get("SMM_PUBLISHER_CHAOS_POSTS", "100"))  # one target per network each


def test_sigkills_and_lost_responses_leave_every_target_on_its_network_exactly_once(chaos_platform, settings):
    platform = chaos_platform
    rng = random.Random()
    sandbox = platform.url("sandbox")
    api = Api(platform, create_tenant(platform, settings, "Chaos Ltd")["api_key"])
    base = 800_000 + uuid.uuid4().int % 99_000
    accounts = {net: [connect(api, net, str(base + 100 * n + i)) for i in range(ACCOUNTS_PER_NETWORK)]
                for n, net in enumerate(GUARDED + UNGUARDED)}

    def lose_responses(times: int) -> None:
        for net, group in accounts.items():
            for account in group:
                resp = httpx.post(f"{sandbox}/_sandbox/faults", json={
                    "network": net, "account": account["account_ref"], "kind": "lost_response", "times": times})
                assert resp.status_code in (200, 201), resp.text

    # Before planning: the first publishes must meet them, however long planning takes on a busy machine.
    lose_responses(times=2)
    run = uuid.uuid4().hex[:6]
    # Planning takes ~50-80 ms a post here: the first targets fall due as planning ends, the rest while
    # the publisher is being killed.
    start = datetime.now(timezone.utc) + timedelta(seconds=3 + 0.05 * POSTS)
    targets = []
    for i in range(POSTS):
        due = start + timedelta(seconds=10 * i / POSTS)  # targets keep falling due while the killing goes on
        chosen = [accounts[net][i % ACCOUNTS_PER_NETWORK] for net in accounts]
        targets += plan(api, chosen, f"Chaos {run} #{i}", due)
    assert len(targets) == POSTS * len(accounts)

    publisher = platform.processes["publisher"]
    original_env = publisher.env
    # Restarted processes space their retries a little wider than the suite's 0.2 s, so a machine
    # busy with six restarts does not use up a target's attempts within a couple of seconds.
    publisher.env = {**original_env, "PUBLISHER_RETRY_BASE_S": "1", "PUBLISHER_RETRY_MAX_S": "5"}
    kills = 0
    try:
        while kills < 6:
            time.sleep(rng.uniform(0.3, 2.0))
            publisher.kill()
            kills += 1
            if kills == 3:
                lose_responses(times=1)
            publisher.start().wait_healthy()

        # Wait on the publisher's own table (cheap), then count on the network once.
        ids = [uuid.UUID(t["target_id"]) for t in targets]

        def settled():
            async def count() -> int:
                conn = await asyncpg.connect(platform.env["DATABASE_URL"])
                try:
                    return await conn.fetchval("SELECT count(*) FROM publisher.publish_targets WHERE target_id = ANY($1)"
                                               " AND state IN ('published', 'failed', 'needs_review')", ids)
                finally:
                    await conn.close()
            return asyncio.run(count()) == len(ids)

        eventually_sync(settled, timeout_s=90, interval_s=1.0, what="every target settled")
    finally:
        publisher.env = original_env  # leave the platform as the other tests expect it
        publisher.stop()
        publisher.start().wait_healthy()
    copies = sandbox_copies(platform, targets)
    duplicates = {k: n for k, n in copies.items() if n > 1}
    missing = len(targets) - len(copies)
    assert (len(duplicates), missing) == (0, 0), duplicates
    assert [d for d in httpx.get(f"{sandbox}/_sandbox/duplicates").json()["duplicates"] if run in d["text"]] == []
    assert kills >= 5

    with httpx.Client(base_url=platform.url("publisher"), headers=api.headers, timeout=10) as client:
        records = [client.get(f"/targets/{t['target_id']}").json() for t in targets]
    assert Counter(r["state"] for r in records) == {"published": len(targets)}, [
        (r["network"], r["attempts"], r["error_kind"], r["last_error"]) for r in records if r["state"] != "published"][:5]
    retried = Counter(r["network"] for r in records if r["attempts"] > 1)
    # the chaos really hit both kinds of network: some targets needed more than one attempt
    assert set(retried) & set(GUARDED) and set(retried) & set(UNGUARDED), retried
