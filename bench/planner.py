"""Planner hot paths against bare baselines measured in the same run.

import_rows_per_s   validated CSV import (parse, per-network rules, quotas, set-based INSERTs, history rows)
                    baseline: asyncpg COPY of the same rows into an unindexed table (no parsing, no checks)
calendar_p95_ms     month view over 10,000 posts (one query, JSON built by PostgreSQL, in the asked zone): every day
                    with its count and its first 50 items (the API's month default); calendar_all_items_p95_ms
                    lists all 10,000
                    baseline: a bare SELECT of the same rows and columns, fetched by asyncpg
dispatch_spread_s   10,000 targets due at the same second: from that second until the last post.scheduled is
                    acknowledged by the broker (the real dispatcher job + outbox relay)
                    baseline: producing the same 10,000 encoded events with a bare aiokafka loop

Usage: python bench/planner.py [--quick]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

# this file is bench/planner.py: keep its folder off the path so ``import planner`` finds the service package
_here = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
sys.path.insert(0, str(_here.parent))

import asyncpg  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from prometheus_client import REGISTRY  # noqa: E402

from bench.common import bench_stack, median  # noqa: E402
from planner import jobs  # noqa: E402
from planner.calendar import service as calendar  # noqa: E402
from planner.db import Base  # noqa: E402
from planner.imports import service as imports  # noqa: E402
from planner.settings import PlannerSettings  # noqa: E402
from smmkit import events as ev  # noqa: E402
from smmkit.bus import ensure_topics, make_producer  # noqa: E402
from smmkit.db import Database  # noqa: E402
from smmkit.observability import configure_logging  # noqa: E402
from smmkit.outbox import OutboxRelay  # noqa: E402

UTC = timezone.utc
NETWORKS = ("mastodon", "telegram", "bluesky", "facebook")


def plain_url(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def make_accounts(db: Database, tenant: uuid.UUID, n: int = 8) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in range(n)]
    async with db.engine.begin() as conn:
        await conn.execute(sa.text(
            "INSERT INTO planner.accounts (id, tenant_id, network, handle, account_ref, timezone, created_at) "
            "SELECT id, :t, net, '@' || left(id::text, 8), left(id::text, 8), 'Europe/Berlin', now() "
            "FROM unnest(CAST(:ids AS uuid[]), CAST(:nets AS text[])) AS u(id, net)"),
            {"t": tenant, "ids": ids, "nets": [NETWORKS[i % len(NETWORKS)] for i in range(n)]})
    return ids


def csv_rows(accounts: list[uuid.UUID], n: int, start: datetime) -> tuple[bytes, list[tuple]]:
    lines = ["scheduled_at,timezone,accounts,text,media_urls,pillar,campaign"]
    records = []
    pillars = ("engage", "warm_up", "sell")
    for i in range(n):
        when = (start + timedelta(minutes=11 * i)).replace(tzinfo=None)
        acc = accounts[i % len(accounts)]
        text = f"Post number {i}: fresh roast, new blend"
        lines.append(f"{when.isoformat()},Europe/Berlin,{acc},\"{text}\",https://cdn.example/{i}.jpg,"
                     f"{pillars[i % 3]},spring")
        records.append((uuid.uuid4(), acc, text, when.replace(tzinfo=UTC), pillars[i % 3]))
    return "\n".join(lines).encode(), records


async def bench_import(db: Database, url: str, n: int, rounds: int) -> tuple[float, float]:
    ours, base = [], []
    for r in range(rounds):
        tenant = uuid.uuid4()
        accounts = await make_accounts(db, tenant)
        content, records = csv_rows(accounts, n, datetime(2031, 1, 1, tzinfo=UTC) + timedelta(days=400 * r))
        t0 = time.perf_counter()
        async with db.uow() as uow:
            try:
                result = await imports.import_posts(uow=uow, tenant_id=tenant, content=content, fmt="csv")
            except imports.ImportRejected as exc:
                raise SystemExit(f"import rejected: {exc.extra['errors'][:3]}") from None
            await uow.commit()
        ours.append(n / (time.perf_counter() - t0))
        assert result["imported"] == n, result["errors"][:3]

        conn = await asyncpg.connect(plain_url(url))
        try:
            await conn.execute("CREATE TEMP TABLE copy_base (id uuid, account_id uuid, text text, "
                               "scheduled_at timestamptz, pillar text)")
            t0 = time.perf_counter()
            await conn.copy_records_to_table("copy_base", records=records)
            base.append(n / (time.perf_counter() - t0))
        finally:
            await conn.close()
    return median(ours), median(base)


async def seed_month(db: Database, n: int) -> uuid.UUID:
    """``n`` posts (one target each) spread over March 2031 for one tenant, plus another tenant's noise."""
    tenant = uuid.uuid4()
    accounts = await make_accounts(db, tenant)
    async with db.engine.begin() as conn:
        await conn.execute(sa.text("""
            WITH p AS (
                INSERT INTO planner.posts (id, tenant_id, text, pillar, campaign, links, media, tags, status, created_at)
                SELECT gen_random_uuid(), :t, 'Calendar post ' || g, (ARRAY['engage','warm_up','sell'])[1 + g % 3],
                       'spring', '[]', '[]', '[]', 'scheduled', now()
                  FROM generate_series(1, :n) g
                RETURNING id)
            INSERT INTO planner.post_targets (id, tenant_id, post_id, account_id, network, status, scheduled_at,
                                              dispatch_count)
            SELECT gen_random_uuid(), :t, p.id, (CAST(:acc AS uuid[]))[1 + (row_number() OVER ()) % 8], 'mastodon',
                   'scheduled', timestamptz '2031-03-01 00:00+01' + (random() * interval '30 days'), 0
              FROM p"""), {"t": tenant, "n": n, "acc": accounts})
        await conn.execute(sa.text("ANALYZE planner.post_targets"))
        await conn.execute(sa.text("ANALYZE planner.posts"))
    return tenant


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


