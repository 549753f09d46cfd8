"""Throughput of the shared event path against a bare aiokafka loop, measured in the same run.

ours:     consume post.published → inbox claim + handler + outbox row (one transaction per batch)
          → relay → produce engagement.updated
baseline: consume → produce with plain aiokafka, no database

Both drain the same number of pre-filled messages; the figure is messages / seconds
until the last output message is acknowledged. Median of ``--rounds`` runs.
Usage: python bench/bus.py [--quick]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from pathlib import Path

# Run as a script, this folder is first on sys.path and bench/planner.py would shadow the planner package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402
from aiokafka import AIOKafkaConsumer, TopicPartition  # noqa: E402

from bench.common import bench_stack, median  # noqa: E402
from planner.db import Base as PlannerBase  # noqa: E402
from smmkit import events as ev  # noqa: E402
from smmkit.bus import EventConsumer, Subscription, ensure_topics, make_producer  # noqa: E402
from smmkit.app import supervise  # noqa: E402
from smmkit.db import Database  # noqa: E402
from prometheus_client import REGISTRY  # noqa: E402

from smmkit.observability import configure_logging  # noqa: E402
from smmkit.outbox import OutboxRelay  # noqa: E402


def published(tenant: uuid.UUID) -> ev.Envelope:
    now = ev.utcnow()
    return ev.new_event(ev.PostPublished(
        target_id=uuid.uuid4(), post_id=uuid.uuid4(), account_id=uuid.uuid4(), network="mastodon",
        external_id="1", url="https://example/1", scheduled_at=now, published_at=now), tenant_id=tenant)


def produced_count(topic: str) -> float:
    return REGISTRY.get_sample_value("smm_events_produced_total", {"topic": topic}) or 0.0


async def prefill(settings, topic: str, n: int) -> None:
    producer = make_producer(settings)
    await producer.start()
    tenant = uuid.uuid4()
    try:
        futures = []
        for _ in range(n):
            e = published(tenant)
            futures.append(await producer.send(topic, ev.encode(e), key=ev.key_of(e)))
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def wait_produced(before: float, n: int, *, stall_s: float = 180.0) -> None:
    """Until the relay counted ``n`` more engagement.updated (it counts a row once the broker acknowledged it);
    a round that stops moving fails rather than hanging the run."""
    seen, moved_at = produced_count("engagement.updated"), time.monotonic()
    while seen - before < n:
        await asyncio.sleep(0.02)
        now_seen = produced_count("engagement.updated")
        if now_seen != seen:
            seen, moved_at = now_seen, time.monotonic()
        elif time.monotonic() - moved_at > stall_s:
            raise RuntimeError(f"stalled: {seen - before:.0f} of {n} events produced")


async def stop_tasks(tasks: list[asyncio.Task], timeout_s: float = 10.0) -> None:
    """Cancel and wait, bounded: before the relay's own fix, a cancellation could be swallowed by its
    ``wait_for`` (Python 3.11) and the round waited forever for a relay that went on polling."""
    for t in tasks:
        t.cancel()
    await asyncio.wait(tasks, timeout=timeout_s)


async def skip_to_end(settings, group: str, topic: str) -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers, group_id=group,
                                enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer.topics()  # loads the metadata: without it there are no partitions, nothing is skipped,
        # and the new group re-consumed every earlier round's messages too (extra work the figure hid)
        tps = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        if tps:
            consumer.assign(tps)
            await consumer.commit(await consumer.end_offsets(tps))
    finally:
        await consumer.stop()


async def baseline(settings, n: int) -> float:
    src, dst = f"bench.in.{uuid.uuid4().hex[:6]}", f"bench.out.{uuid.uuid4().hex[:6]}"
    await ensure_topics(settings, [src, dst])
    await prefill(settings, src, n)
    consumer = AIOKafkaConsumer(src, bootstrap_servers=settings.kafka_bootstrap_servers, group_id=f"b-{src}",
                                enable_auto_commit=False, auto_offset_reset="earliest",
                                session_timeout_ms=6000, heartbeat_interval_ms=2000)
    producer = make_producer(settings)
    await consumer.start()
    await producer.start()
    try:
        done, started = 0, None
        while done < n:
            batches = await consumer.getmany(timeout_ms=200, max_records=500)
            for tp, msgs in batches.items():
                started = started or time.perf_counter()
                futures = [await producer.send(dst, m.value, key=m.key) for m in msgs]
                await asyncio.gather(*futures)
                await consumer.commit({tp: msgs[-1].offset + 1})
                done += len(msgs)
        return n / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()


async def ours(settings, n: int) -> float:
    db = Database(settings.database_url, PlannerBase.messaging, pool_size=5)
    producer = make_producer(settings)
    await producer.start()
    count = {"in": 0, "t0": None}

    async def on_post_published(event, uow):
        count["t0"] = count["t0"] or time.perf_counter()
        p = event.payload
        uow.emit(ev.new_event(ev.EngagementUpdated(
            target_id=p.target_id, account_id=p.account_id, network=p.network, seq=1, observed_at=ev.utcnow(),
            totals=ev.EngagementCounts(likes=1), deltas=ev.EngagementCounts(likes=1)),
            tenant_id=event.tenant_id, correlation_id=event.correlation_id))

    group = f"bench-{uuid.uuid4().hex[:6]}"
    await skip_to_end(settings, group, "post.published")  # earlier rounds' messages are not ours to count
    await prefill(settings, "post.published", n)
    async with db.engine.begin() as conn:
        await conn.execute(sa.delete(db.messaging.outbox))
    sub = Subscription(group, {"post.published": on_post_published})
    relay = OutboxRelay(db, producer, batch_size=2000, idle_poll_s=0.02)
    # supervised, as in the services (smmkit.app): on this loaded machine a missed heartbeat can fail an offset
    # commit; unsupervised, the round then waited forever for events nobody consumed
    tasks = [asyncio.create_task(supervise("consumer", lambda: EventConsumer(
        sub, db=db, producer=producer, settings=settings).run())), asyncio.create_task(relay.run())]
    before = produced_count("engagement.updated")
    try:
        await wait_produced(before, n)
        return n / (time.perf_counter() - count["t0"])
    finally:
        await stop_tasks(tasks)
        await producer.stop()
        await db.dispose()


async def main(n: int, rounds: int, settings) -> dict:
    await ensure_topics(settings)
    base, mine = [], []
    for _ in range(rounds):
        base.append(await baseline(settings, n))
        mine.append(await ours(settings, n))
    ratio = median(mine) / median(base)
    return {"events": n, "rounds": rounds, "events_per_s": round(median(mine)), "baseline_events_per_s": round(median(base)),
            "ratio": round(ratio, 3)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small run that finishes within a minute")
    args = parser.parse_args()
    n, rounds = (5_000, 3) if args.quick else (50_000, 5)
    configure_logging("bench", level="WARNING")
    with bench_stack() as settings:
        result = asyncio.run(main(n, rounds, settings))
    print(json.dumps(result))
