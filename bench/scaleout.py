"""Scale-out on one machine: 1, 2 and 4 publisher processes, then 1, 2 and 4 metrics processes, same workload.

publishers: the real publisher service (``stack.service_process``, one consumer group, claims shared with
            SKIP LOCKED) behind one planner, one sandbox (latency 50 ms), one broker and one database, as
            bench/publish_burst.py starts them. Each round plans a burst of N targets over 100 tenants and
            5 networks, all due in the same second (bench/publish_burst.py's helpers); throughput = N / the
            time from the due second (or the first arrival, if the intake fell behind) to the last target
            published. CPU counts from the start of planning: the publishers' intake is their work too.
metrics:    K child processes, each what bench/metrics_ingest.py runs in one: poll results fed in claim-sized
            batches to ``engagement.record_batch`` by concurrent workers, and an ``OutboxRelay`` (as every
            replica runs one; the advisory lock lets one of them relay). N tracked targets split over the K
            processes; throughput = N / seconds until N ``engagement.updated`` are on the broker.

For each process count: median of ``--rounds`` rounds of throughput (total and per process), CPU-ms per
unit of the service processes, of the database backends serving this bench's database and of the rest of
the stack, and the machine's CPU saturation over the measured window (busy share of all cores from
/proc/stat, with the load other sessions put on the machine included: the reader sees where the cores
run out). The baseline is 1 process, measured in the same run: ``speedup`` = total throughput / that.

Usage: python bench/scaleout.py [--quick] [--only publisher|metrics]      (last line: one JSON object)
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

# Run as a script, bench/ comes first on sys.path and bench/planner.py would shadow the planner package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import asyncpg  # noqa: E402
import httpx  # noqa: E402

from bench import publish_burst as burst  # noqa: E402
from bench.common import ROOT, bench_stack, median  # noqa: E402
from bench.metrics_ingest import BATCH, WORKERS, track_targets  # noqa: E402
from sandbox.layout import SandboxLayout  # noqa: E402
from smmkit import stack  # noqa: E402
from smmkit.bus import ensure_topics  # noqa: E402
from smmkit.observability import configure_logging  # noqa: E402

PROCESS_COUNTS = (1, 2, 4)
LOG_DIR = ROOT / "var" / "bench" / "scaleout"
T0 = time.perf_counter()


def note(what: str) -> None:
    print(f"[{time.perf_counter() - T0:6.1f}s] {what}", file=sys.stderr, flush=True)


# --- CPU accounting (/proc) -----------------------------------------------------------------------

def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot: busy excludes idle and iowait."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    total = sum(fields[:8])
    return total - idle, total


def saturation(before: tuple[int, int], after: tuple[int, int]) -> float:
    """Busy share of all the machine's cores between two machine_ticks() (1.0 = every core busy)."""
    busy, total = after[0] - before[0], after[1] - before[1]
    return busy / total if total else 0.0


def process_cpu(pids: dict[str, int]) -> dict[str, float]:
    """CPU seconds per process, 0 for one that is gone (bench/publish_burst.py's reader, tolerant)."""
    used = {}
    for name, pid in pids.items():
        try:
            used |= burst.cpu_seconds({name: pid})
        except (FileNotFoundError, ProcessLookupError, IndexError):
            used[name] = 0.0
    return used


async def db_backends(database_url: str) -> dict[str, int]:
    """The PostgreSQL backends connected to this bench's database (visible when the server runs here)."""
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                "AND pid <> pg_backend_pid()")
    finally:
        await conn.close()
    return {f"pg{r['pid']}": r["pid"] for r in rows if Path(f"/proc/{r['pid']}/stat").exists()}


class Window:
    """CPU used by named processes, by the database's backends and by the whole machine over a window."""

    def __init__(self, database_url: str, pids: dict[str, int]):
        self.database_url, self.pids = database_url, pids

    async def __aenter__(self) -> "Window":
        self.db_before = process_cpu(await db_backends(self.database_url))
        self.before = process_cpu(self.pids)
        self.machine_before, self.started = machine_ticks(), time.perf_counter()
        return self

    async def __aexit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.started
        self.machine = saturation(self.machine_before, machine_ticks())
        after = process_cpu(self.pids)
        self.cpu = {name: after[name] - self.before[name] for name in self.pids}
        db_after = process_cpu(await db_backends(self.database_url))
        # a backend opened during the window counts from 0; one closed during it is lost (pools keep theirs)
        self.db_cpu = sum(used - self.db_before.get(pid, 0.0) for pid, used in db_after.items())


