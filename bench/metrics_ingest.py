"""Throughput of the metrics record path against a bare aiokafka loop, measured in the same run.

ours:     poll results (changed totals for tracked targets) fed in claim-sized batches into
          ``engagement.record_batch`` (one transaction per batch: SELECT ... FOR UPDATE, one
          INSERT of points, one UPDATE of targets, outbox rows) → relay → ``engagement.updated``
          on the broker. Several batches are recorded concurrently, as several pollers would.
baseline: consume → produce with plain aiokafka over the same number of messages, no database
          (the same loop as bench/bus.py).

The figure is results / seconds until the last event is acknowledged by the broker. Median of
``--rounds`` runs. Usage: python bench/metrics_ingest.py [--quick]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from pathlib import Path

# The repository root, not bench/, must resolve service packages (bench/ may hold e.g. planner.py).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from bench.bus import baseline, produced_count, stop_tasks, wait_produced  # noqa: E402 - the same bare loop as bench/bus.py
from bench.common import bench_stack, median  # noqa: E402
from metrics.db import Base as MetricsBase  # noqa: E402
from metrics.engagement import service as engagement  # noqa: E402
from metrics.engagement.service import PollResult  # noqa: E402
from smmkit import events as ev  # noqa: E402
from smmkit.bus import ensure_topics, make_producer  # noqa: E402
from smmkit.db import Database  # noqa: E402
from smmkit.observability import configure_logging  # noqa: E402
from smmkit.outbox import OutboxRelay  # noqa: E402

BATCH, WORKERS = 500, 4


async def track_targets(db: Database, n: int) -> list[uuid.UUID]:
    tenant, now = uuid.uuid4(), ev.utcnow()
    ids = [uuid.uuid4() for _ in range(n)]
    async with db.engine.begin() as conn:
        await conn.execute(sa.text(
            "INSERT INTO metrics.tracked_targets (target_id, tenant_id, account_id, network, external_id, url, "
            "published_at, next_poll_at, seq, deleted, polls) "
            "SELECT id, :tenant, :tenant, 'mastodon', id::text, 'https://example/x', :now, NULL, 0, false, 0 "
            "FROM unnest(CAST(:ids AS uuid[])) AS id"), {"tenant": tenant, "now": now, "ids": ids})
    return ids


async def ours(settings, n: int) -> float:
    db = Database(settings.database_url, MetricsBase.messaging, pool_size=WORKERS + 2)
    producer = make_producer(settings)
    await producer.start()
    ids = await track_targets(db, n)
    async with db.engine.begin() as conn:
        await conn.execute(sa.delete(db.messaging.outbox))
    relay = OutboxRelay(db, producer, batch_size=2000, idle_poll_s=0.02)
    relay_task = asyncio.create_task(relay.run())
    batches = [ids[i:i + BATCH] for i in range(0, n, BATCH)]
    queue: asyncio.Queue = asyncio.Queue()
    for batch in batches:
        queue.put_nowait(batch)

    async def worker() -> None:
        while not queue.empty():
            batch = queue.get_nowait()
            results = [PollResult(t, ev.EngagementCounts(likes=7, reposts=2, comments=1, views=120)) for t in batch]
            async with db.uow() as uow:
                await engagement.record_batch(uow=uow, results=results, now=ev.utcnow(), polled_by="bench")

    before = produced_count("engagement.updated")
    started = time.perf_counter()
    try:
        await asyncio.gather(*(worker() for _ in range(WORKERS)))
        await wait_produced(before, n)
        elapsed = time.perf_counter() - started
        async with db.engine.connect() as conn:
            points = await conn.scalar(sa.text("SELECT count(*) FROM metrics.engagement_points "
                                               "WHERE target_id = ANY(:ids)"), {"ids": ids})
        assert points == n, f"expected {n} stored points, found {points}"
        return n / elapsed
    finally:
        await stop_tasks([relay_task])
        await producer.stop()
        await db.dispose()


async def main(n: int, rounds: int, settings) -> dict:
    await ensure_topics(settings)
    base, mine = [], []
    for _ in range(rounds):
        base.append(await baseline(settings, n))
        mine.append(await ours(settings, n))
    return {"poll_results": n, "rounds": rounds, "batch": BATCH, "workers": WORKERS,
            "points_per_s": round(median(mine)), "baseline_per_s": round(median(base)),
            "ratio": round(median(mine) / median(base), 3)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small run that finishes within a minute")
    args = parser.parse_args()
    n, rounds = (5_000, 3) if args.quick else (50_000, 5)
    configure_logging("bench", level="WARNING")
    with bench_stack() as settings:
        result = asyncio.run(main(n, rounds, settings))
    print(json.dumps(result))
