"""The broker loses everything mid-burst (tansu keeps nothing across a restart): every due post is still
published exactly once, every service notices and recovers, and no consumer stays stuck."""
import re
import time
import uuid
from datetime import datetime, timedelta, timezone

import httpx

from tests.integration.conftest import Api, create_tenant
from tests.integration.test_publisher_scaleout import connect, plan, sandbox_copies
from tests.utils.polling import eventually_sync

NETWORKS = ("mastodon", "x")  # with an idempotency guard, and without one
POSTS = 40  # one target per network each


def broker_recoveries(platform, service: str) -> float:
    text = httpx.get(f"{platform.url(service)}/metrics").text
    found = re.search(r'^smm_broker_recoveries_total\{service="%s"\} (\S+)$' % service, text, re.M)
    return float(found.group(1)) if found else 0.0


def test_a_broker_that_loses_everything_mid_burst_loses_no_post_and_duplicates_none(chaos_platform, settings):
    platform = chaos_platform
    api = Api(platform, create_tenant(platform, settings, "Wiped Broker Ltd")["api_key"])
    base = 700_000 + uuid.uuid4().int % 99_000
    accounts = {net: [connect(api, net, str(base + 100 * n + i)) for i in range(3)] for n, net in enumerate(NETWORKS)}
    run = uuid.uuid4().hex[:6]
    start = datetime.now(timezone.utc) + timedelta(seconds=2 + 0.08 * POSTS)
    targets = []
    for i in range(POSTS):  # due over 8 s: some before the wipe, some while the broker is away, some after
        targets += plan(api, [accounts[net][i % 3] for net in NETWORKS], f"Wipe {run} #{i}",
                        start + timedelta(seconds=8 * i / POSTS))
    posts = sorted({t["post_id"] for t in targets})
    before = {s: broker_recoveries(platform, s) for s in ("planner", "publisher", "metrics", "attribution")}

    eventually_sync(lambda: sum(sandbox_copies(platform, targets).values()) >= len(targets) // 5, timeout_s=60,
                    what="the burst under way")
    platform.broker.stop()
    platform.broker.start()
    wiped_at = time.monotonic()

    def statuses() -> dict[str, str]:
        return {t["id"]: t["status"] for p in posts for t in api.planner.get(f"/posts/{p}").json()["targets"]}

    # The planner hears of each publish over the new broker: its consumer is not stuck on old offsets.
    eventually_sync(lambda: set(statuses().values()) == {"published"}, timeout_s=120, interval_s=1.0,
                    what="every target published")
    recover_s = time.monotonic() - wiped_at
    copies = sandbox_copies(platform, targets)
    assert len(copies) == len(targets), "lost on the network"
    assert {k: n for k, n in copies.items() if n > 1} == {}, "published twice"
    for service, count in before.items():
        assert broker_recoveries(platform, service) == count + 1, service
    # Metrics heard of the last post's publish over the new broker too, and polls it.
    last = max(targets, key=lambda t: t["text"].split("#")[1].zfill(3))
    eventually_sync(lambda: (r := api.metrics.get(f"/targets/{last['target_id']}/engagement")).status_code == 200
                    and r.json()["points"], timeout_s=60, what="engagement of a post published after the wipe")
    print(f"broker wipe: {len(targets)} targets, lost 0, duplicated 0, recovered in {recover_s:.1f} s")
