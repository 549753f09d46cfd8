"""Fault injection with counts, shared by ``tests/chaos`` (bounded) and ``bench/chaos.py`` (longer, bigger).

``ChaosStack`` runs the four services and the sandbox as separate processes on servers of their own: a
PostgreSQL cluster and a Redis server on free ports (``smmkit.stack.PostgresServer`` / ``RedisServer``), so
they can be crashed and restarted without touching the machine's shared ones, and a tansu broker.

Every case is a ``Burst``: a fresh tenant, posts due over a few seconds on sandbox accounts, and one shop
order per target sent while the posts go out (retried until it is answered 2xx, with the same order id, as a
shop does). A fault hits mid-burst; afterwards the case counts, for each target:

* at the sandbox: copies of its text on its network (none: lost; more than one: duplicated);
* in the planner: its status (not ``published``: lost) and external id (not the one copy's: duplicated);
* in attribution's reports: its orders (``/reports/posts``; 0: lost, more than 1: duplicated) and the ROI
  totals against the sum of the accepted orders.

``recover_s`` runs from the end of the fault until every count is settled.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import asyncpg
import httpx

from smmkit import stack
from smmkit.migrate import upgrade
from smmkit.settings import CommonSettings
from tests.integration.conftest import Api, _run_platform, create_tenant, put_credentials

ROOT = Path(__file__).resolve().parents[2]
CURRENCY = "EUR"


@dataclass
class Result:
    """One case's counts: what must be 0, and how long the platform took to catch up after the fault."""

    case: str
    lost: int
    duplicated: int
    recover_s: float | None
    counts: dict = field(default_factory=dict)  # per place counted: {"sandbox": {...}, "planner": {...}, ...}

    def summary(self) -> dict:
        return {"case": self.case, "lost": self.lost, "duplicated": self.duplicated,
                "recover_s": None if self.recover_s is None else round(self.recover_s, 2), **self.counts}


# --------------------------------------------------------------------------
# The stack


class ChaosStack:
    """PostgreSQL, Redis and a broker of the platform's own, and the platform on them."""

    def __init__(self, name: str = "chaos", *, env: dict[str, str] | None = None) -> None:
        self.dir = ROOT / "var" / name
        self.pg = stack.PostgresServer(self.dir / "pg", stack.free_port(), self.dir / "postgres.log")
        self.redis = stack.RedisServer(stack.free_port(), self.dir / "redis.log")
        self.broker = stack.Broker(port=stack.free_port(), log_path=self.dir / "tansu.log")
        self.extra_env = {
            # targets reach the publisher as they fall due, so a burst keeps the planner's dispatcher busy
            "PLANNER_DISPATCH_LEAD_S": "1",
            # five attempts are over within ~3-6 s, well inside a network's 5xx period (PUBLISHER_RETRY_FOR_S
            # keeps them going), and a network that is back is tried again within 2 s
            "PUBLISHER_RETRY_BASE_S": "0.5", "PUBLISHER_RETRY_MAX_S": "2",
            # the report rollup rebuilds dirty days often, so orders meet rebuilds
            "ATTRIBUTION_ROLLUP_INTERVAL_S": "0.3",
            **(env or {}),
        }
        self.platform: stack.Platform | None = None
        self.settings: CommonSettings | None = None
        self._platform_run = None

    @property
    def database_url(self) -> str:
        return self.pg.url.rsplit("/", 1)[0] + "/smm"

    def start(self) -> "ChaosStack":
        self.pg.init()
        self.pg.stop()  # a cluster a session that died left running on this data directory, if any
        self.pg.start()
        asyncio.run(query(self.pg.url, "DROP DATABASE IF EXISTS smm WITH (FORCE)"))
        asyncio.run(query(self.pg.url, "CREATE DATABASE smm"))
        upgrade(self.database_url)
        self.redis.start()
        self.broker.start()
        self.settings = CommonSettings(
            environment="test", database_url=self.database_url, redis_url=self.redis.url(0),
            kafka_bootstrap_servers=self.broker.bootstrap, kafka_partitions=3,
            operator_token="chaos-operator-token", secret_keys="chaos-secret-key", tracking_secret="chaos-tracking",
            api_rate_limit=1_000_000, public_rate_limit=1_000_000,
        )
        from smmkit.bus import ensure_topics

        asyncio.run(ensure_topics(self.settings))
        self._platform_run = _run_platform(self.settings, self.dir, broker=self.broker, extra_env=self.extra_env)
        self.platform = next(self._platform_run)
        return self

    def stop(self) -> None:
        if self._platform_run is not None:
            self._platform_run.close()  # stops the processes
        self.broker.stop()
        self.redis.stop()
        self.pg.stop()

    def url(self, name: str) -> str:
        return self.platform.url(name)

    def process(self, name: str) -> stack.ManagedProcess:
        return self.platform.processes[name]

    def sandbox(self, method: str, path: str, **kwargs) -> dict:
        resp = httpx.request(method, f"{self.url('sandbox')}/_sandbox{path}", timeout=30, **kwargs)
        assert resp.status_code < 300, resp.text
        return resp.json()

    def tenant(self, name: str) -> Api:
        return Api(self.platform, create_tenant(self.platform, self.settings, name)["api_key"])

    async def fetch(self, sql: str, *args) -> list:
        return await query(self.database_url, sql, *args)