async def bench_calendar(db: Database, url: str, n: int, runs: int) -> tuple[float, float, float, int]:
    tenant = await seed_month(db, n)
    ours, full, base, total = [], [], [], 0
    for per_day, out in ((50, ours), (None, full)):  # the month view (50 listed per day) and every item listed
        for _ in range(runs):
            t0 = time.perf_counter()
            async with db.uow() as uow:
                doc = await calendar.calendar_json(uow=uow, tenant_id=tenant, first=date(2031, 3, 1),
                                                   last=date(2031, 3, 31), tz_name="Europe/Berlin",
                                                   filters=calendar.Filters(), per_day=per_day)
            out.append((time.perf_counter() - t0) * 1000)
            total = json.loads(doc)["total"]
    conn = await asyncpg.connect(plain_url(url))
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            await conn.fetch(
                "SELECT t.id, t.post_id, t.account_id, t.network, t.scheduled_at, t.status, p.status, "
                "left(coalesce(t.text_override, p.text), 140), p.campaign, p.pillar, p.brand_id, t.url "
                "FROM planner.post_targets t JOIN planner.posts p ON p.id = t.post_id "
                "WHERE t.tenant_id = $1 AND t.scheduled_at >= $2 AND t.scheduled_at < $3 ORDER BY t.scheduled_at",
                tenant, datetime(2031, 2, 28, 23, tzinfo=UTC), datetime(2031, 3, 31, 22, tzinfo=UTC))
            base.append((time.perf_counter() - t0) * 1000)
    finally:
        await conn.close()
    return p95(ours), p95(full), p95(base), total


def produced(topic: str) -> float:
    return REGISTRY.get_sample_value("smm_events_produced_total", {"topic": topic}) or 0.0