def summarize(rounds: list[dict], unit: str, processes: int) -> dict:
    """Medians over rounds, with the spread of the throughput."""
    rates = [r["per_s"] for r in rounds]
    out = {"processes": processes, "rounds": len(rounds),
           f"{unit}_per_s": round(median(rates), 1), f"{unit}_per_s_per_process": round(median(rates) / processes, 1),
           f"{unit}_per_s_spread": [round(min(rates), 1), round(max(rates), 1)],
           "machine_cpu_busy": round(median([r["machine"] for r in rounds]), 3)}
    for key in rounds[0]["cpu_ms"]:
        out[f"cpu_ms_per_{unit}_{key}"] = round(median([r["cpu_ms"][key] for r in rounds]), 3)
    out["service_cores_busy"] = round(median([r["service_cores"] for r in rounds]), 2)
    for extra in ("lateness_p99_s", "arrival_p99_s", "duplicates", "missing"):
        if extra in rounds[0]:
            values = [r[extra] for r in rounds if r[extra] is not None]
            out[extra] = (max(values) if extra in ("duplicates", "missing") else round(median(values), 3)) if values else None
    return out


def with_speedup(results: list[dict], unit: str) -> list[dict]:
    base = results[0][f"{unit}_per_s"]
    return [r | {"speedup_vs_1": round(r[f"{unit}_per_s"] / base, 2) if base else None} for r in results]


# --- publishers ----------------------------------------------------------------------------------

def burst_env(settings, redis: str, sandbox: SandboxLayout) -> dict[str, str]:
    """The environment bench/publish_burst.py gives its processes (its defaults: aiohttp, concurrency 100)."""
    return stack.platform_env(
        database_url=settings.database_url, redis_url=redis, bootstrap=settings.kafka_bootstrap_servers,
        sandbox=sandbox,
        extra={
            "ENVIRONMENT": "test", "OPERATOR_TOKEN": burst.OPERATOR, "SECRET_KEYS": "bench-secret-key",
            "TRACKING_SECRET": "bench-tracking", "KAFKA_PARTITIONS": "6", "LOG_LEVEL": "WARNING",
            "PLANNER_DISPATCH_INTERVAL_S": "0.05", "PLANNER_DISPATCH_BATCH_SIZE": "5000",
            "PUBLISHER_MAX_CONCURRENCY": str(burst.CONCURRENCY), "PUBLISHER_CLAIM_BATCH_SIZE": str(burst.CONCURRENCY),
            "PUBLISHER_POLL_INTERVAL_S": "0.02", "PUBLISHER_HTTP_TRANSPORT": "aiohttp",
        },
    )


async def one_burst(settings, urls: dict[str, str], tenants: list[dict], n: int, pids: dict[str, int],
                    publishers: list[str]) -> dict:
    """One burst, CPU counted from the start of planning (the publishers' intake of post.scheduled is theirs
    too) until the last target is published."""
    run = uuid.uuid4().hex[:6]
    due = datetime.now(timezone.utc) + timedelta(seconds=3 + n / 400)
    async with Window(settings.database_url, pids) as w:
        planned = await burst.plan_burst(urls, tenants, n, run, due)
        lateness, arrival, states = await burst.wait_published(settings.database_url, len(planned),
                                                               due - timedelta(seconds=1), timeout_s=60 + n / 20)
    duplicates, absent = await burst.check_network(urls["sandbox"], planned)
    unfinished = len(planned) - states.get("published", 0) - states.get("failed", 0)
    # Publishing starts at the due time, or when the first target arrives if the intake fell behind (a loaded
    # machine): the rate is then the publishers' whole path, intake included (arrival_p99_s > 0 says so).
    start = max(0.0, min(arrival)) if arrival else 0.0
    drain = max(lateness) - start if lateness else float("inf")
    note(f"  burst of {n}: {len(lateness)} published, states {states}, lateness p50/p99/max "
         f"{burst.percentile(lateness, 0.5) if lateness else None}/{burst.percentile(lateness, 0.99) if lateness else None}/"
         f"{max(lateness, default=0):.2f} s, arrival min/p99 {start:.2f}/"
         f"{burst.percentile(arrival, 0.99) if arrival else None}")
    own = sum(w.cpu[p] for p in publishers)
    return {
        "per_s": len(lateness) / drain if lateness else 0.0,
        "cpu_ms": {"publishers": 1000 * own / n, "db": 1000 * w.db_cpu / n,
                   "planner": 1000 * w.cpu["planner"] / n, "sandbox": 1000 * w.cpu["sandbox"] / n},
        "service_cores": own / w.seconds,
        "machine": w.machine,
        "lateness_p99_s": burst.percentile(lateness, 0.99) if lateness else None,
        "arrival_p99_s": burst.percentile(arrival, 0.99) if arrival else None,
        "duplicates": duplicates, "missing": absent if unfinished == 0 else None,
    }