@contextlib.contextmanager
def running(name: str = "chaos", **kwargs) -> Iterator[ChaosStack]:
    chaos = ChaosStack(name, **kwargs)
    try:
        yield chaos.start()
    finally:
        chaos.stop()


async def query(url: str, sql: str, *args) -> list:
    """One statement on a connection of its own (the platform's database may have just restarted)."""
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


# --------------------------------------------------------------------------
# Readiness seen from outside


class ReadyWatch:
    """Polls ``/readyz`` of the services, each in a thread of its own (a readiness check can take seconds while
    a server is away): did each go unready during a fault, and ready after it?"""

    def __init__(self, chaos: ChaosStack, names=("planner", "publisher", "metrics", "attribution")) -> None:
        self.chaos, self.names = chaos, names
        self.seen: dict[str, list[int]] = {n: [] for n in names}
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(name,), daemon=True) for name in names]

    def _run(self, name: str) -> None:
        seen = self.seen[name]
        with httpx.Client(timeout=5) as client:
            while not self._stop.is_set():
                try:
                    status = client.get(f"{self.chaos.url(name)}/readyz").status_code
                except httpx.HTTPError:
                    status = 0
                if not seen or seen[-1] != status:
                    seen.append(status)
                self._stop.wait(0.1)

    def __enter__(self) -> "ReadyWatch":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def went_unready_and_back(self) -> dict[str, bool]:
        return {n: any(s != 200 for s in seen) and seen[-1] == 200 for n, seen in self.seen.items()}


# --------------------------------------------------------------------------
# A burst of posts, with orders


ACCOUNT_KINDS = {
    # network: account_ref, credentials, for a fresh sandbox account numbered n
    "mastodon": lambda n: (str(n), {"access_token": f"sbx-{n}"}),
    "x": lambda n: (str(n), {"access_token": f"sbx-{n}", "refresh_token": f"sbx-{n}.r0", "client_id": "sandbox-app"}),
    "telegram": lambda n: (f"@chaos{n}", {"bot_token": f"sbx-bot{n}"}),
}


@dataclass
class Target:
    id: str
    post_id: str
    network: str
    account_ref: str
    text: str
    order_minor: int