async def bench_dispatch(db: Database, settings, n: int, cfg: PlannerSettings) -> tuple[float, float]:
    tenant = uuid.uuid4()
    accounts = await make_accounts(db, tenant)
    due = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    async with db.engine.begin() as conn:
        await conn.execute(sa.text("DELETE FROM planner.outbox"))
        await conn.execute(sa.text("UPDATE planner.post_targets SET status = 'cancelled' WHERE status = 'scheduled'"))
        await conn.execute(sa.text("""
            WITH p AS (
                INSERT INTO planner.posts (id, tenant_id, text, links, media, tags, status, created_at)
                SELECT gen_random_uuid(), :t, 'Due post ' || g, '[]', '[{"url": "https://cdn.example/a.jpg",
                       "kind": "image"}]', '[]', 'scheduled', now()
                  FROM generate_series(1, :n) g RETURNING id)
            INSERT INTO planner.post_targets (id, tenant_id, post_id, account_id, network, status, scheduled_at,
                                              dispatch_count)
            SELECT gen_random_uuid(), :t, p.id, (CAST(:acc AS uuid[]))[1 + (row_number() OVER ()) % 8], 'mastodon',
                   'scheduled', :due, 0 FROM p"""), {"t": tenant, "n": n, "acc": accounts, "due": due})
    producer = make_producer(settings)
    await producer.start()
    runtime = SimpleNamespace(db=db, service_settings=cfg)
    relay = OutboxRelay(db, producer)
    before = produced("post.scheduled")
    tasks = [asyncio.create_task(jobs.dispatch_due_targets(runtime)), asyncio.create_task(relay.run())]
    try:
        while produced("post.scheduled") - before < n:
            await asyncio.sleep(0.005)
        spread = (datetime.now(UTC) - due).total_seconds()
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    # baseline: the same number of post.scheduled envelopes, encoded up front, produced bare
    bodies = [ev.encode(ev.new_event(ev.PostScheduled(
        target_id=uuid.uuid4(), post_id=uuid.uuid4(), account_id=accounts[0], network="mastodon", account_ref="x",
        text=f"Due post {i}", scheduled_at=due), tenant_id=tenant)) for i in range(n)]
    topic = f"bench.scheduled.{uuid.uuid4().hex[:6]}"
    await ensure_topics(settings, [topic])
    try:
        t0 = time.perf_counter()
        futures = [await producer.send(topic, b, key=str(i).encode()) for i, b in enumerate(bodies)]
        await asyncio.gather(*futures)
        base = time.perf_counter() - t0
    finally:
        await producer.stop()
    return spread, base


async def main(quick: bool, settings) -> dict:
    await ensure_topics(settings)
    db = Database(settings.database_url, Base.messaging, pool_size=5)
    cfg = PlannerSettings()
    try:
        import_n, rounds = (5_000, 2) if quick else (20_000, 3)
        ours_import, base_import = await bench_import(db, settings.database_url, import_n, rounds)
        cal_p95, cal_full, cal_base, total = await bench_calendar(db, settings.database_url, 10_000, 30 if quick else 100)
        spread, produce_s = await bench_dispatch(db, settings, 10_000, cfg)
    finally:
        await db.dispose()
    return {
        "import_rows": import_n, "import_rows_per_s": round(ours_import),
        "baseline_copy_rows_per_s": round(base_import), "import_ratio": round(ours_import / base_import, 3),
        "calendar_posts": total, "calendar_p95_ms": round(cal_p95, 1), "calendar_all_items_p95_ms": round(cal_full, 1), "baseline_select_p95_ms": round(cal_base, 1),
        "calendar_ratio": round(cal_p95 / cal_base, 2),
        "dispatch_targets": 10_000, "dispatch_spread_s": round(spread, 3),
        "baseline_produce_s": round(produce_s, 3), "dispatch_ratio": round(spread / produce_s, 2),
        "dispatch_batch_size": cfg.dispatch_batch_size, "dispatch_interval_s": cfg.dispatch_interval_s,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small run that finishes within a minute")
    args = parser.parse_args()
    configure_logging("bench", level="WARNING")
    with bench_stack() as settings:
        result = asyncio.run(main(args.quick, settings))
    print(json.dumps(result))
