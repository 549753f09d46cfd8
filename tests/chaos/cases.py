"""The chaos cases: each runs a burst, hits it with one fault mid-way, and returns its counts (``Result``).

``Scale`` sizes them: ``QUICK`` for ``make test`` (small bursts, faults of a few seconds), ``BENCH`` for
``bench/chaos.py`` (bigger bursts, a network down or slow for a minute).
"""
from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

import httpx
import redis

from tests.chaos.harness import Burst, ChaosStack, ReadyWatch, Result, publisher_outcomes


@dataclass(frozen=True)
class Scale:
    posts: int = 24               # per burst
    spread_s: float = 4.0         # the burst's due times spread over this long
    fault_s: float = 2.0          # how long a server stays down
    network_fault_s: float = 4.0  # how long a network answers 5xx or slowly
    telegram_chats: int = 2       # the rate-limit burst: more posts per chat than its budget holds
    posts_per_chat: int = 22
    timeout_s: float = 120.0      # settling, after the fault


QUICK = Scale()
BENCH = Scale(posts=300, spread_s=20.0, fault_s=10.0, network_fault_s=60.0, telegram_chats=6, posts_per_chat=30,
              timeout_s=300.0)


def _accounts(scale: Scale) -> dict[str, int]:
    """Mastodon (guarded by Idempotency-Key) and X (reconciled by reading the account back), about four posts
    an account: every retry and reconciliation takes from the account's budget (X: 100 per 15 minutes), and a
    few busy accounts would spend it during a long fault and then wait 9 s a post for its refill."""
    return {"mastodon": max(3, scale.posts // 12), "x": max(3, scale.posts // 8)}


def _mid_burst(burst: Burst) -> None:
    burst.wait_published(max(1, len(burst.targets) // 3))


# --------------------------------------------------------------------------
# The broker wiped mid-burst


SERVICES = ("planner", "publisher", "metrics", "attribution")


def _broker_recoveries(chaos: ChaosStack) -> dict[str, float]:
    """``smm_broker_recoveries_total`` of each service (smmkit.brokerwatch)."""
    found = {}
    for service in SERVICES:
        text = httpx.get(f"{chaos.url(service)}/metrics", timeout=10).text
        value = re.search(r'^smm_broker_recoveries_total\{service="%s"\} (\S+)$' % service, text, re.M)
        found[service] = float(value.group(1)) if value else 0.0
    return found


def broker_wipe(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    """Restart tansu a third into the burst: it keeps nothing, so every topic, consumer group, committed offset
    and event not yet consumed is gone. Each service notices the new cluster id, creates its topics again,
    restarts its consumers and sends its outbox again; consumers skip what they had handled."""
    burst = Burst(chaos, "broker_wipe", posts=scale.posts, accounts=_accounts(scale),
                  spread_s=scale.spread_s).plan()
    before = _broker_recoveries(chaos)
    _mid_burst(burst)
    chaos.broker.stop()  # up to ~7 s while clients are connected: the broker stays away that long
    chaos.broker.start()
    restarted = time.monotonic()
    # the burst can settle before a service's next look at the broker (every BROKER_CHECK_INTERVAL_S): the
    # count is of recoveries, so wait for them (bounded) before the burst's end, and orders keep coming meanwhile
    recovered = _wait_recoveries(chaos, before, timeout_s=30.0)
    result = burst.finish(restarted, timeout_s=scale.timeout_s)
    result.counts["broker_recoveries"] = recovered
    return result


def _wait_recoveries(chaos: ChaosStack, before: dict[str, float], timeout_s: float) -> dict[str, float]:
    """Each service's recoveries since ``before``, once every one has recovered or ``timeout_s`` has passed."""
    deadline = time.monotonic() + timeout_s
    while True:
        now = _broker_recoveries(chaos)
        recovered = {s: now[s] - before[s] for s in SERVICES}
        if all(recovered.values()) or time.monotonic() > deadline:
            return recovered
        time.sleep(0.5)


# --------------------------------------------------------------------------
# a. PostgreSQL restarted mid-burst


def postgres_restart(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    """Crash PostgreSQL (immediate stop) a third into the burst; start it again after ``fault_s``."""
    burst = Burst(chaos, "postgres_restart", posts=scale.posts, accounts=_accounts(scale),
                  spread_s=scale.spread_s).plan()
    with ReadyWatch(chaos) as ready:
        _mid_burst(burst)
        chaos.pg.crash()
        time.sleep(scale.fault_s)
        chaos.pg.start()
        ended = time.monotonic()
        result = burst.finish(ended, timeout_s=scale.timeout_s)
    result.counts["readyz_unready_then_ready"] = ready.went_unready_and_back()
    return result


# --------------------------------------------------------------------------
# b. Redis flushed, and Redis restarted, mid-burst


def _rate_limit_burst(chaos: ChaosStack, case: str, scale: Scale, fault) -> Result:
    """Telegram chats (20 messages a minute each) get more posts than their budget holds, all due at
    once: the publisher sends 20 per chat, then one every 3 s. The fault comes after the first 20 went out;
    the chat's allowance on the network is spent, so a publisher that forgot it would meet 429s."""
    # Redis has kept the buckets for longer than a window, as far as the limiters know: an earlier case's loss
    # would otherwise still hold these fresh chats' buckets empty (see smmkit.ratelimit, cold_after_loss)
    redis.Redis.from_url(chaos.redis.url(0)).set("smm:rl:kept-since", "0")
    before = chaos.sandbox("GET", "/refusals").get("rate_limited", {}).get("telegram", 0)
    outcomes_before = publisher_outcomes(chaos)
    burst = Burst(chaos, case, posts=scale.telegram_chats * scale.posts_per_chat,
                  accounts={"telegram": scale.telegram_chats}, spread_s=0.5, orders=False).plan()
    burst.wait_published(scale.telegram_chats * 20)
    with ReadyWatch(chaos) as ready:
        ended = fault()
        result = burst.finish(ended, timeout_s=scale.timeout_s + 3 * (scale.posts_per_chat - 20))
    result.counts["readyz_unready_then_ready"] = ready.went_unready_and_back()
    after = chaos.sandbox("GET", "/refusals").get("rate_limited", {}).get("telegram", 0)
    outcomes = publisher_outcomes(chaos) - outcomes_before
    result.counts["rate_limited"] = {"network_429s": after - before,
                                     "publisher_rate_limited_outcomes": outcomes.get("rate_limited", 0),
                                     "chats": scale.telegram_chats}
    return result


def redis_flush(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    def fault() -> float:
        redis.Redis.from_url(chaos.redis.url(0)).flushall()
        return time.monotonic()
    return _rate_limit_burst(chaos, "redis_flush", scale, fault)


def redis_restart(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    def fault() -> float:
        chaos.redis.restart(down_s=scale.fault_s)
        return time.monotonic()
    return _rate_limit_burst(chaos, "redis_restart", scale, fault)


# --------------------------------------------------------------------------
# c. A network answering 5xx, or slowly, for a period


def _network_fault(chaos: ChaosStack, case: str, scale: Scale, **fault) -> Result:
    burst = Burst(chaos, case, posts=scale.posts, accounts=_accounts(scale),
                  spread_s=scale.spread_s).plan()
    _mid_burst(burst)
    for network in ("mastodon", "x"):
        chaos.sandbox("POST", "/faults", json={"network": network, "account": "*", "for_s": scale.network_fault_s,
                                               **fault})
    time.sleep(scale.network_fault_s)
    return burst.finish(time.monotonic(), timeout_s=scale.timeout_s)


def network_5xx(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    return _network_fault(chaos, "network_5xx", scale, kind="server_error")


def network_slow(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    """Each write waits 2.5 s (past the publisher's 1.5 s timeout), then succeeds: the publisher never learns."""
    return _network_fault(chaos, "network_slow", scale, kind="slow", delay_ms=2500)


# --------------------------------------------------------------------------
# d. SIGKILL of each service in turn


def _kill(chaos: ChaosStack, name: str, down_s: float = 0.2) -> float:
    process = chaos.process(name)
    process.kill()
    time.sleep(down_s)
    process.start().wait_healthy()
    return time.monotonic()


def kill_planner(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    """Killed while its dispatcher hands the burst's targets to the publisher (they fall due over the spread)."""
    burst = Burst(chaos, "kill_planner", posts=scale.posts, accounts=_accounts(scale),
                  spread_s=scale.spread_s).plan()
    burst.wait_published(max(1, len(burst.targets) // 4))
    return burst.finish(_kill(chaos, "planner"), timeout_s=scale.timeout_s)


def kill_publisher(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    burst = Burst(chaos, "kill_publisher", posts=scale.posts, accounts=_accounts(scale),
                  spread_s=scale.spread_s).plan()
    _mid_burst(burst)
    return burst.finish(_kill(chaos, "publisher"), timeout_s=scale.timeout_s)


def kill_attribution(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    """Killed while the orders arrive: every order answered 2xx is in the reports exactly once."""
    burst = Burst(chaos, "kill_attribution", posts=scale.posts, accounts={"mastodon": 3},
                  spread_s=scale.spread_s).plan()
    time.sleep(max(0.0, (burst.first_due.timestamp() - time.time())) + scale.spread_s / 3)
    return burst.finish(_kill(chaos, "attribution"), timeout_s=scale.timeout_s)


def kill_metrics(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    """Killed while it polls: every engagement change it recorded reaches attribution exactly once.

    Engagement grows on the sandbox's clock; metrics polls each target every second. After the kill and the
    restart the clock stops, and once every target has been read again the counts must agree, per target:
    metrics' ``seq`` (changes recorded), its raw points, attribution's deltas (one per seq, 1..seq) and their
    sum against metrics' last totals. Fewer is lost, more is duplicated."""
    burst = Burst(chaos, "kill_metrics", posts=scale.posts, accounts={"mastodon": 3}, spread_s=scale.spread_s,
                  orders=False)
    resp = burst.api.metrics.put("/settings/schedule", json={"bands": [{"until_s": 86400, "every_s": 1}]})
    assert resp.status_code == 200, resp.text
    chaos.sandbox("POST", "/engagement", json={"speed": 600})
    try:
        burst.plan()
        burst.wait_published(len(burst.targets), timeout_s=60)
        ids = [t.id for t in burst.targets]
        _wait(lambda: _polls(chaos, ids) >= 2 * len(ids), 30)  # polling in full swing
        ended = _kill(chaos, "metrics")
        _wait(lambda: _polls(chaos, ids) >= 4 * len(ids), 30)
    finally:
        chaos.sandbox("POST", "/engagement", json={"speed": 0})
    frozen = _polls(chaos, ids)
    _wait(lambda: _polls(chaos, ids) >= frozen + 2 * len(ids), 30)  # every target read after the clock stopped
    result = burst.finish(ended, timeout_s=scale.timeout_s)
    deadline = time.monotonic() + scale.timeout_s
    while True:
        engagement = asyncio.run(_engagement_counts(chaos, ids))
        if engagement["lost"] == engagement["duplicated"] == 0:
            if result.recover_s is not None:  # the posts settled too: recovered when both had
                result.recover_s = max(result.recover_s, time.monotonic() - ended)
            break
        if time.monotonic() > deadline:
            result.recover_s = None
            break
        time.sleep(0.5)
    result.counts["engagement"] = engagement
    result.lost += engagement["lost"]
    result.duplicated += engagement["duplicated"]
    return result


def _wait(probe, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not probe() and time.monotonic() < deadline:
        time.sleep(0.2)


def _polls(chaos: ChaosStack, ids: list[str]) -> int:
    rows = asyncio.run(chaos.fetch("SELECT coalesce(sum(polls), 0) AS n FROM metrics.tracked_targets"
                                   " WHERE target_id = ANY($1::uuid[])", ids))
    return int(rows[0]["n"])


async def _engagement_counts(chaos: ChaosStack, ids: list[str]) -> dict:
    tracked = {str(r["target_id"]): r for r in await chaos.fetch(
        "SELECT target_id, seq, last_totals FROM metrics.tracked_targets WHERE target_id = ANY($1::uuid[])", ids)}
    points = {str(r["target_id"]): r["n"] for r in await chaos.fetch(
        "SELECT target_id, count(*) AS n FROM metrics.engagement_points WHERE target_id = ANY($1::uuid[])"
        " GROUP BY target_id", ids)}
    deltas = {str(r["target_id"]): r for r in await chaos.fetch(
        "SELECT target_id, count(*) AS n, max(seq) AS top, sum(engagement) AS total FROM attribution.engagement_deltas"
        " WHERE target_id = ANY($1::uuid[]) GROUP BY target_id", ids)}
    counts = Counter()
    for target_id in ids:
        t = tracked.get(target_id)
        if t is None:
            counts["untracked"] += 1
            continue
        seq = t["seq"]
        totals = json.loads(t["last_totals"]) if isinstance(t["last_totals"], str) else (t["last_totals"] or {})
        engagement = sum(totals.get(k) or 0 for k in ("likes", "reposts", "comments", "clicks"))
        d = deltas.get(target_id)
        n, total = (d["n"], int(d["total"])) if d else (0, 0)
        counts["changes"] += seq
        counts["missing_points"] += max(0, seq - points.get(target_id, 0))
        counts["extra_points"] += max(0, points.get(target_id, 0) - seq)
        counts["missing_deltas"] += max(0, seq - n)
        counts["extra_deltas"] += max(0, n - seq)
        counts["engagement_short"] += max(0, engagement - total)
        counts["engagement_over"] += max(0, total - engagement)
    return {"lost": counts["untracked"] + counts["missing_points"] + counts["missing_deltas"]
            + (counts["engagement_short"] > 0),
            "duplicated": counts["extra_points"] + counts["extra_deltas"] + (counts["engagement_over"] > 0),
            **counts}


# --------------------------------------------------------------------------
# e. Orders arriving during a rollup rebuild


def rollup_rebuild(chaos: ChaosStack, scale: Scale = QUICK) -> Result:
    """While the orders arrive, every day of the tenant's credits is marked dirty again and again, so the
    attribution service's rollup job rebuilds them continuously; the report totals must stay exact."""
    burst = Burst(chaos, "rollup_rebuild", posts=scale.posts, accounts={"mastodon": 3}, spread_s=scale.spread_s)
    stop = threading.Event()
    rebuilds = Counter()

    def keep_rebuilding() -> None:
        async def loop() -> None:
            while not stop.is_set():
                rows = await chaos.fetch(
                    "INSERT INTO attribution.report_dirty_days (tenant_id, day)"
                    " SELECT DISTINCT tenant_id, (ordered_at AT TIME ZONE 'UTC')::date FROM attribution.order_credits"
                    " WHERE ordered_at IS NOT NULL RETURNING id")
                rebuilds["marked"] += len(rows)
                left = await chaos.fetch("SELECT count(*) AS n FROM attribution.report_dirty_days")
                rebuilds["seen_dirty"] += left[0]["n"] > 0
                await asyncio.sleep(0.05)
        asyncio.run(loop())

    thread = threading.Thread(target=keep_rebuilding, daemon=True)
    burst.plan()
    thread.start()
    try:
        burst.wait_orders_sent()
        ended = time.monotonic()
        # reports read while rebuilds go on must already be exact
        during = burst.finish(ended, timeout_s=scale.timeout_s)
    finally:
        stop.set()
        thread.join()
    after = burst.finish(time.monotonic(), timeout_s=30)  # and once the rollup is rebuilt for good
    during.counts["after_rebuilds"] = after.summary()
    during.counts["rebuild_marks"] = dict(rebuilds)
    during.lost += after.lost
    during.duplicated += after.duplicated
    return during


CASES = {  # the Redis cases last: after a loss, fresh network budgets refill for up to a minute
    "broker_wipe": broker_wipe,
    "postgres_restart": postgres_restart,
    "network_5xx": network_5xx,
    "network_slow": network_slow,
    "kill_planner": kill_planner,
    "kill_publisher": kill_publisher,
    "kill_metrics": kill_metrics,
    "kill_attribution": kill_attribution,
    "rollup_rebuild": rollup_rebuild,
    "redis_flush": redis_flush,
    "redis_restart": redis_restart,
}