class Burst:
    """``posts`` posts due over ``spread_s`` seconds from ``lead_s`` on, one target each, round-robin over
    ``accounts``; one order per target sent between the first due time and the end of the spread."""

    def __init__(self, chaos: ChaosStack, case: str, *, posts: int, accounts: dict[str, int], lead_s: float = 2.0,
                 spread_s: float = 6.0, orders: bool = True, order_spread_s: float | None = None) -> None:
        self.chaos, self.case = chaos, case
        self.api = chaos.tenant(f"Chaos {case} {uuid.uuid4().hex[:4]}")
        self.run = uuid.uuid4().hex[:8]
        self.accounts = [self._connect(network, i) for network, n in accounts.items() for i in range(n)]
        self.posts, self.lead_s, self.spread_s = posts, lead_s, spread_s
        self.with_orders = orders
        self.order_spread_s = spread_s if order_spread_s is None else order_spread_s
        self.targets: list[Target] = []
        self.accepted: dict[str, int] = {}  # order id -> total_minor, answered 2xx
        self.order_answers: Counter = Counter()
        self._order_thread: threading.Thread | None = None

    def _connect(self, network: str, i: int) -> dict:
        number = 900_000 + uuid.uuid4().int % 90_000 + i
        account_ref, credentials = ACCOUNT_KINDS[network](number)
        resp = self.api.planner.post("/accounts", json={"network": network, "handle": f"@{network}{number}",
                                                        "account_ref": account_ref})
        assert resp.status_code == 201, resp.text
        account = resp.json()
        resp = put_credentials(self.api.publisher, account["id"], {
            "network": network, "account_ref": account_ref, "credentials": credentials})
        assert resp.status_code == 200, resp.text
        return {"id": account["id"], "network": network, "account_ref": account_ref}

    def plan(self) -> "Burst":
        """Plan every post (all before the first is due), then start sending the orders."""
        planning_s = 0.08 * self.posts  # a planned post takes ~50-80 ms here
        start = datetime.now(timezone.utc) + timedelta(seconds=planning_s + self.lead_s)
        with httpx.Client(base_url=self.chaos.url("planner"), headers=self.api.headers, timeout=30) as client:
            for i in range(self.posts):
                account = self.accounts[i % len(self.accounts)]
                text = f"Chaos {self.run} #{i}"
                due = start + timedelta(seconds=self.spread_s * i / self.posts)
                resp = client.post("/posts", json={"text": text, "scheduled_at": due.isoformat(), "campaign": self.case,
                                                   "targets": [{"account_id": account["id"]}]})
                assert resp.status_code == 201, resp.text
                body = resp.json()
                self.targets.append(Target(body["targets"][0]["id"], body["id"], account["network"],
                                           account["account_ref"], text, order_minor=1000 + i))
        self.first_due = start
        if self.with_orders:
            self._order_thread = threading.Thread(target=self._send_orders, daemon=True)
            self._order_thread.start()
        return self

    def _send_orders(self) -> None:
        wait = (self.first_due - datetime.now(timezone.utc)).total_seconds()
        time.sleep(max(0.0, wait))
        started = time.monotonic()
        with httpx.Client(base_url=self.chaos.url("attribution"), headers=self.api.headers, timeout=10) as client:
            for i, target in enumerate(self.targets):
                time.sleep(max(0.0, started + self.order_spread_s * i / len(self.targets) - time.monotonic()))
                self._order(client, f"{self.run}-{i}", target)

    def _order(self, client: httpx.Client, order_id: str, target: Target) -> None:
        body = {"id": order_id, "ordered_at": datetime.now(timezone.utc).isoformat(),
                "total_minor": target.order_minor, "currency": CURRENCY, "customer_id": f"cust-{order_id}",
                "utm": {"content": target.id}}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                resp = client.post("/orders", json=body)
                self.order_answers[resp.status_code] += 1
                if resp.status_code < 300:
                    self.accepted[order_id] = target.order_minor
                    return
            except httpx.HTTPError as exc:
                self.order_answers[type(exc).__name__] += 1
            time.sleep(0.3)  # a shop retries the same order (same id) until it is accepted

    def orders_sent(self) -> bool:
        return self._order_thread is None or not self._order_thread.is_alive()

    def wait_orders_sent(self, timeout_s: float = 150) -> None:
        if self._order_thread is not None:
            self._order_thread.join(timeout_s)

    # --- counting -------------------------------------------------------------------------------

    def on_network(self) -> Counter:
        """Copies of each target's text on its network and account."""
        wanted = {(t.network, t.account_ref, t.text) for t in self.targets}
        posts = self.chaos.sandbox("GET", "/posts")["posts"]
        return Counter(k for p in posts if not p["deleted"] and (k := (p["network"], p["account"], p["text"])) in wanted)

    def published_on_network(self) -> int:
        return len(self.on_network())

    def wait_published(self, count: int, timeout_s: float = 60) -> None:
        """Until ``count`` targets are on their network: the middle of the burst."""
        deadline = time.monotonic() + timeout_s
        while self.published_on_network() < count and time.monotonic() < deadline:
            time.sleep(0.1)

    def planner_targets(self) -> dict[str, dict]:
        posts, cursor = [], None
        while True:  # every page: the burst is more posts than one page holds
            resp = self.api.planner.get("/posts", params={"limit": 200, **({"cursor": cursor} if cursor else {})},
                                        timeout=30)
            assert resp.status_code == 200, resp.text
            posts += resp.json()["items"]
            if (cursor := resp.json()["next_cursor"]) is None:
                return {t["id"]: t for p in posts for t in p["targets"]}

    def report(self) -> tuple[dict[str, int], dict]:
        """(orders per target in ``/reports/posts``, the ROI totals of ``CURRENCY``)."""
        rows = self.api.attribution.get("/reports/posts", timeout=30)
        assert rows.status_code == 200, rows.text
        per_target = {r["target_id"]: r["orders"] for r in rows.json()["rows"]}
        roi = self.api.attribution.get("/reports/roi", params={"level": "campaign"}, timeout=30)
        assert roi.status_code == 200, roi.text
        totals = next((t for t in roi.json()["totals"] if t["currency"] == CURRENCY),
                      {"orders": 0, "revenue_minor": 0})
        return per_target, totals

    def count(self) -> dict:
        copies = self.on_network()
        planner = self.planner_targets()
        by_text = {}
        for p in self.chaos.sandbox("GET", "/posts")["posts"]:
            if not p["deleted"]:
                by_text.setdefault((p["network"], p["account"], p["text"]), []).append(p["external_id"])
        counts = {"sandbox": {"lost": 0, "duplicated": 0}, "planner": {"lost": 0, "duplicated": 0}}
        for t in self.targets:
            key = (t.network, t.account_ref, t.text)
            counts["sandbox"]["lost"] += copies[key] == 0
            counts["sandbox"]["duplicated"] += max(0, copies[key] - 1)
            row = planner.get(t.id, {})
            counts["planner"]["lost"] += row.get("status") != "published"
            counts["planner"]["duplicated"] += bool(row.get("external_id")) and \
                row["external_id"] not in by_text.get(key, [])[:1]
        if self.with_orders:
            per_target, totals = self.report()
            accepted_targets = {t.id for i, t in enumerate(self.targets) if f"{self.run}-{i}" in self.accepted}
            counts["report"] = {
                "lost": sum(per_target.get(t, 0) == 0 for t in accepted_targets),
                "duplicated": sum(max(0, n - 1) for n in per_target.values()) +
                sum(n for t, n in per_target.items() if t not in accepted_targets),
                "accepted_orders": len(self.accepted), "report_orders": totals["orders"],
                "accepted_minor": sum(self.accepted.values()), "report_minor": totals["revenue_minor"],
            }
            # the totals must be the sum of the accepted orders too: a shortfall is lost, an excess duplicated
            counts["report"]["lost"] += max(0, len(self.accepted) - totals["orders"]) + \
                (totals["revenue_minor"] < sum(self.accepted.values()))
            counts["report"]["duplicated"] += max(0, totals["orders"] - len(self.accepted)) + \
                (totals["revenue_minor"] > sum(self.accepted.values()))
        return counts

    def settled(self) -> bool:
        """Every target on its network once and published in the planner; the reports equal the accepted orders."""
        if not self.orders_sent():
            return False
        counts = self.count()
        return all(c["lost"] == 0 and c["duplicated"] == 0 for c in counts.values())

    def finish(self, fault_ended: float, *, timeout_s: float = 120, extra: dict | None = None) -> Result:
        """Wait until settled (or the timeout), then count."""
        deadline = time.monotonic() + timeout_s
        recover_s = None
        while time.monotonic() < deadline:
            if self.settled():
                recover_s = time.monotonic() - fault_ended
                break
            time.sleep(0.5)
        self.wait_orders_sent(timeout_s=1)
        counts = self.count()
        counts["order_answers"] = {str(k): v for k, v in sorted(self.order_answers.items(), key=str)}
        counts.update(extra or {})
        lost = sum(c["lost"] for c in counts.values() if isinstance(c, dict) and "lost" in c)
        duplicated = sum(c["duplicated"] for c in counts.values() if isinstance(c, dict) and "duplicated" in c)
        return Result(self.case, lost, duplicated, recover_s, counts)


def publisher_outcomes(chaos: ChaosStack) -> Counter:
    """The publisher's ``smm_publish_outcomes_total`` by outcome, from its /metrics (since it started)."""
    text = httpx.get(f"{chaos.url('publisher')}/metrics", timeout=10).text
    found: Counter = Counter()
    for line in text.splitlines():
        if line.startswith("smm_publish_outcomes_total{"):
            outcome = line.split('outcome="', 1)[1].split('"', 1)[0]
            found[outcome] += int(float(line.rsplit(" ", 1)[1]))
    return found


def jsonable(results: list[Result]) -> str:
    return json.dumps({r.case: r.summary() for r in results})


Fault = Callable[[Burst], float]