def publisher_scaleout(settings, n: int, rounds: int) -> list[dict]:
    redis, redis_server = burst.redis_url()
    sandbox = SandboxLayout.on_free_ports()
    env = burst_env(settings, redis, sandbox)
    planner_port = stack.free_port()
    fixed = [stack.sandbox_process(sandbox, env, LOG_DIR, latency_ms=burst.LATENCY_MS),
             stack.service_process("planner", planner_port, env, LOG_DIR)]
    results, tenants = [], None
    try:
        for proc in fixed:
            proc.start()
        for proc in fixed:
            proc.wait_healthy(60)
        for k in PROCESS_COUNTS:
            ports = [stack.free_port() for _ in range(k)]
            publishers = [stack.service_process("publisher", port, env, LOG_DIR / f"p{k}-{i}")
                          for i, port in enumerate(ports)]
            try:
                for proc in publishers:
                    proc.start()
                for proc in publishers:
                    proc.wait_healthy(60)
                urls = {"planner": f"http://127.0.0.1:{planner_port}", "publisher": f"http://127.0.0.1:{ports[0]}",
                        "sandbox": sandbox.control, "mastodon": sandbox.url("mastodon")}
                for attempt in range(3 if tenants is None else 0):
                    try:    # a loaded machine may drop a connection among the ~1,000 setup calls: start over
                        tenants = asyncio.run(burst.setup_tenants(urls, uuid.uuid4().hex[:6]))
                        note("tenants ready")
                        break
                    except httpx.TransportError as exc:
                        note(f"tenant setup failed ({exc!r}), again")
                        if attempt == 2:
                            raise
                pids = {"sandbox": fixed[0].process.pid, "planner": fixed[1].process.pid} | {
                    f"publisher{i}": proc.process.pid for i, proc in enumerate(publishers)}
                names = [f"publisher{i}" for i in range(k)]
                # untimed: pools, prepared statements and HTTP connections of the new processes
                asyncio.run(one_burst(settings, urls, tenants, max(100, n // 10), pids, names))
                done = [asyncio.run(one_burst(settings, urls, tenants, n, pids, names)) for _ in range(rounds)]
                results.append(summarize(done, "target", k))
                note(f"{k} publisher(s): {results[-1]['target_per_s']}/s")
            finally:
                for proc in reversed(publishers):
                    proc.stop()
        return with_speedup(results, "target")
    finally:
        for proc in reversed(fixed):
            proc.stop()
        if redis_server is not None:
            redis_server.stop()


# --- metrics -------------------------------------------------------------------------------------

async def metrics_worker() -> None:
    """A child: the record path of bench/metrics_ingest.py over the ids in BENCH_IDS, plus a relay."""
    from metrics.db import Base as MetricsBase
    from metrics.engagement import service as engagement
    from metrics.engagement.service import PollResult
    from smmkit import events as ev
    from smmkit.bus import make_producer
    from smmkit.db import Database
    from smmkit.outbox import OutboxRelay
    from smmkit.settings import CommonSettings

    settings = CommonSettings(**json.loads(os.environ["BENCH_SETTINGS"]))
    ids = [uuid.UUID(i) for i in json.loads(Path(os.environ["BENCH_IDS"]).read_text())]
    db = Database(settings.database_url, MetricsBase.messaging, pool_size=WORKERS + 2)
    producer = make_producer(settings)
    await producer.start()
    relay_task = asyncio.create_task(OutboxRelay(db, producer, batch_size=2000, idle_poll_s=0.02).run())
    queue = [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)]

    async def worker() -> None:
        while queue:
            batch = queue.pop()
            results = [PollResult(t, ev.EngagementCounts(likes=7, reposts=2, comments=1, views=120)) for t in batch]
            async with db.uow() as uow:
                await engagement.record_batch(uow=uow, results=results, now=ev.utcnow(), polled_by="bench")

    lines = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(lines), sys.stdin)
    print("ready", flush=True)
    await lines.readline()                      # "go"
    await asyncio.gather(*(worker() for _ in range(WORKERS)))
    print("recorded", flush=True)
    await lines.readline()                      # "stop": every event is on the broker
    relay_task.cancel()
    await asyncio.gather(relay_task, return_exceptions=True)
    await producer.stop()
    await db.dispose()


async def unsent(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM metrics.outbox WHERE sent_at IS NULL")


async def metrics_round(settings, n: int, k: int) -> dict:
    from metrics.db import Base as MetricsBase
    from smmkit.db import Database

    db = Database(settings.database_url, MetricsBase.messaging, pool_size=2)
    try:
        ids = await track_targets(db, n)
    finally:
        await db.dispose()
    env = {**os.environ, "BENCH_SETTINGS": settings.model_dump_json(include={
        "database_url", "kafka_bootstrap_servers", "kafka_partitions", "log_level"})}
    children = []
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for i in range(k):
        path = LOG_DIR / f"ids-{os.getpid()}-{i}.json"
        path.write_text(json.dumps([str(t) for t in ids[i::k]]))
        children.append(subprocess.Popen([sys.executable, __file__, "--metrics-worker"], text=True,
                                         env=env | {"BENCH_IDS": str(path)}, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE))
    # The broker's offsets count batches here (tansu), not events: the events are acknowledged once every
    # child has recorded its share and the outbox holds no unsent row (the relay marks rows after the acks).
    conn = await asyncpg.connect(settings.database_url)
    try:
        for child in children:
            assert (await asyncio.to_thread(child.stdout.readline)).strip() == "ready"
        pids = {f"metrics{i}": c.pid for i, c in enumerate(children)}
        async with Window(settings.database_url, pids) as w:
            for child in children:
                child.stdin.write("go\n")
                child.stdin.flush()
            for child in children:
                assert (await asyncio.to_thread(child.stdout.readline)).strip() == "recorded"
            deadline = time.monotonic() + 120 + n / 50
            while await unsent(conn):
                assert time.monotonic() < deadline, "engagement.updated never reached the broker"
                await asyncio.sleep(0.02)
        points = await conn.fetchval("SELECT count(*) FROM metrics.engagement_points WHERE target_id = ANY($1)", ids)
    finally:
        await conn.close()
        for child in children:
            if child.poll() is None:
                try:
                    child.stdin.write("stop\n")
                    child.stdin.flush()
                except BrokenPipeError:
                    pass
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
        for i in range(k):
            (LOG_DIR / f"ids-{os.getpid()}-{i}.json").unlink(missing_ok=True)
    assert points == n, f"expected {n} stored points, found {points}"
    own = sum(w.cpu.values())
    return {"per_s": n / w.seconds, "cpu_ms": {"metrics": 1000 * own / n, "db": 1000 * w.db_cpu / n},
            "service_cores": own / w.seconds, "machine": w.machine}


def metrics_scaleout(settings, n: int, rounds: int) -> list[dict]:
    asyncio.run(metrics_round(settings, max(500, n // 10), 1))     # untimed: a first pass over cold tables
    results = []
    for k in PROCESS_COUNTS:
        done = [asyncio.run(metrics_round(settings, n, k)) for _ in range(rounds)]
        results.append(summarize(done, "event", k))
        note(f"{k} metrics process(es): {results[-1]['event_per_s']}/s")
    return with_speedup(results, "event")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run: small workloads, one round")
    parser.add_argument("--only", choices=("publisher", "metrics"), help="run one half")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per process count (default 3, 1 quick)")
    parser.add_argument("--metrics-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    configure_logging("bench", level="WARNING")
    if args.metrics_worker:
        asyncio.run(metrics_worker())
        return
    rounds = args.rounds or (1 if args.quick else 3)
    targets, events = (300, 3_000) if args.quick else (1_000, 10_000)
    started = datetime.now(timezone.utc)
    result: dict = {"date": started.date().isoformat(), "cores": os.cpu_count(), "rounds": rounds,
                    "load_avg_1m_at_start": round(os.getloadavg()[0], 2)}
    with bench_stack(partitions=6) as settings:
        asyncio.run(ensure_topics(settings))
        if args.only != "metrics":
            result["publisher"] = {"targets_per_burst": targets, "concurrency": burst.CONCURRENCY,
                                   "sandbox_latency_ms": burst.LATENCY_MS,
                                   "by_processes": publisher_scaleout(settings, targets, rounds)}
        if args.only != "publisher":
            result["metrics"] = {"events_per_round": events, "batch": BATCH, "workers_per_process": WORKERS,
                                 "by_processes": metrics_scaleout(settings, events, rounds)}
    # the per-unit costs deploy/capacity.yaml takes: medians at 1 process (the least contended)
    if "publisher" in result:
        one = result["publisher"]["by_processes"][0]
        result["publisher_cpu_ms_per_target"] = one["cpu_ms_per_target_publishers"]
        result["publisher_db_cpu_ms_per_target"] = one["cpu_ms_per_target_db"]
        result["publisher_targets_per_s_per_process"] = one["target_per_s_per_process"]
    if "metrics" in result:
        one = result["metrics"]["by_processes"][0]
        result["metrics_cpu_ms_per_event"] = one["cpu_ms_per_event_metrics"]
        result["metrics_db_cpu_ms_per_event"] = one["cpu_ms_per_event_db"]
        result["metrics_events_per_s_per_process"] = one["event_per_s_per_process"]
    result["seconds"] = round(time.perf_counter() - T0, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
