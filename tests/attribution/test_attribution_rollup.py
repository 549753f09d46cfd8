"""The rollup-backed ROI report equals a plain computation over the raw credits, whatever the range, and stays
so through cancellations, refunds, late joins and first orders moving earlier: before and after the rebuild."""
from __future__ import annotations

import random
import uuid
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from attribution.orders import service as orders
from attribution.reports import rollup
from attribution.reports import service as reports
from smmkit import events as ev
from tests.utils.polling import eventually

LEVEL_COLUMNS = {"post": "post_id", "target": "target_id", "network": "network", "account": "account_id",
                 "campaign": "campaign", "pillar": "pillar", "brand": "brand_id"}
LEVELS = tuple(LEVEL_COLUMNS)
START = datetime(2026, 3, 1, tzinfo=timezone.utc)
DAYS = 40


# --------------------------------------------------------------------------
# The reference: every credit in Python, no rollup, no SQL aggregation


async def reference(attr, tenant_id, level, model, since, until) -> tuple[dict, dict]:
    credits = await attr.rows(
        "SELECT c.order_id, c.currency, c.net_minor, c.counted, c.customer_key, c.ordered_at, c.target_id,"
        " p.post_id, p.network, p.account_id, p.campaign, p.pillar, p.brand_id, u.first_order_at"
        " FROM attribution.order_credits c"
        " JOIN attribution.published_targets p ON p.target_id = c.target_id AND p.tenant_id = c.tenant_id"
        " LEFT JOIN attribution.customers u ON u.tenant_id = c.tenant_id AND u.customer_key = c.customer_key"
        " WHERE c.tenant_id = :t AND c.model = :m", t=tenant_id, m=model)
    lines: dict = {}
    totals: dict = {}
    for c in credits:
        if since is not None and (c.ordered_at is None or c.ordered_at < since):
            continue
        if until is not None and (c.ordered_at is None or c.ordered_at >= until):
            continue
        key = getattr(c, LEVEL_COLUMNS[level])
        new = since is None and until is None or c.first_order_at is not None and (
            since is None or c.first_order_at >= since) and (until is None or c.first_order_at < until)
        for book, k in ((lines, (None if key is None else str(key), c.currency)), (totals, c.currency)):
            line = book.setdefault(k, {"revenue_minor": 0, "orders": set(), "customers": set(), "new": set()})
            line["revenue_minor"] += c.net_minor or 0
            if c.counted:
                line["orders"].add(c.order_id)
                if c.customer_key is not None:
                    line["customers"].add(c.customer_key)
                    if new:
                        line["new"].add(c.customer_key)

    def flat(line):
        return (line["revenue_minor"], len(line["orders"]), len(line["customers"]), len(line["new"]))
    return {k: flat(v) for k, v in lines.items()}, {k: flat(v) for k, v in totals.items()}


def figures(report) -> tuple[dict, dict]:
    def flat(r):
        return (r["revenue_minor"], r["orders"], r["customers"], r["new_customers"])
    return ({(r["key"], r["currency"]): flat(r) for r in report["rows"]},
            {r["currency"]: flat(r) for r in report["totals"]})


def random_ranges(rng: random.Random, n: int) -> list[tuple[datetime | None, datetime | None]]:
    def instant():
        day = START + timedelta(days=rng.randrange(-2, DAYS + 2))
        return day if rng.random() < 0.3 else day + timedelta(seconds=rng.randrange(86400),
                                                              microseconds=rng.randrange(1_000_000))
    ranges = [(None, None), (START + timedelta(days=3), START + timedelta(days=3)),
              (START + timedelta(days=5, hours=7), START + timedelta(days=5, hours=19)),   # inside one day
              (START + timedelta(days=5, hours=20), START + timedelta(days=6, hours=2))]   # across one midnight
    for _ in range(n):
        a, b = instant(), instant()
        ranges.append((min(a, b), max(a, b)) if rng.random() < 0.9 else (max(a, b), min(a, b)))
    ranges += [(None, instant()), (instant(), None)]
    return ranges


async def assert_matches(attr, tenant_id, ranges, models=("last_touch", "linear"), levels=LEVELS) -> int:
    """Compare every report; returns how many lines were compared (so a test cannot pass on empty reports)."""
    compared = 0
    for model in models:
        for level in levels:
            for since, until in ranges:
                async with attr.runtime.db.uow() as uow:
                    got = figures(await reports.roi_report(uow=uow, tenant_id=tenant_id, level=level, model=model,
                                                           since=since, until=until))
                want = await reference(attr, tenant_id, level, model, since, until)
                assert got == want, (model, level, since, until)
                compared += len(want[0])
    return compared


# --------------------------------------------------------------------------
# Driving the service in-process (the real order path, without waiting for the broker)


@asynccontextmanager
async def rebuilds_paused(attr):
    """Hold the rebuild lock, so the background job leaves the dirty days dirty."""
    async with attr.runtime.db.engine.connect() as conn:
        await conn.execute(sa.select(sa.func.pg_advisory_lock(rollup.REBUILD_LOCK)))
        try:
            yield
        finally:
            await conn.execute(sa.select(sa.func.pg_advisory_unlock(rollup.REBUILD_LOCK)))


async def dirty_marks(attr, tenant_id) -> int:
    return await attr.scalar("SELECT count(*) FROM attribution.report_dirty_days WHERE tenant_id = :t", t=tenant_id)


async def rebuild(attr, tenant_id) -> None:
    async def clean():
        async with attr.runtime.db.uow() as uow:
            await rollup.rebuild_dirty(uow=uow, max_days=1000)
            await uow.commit()
        return await dirty_marks(attr, tenant_id) == 0
    await eventually(clean, what="dirty days rebuilt")
    assert await attr.scalar("SELECT count(*) FROM attribution.report_days WHERE tenant_id = :t", t=tenant_id) > 0


async def record(attr, tenant_id, external_id, at, total, *, currency="EUR", customer=None, visitor=None,
                 target=None) -> uuid.UUID:
    order_id = orders.order_id_for(tenant_id, "api", external_id)
    async with attr.runtime.db.uow() as uow:
        await orders.record(uow=uow, event=ev.new_event(ev.OrderCreated(
            order_id=order_id, external_id=external_id, source="api", ordered_at=at, customer_id=customer,
            visitor_id=visitor, total_minor=total, currency=currency,
            utm=ev.UTM(content=str(target) if target else None)), tenant_id=tenant_id))
        await uow.commit()
    return order_id


async def adjust(attr, tenant_id, order_id, ref, kind, amount=0) -> None:
    async with attr.runtime.db.uow() as uow:
        assert await orders.adjust(uow=uow, tenant_id=tenant_id, order_id=order_id, ref=ref, kind=kind,
                                   amount_minor=amount)
        await uow.commit()


async def publish(attr, tenant_id, target_id, campaign) -> None:
    now = datetime.now(timezone.utc)
    async with attr.runtime.db.uow() as uow:
        await orders.track_target(uow=uow, event=ev.new_event(ev.PostPublished(
            target_id=target_id, post_id=uuid.uuid4(), account_id=uuid.uuid4(), network="x", external_id="1",
            url="https://social.example/1", scheduled_at=now, published_at=now, campaign=campaign, pillar=None,
            brand_id=None), tenant_id=tenant_id))
        await uow.commit()


async def shop(attr, rng: random.Random, n_orders: int):
    """Targets over a few campaigns (one without), clicks for multi-touch journeys, and random orders."""
    tenant = await attr.tenant("rollup")
    brand, account = uuid.uuid4(), uuid.uuid4()
    targets = []
    for i, campaign in enumerate(["autumn", "autumn", "winter", None, "spring"]):
        targets.append(await attr.publish_target(
            tenant.id, campaign=campaign, network=["x", "mastodon"][i % 2], pillar=[None, "sell"][i % 2],
            brand_id=[brand, None][i % 2], account_id=[account, uuid.uuid4()][i % 2]))
    # Visitors with clicks on two or three targets: their orders spread credit over targets (and campaigns).
    clicks = []
    for v in range(6):
        for j in range(rng.randrange(2, 4)):
            clicks.append({"c": f"{tenant.id}-{v}-{j}", "target": rng.choice(targets), "t": tenant.id,
                           "at": START + timedelta(days=rng.randrange(DAYS), hours=j), "v": f"vis{v}"})
    async with attr.runtime.db.engine.begin() as conn:
        await conn.execute(sa.text(
            "INSERT INTO attribution.clicks (click_id, target_id, tenant_id, clicked_at, visitor_id, user_agent)"
            " VALUES (:c, :target, :t, :at, :v, 'Mozilla/5.0')"), clicks)
    placed = []
    for i in range(n_orders):
        at = START + timedelta(days=rng.randrange(DAYS), seconds=rng.randrange(86400))
        visitor = f"vis{rng.randrange(6)}" if rng.random() < 0.25 else None
        if visitor:   # right after one of the visitor's clicks, inside the window
            at = rng.choice([c["at"] for c in clicks if c["v"] == visitor]) + timedelta(hours=3)
        customer = f"cu{rng.randrange(25)}" if rng.random() < 0.85 else None
        target = rng.choice(targets) if rng.random() < 0.9 else None
        placed.append(await record(attr, tenant.id, f"o{i}", at, rng.randrange(100, 10_000),
                                   currency="USD" if rng.random() < 0.2 else "EUR", customer=customer,
                                   visitor=visitor, target=target))
    return tenant, targets, placed


# --------------------------------------------------------------------------


async def test_rollup_report_equals_raw_credits_before_and_after_rebuilds_and_reversals(attr):
    rng = random.Random(20261126)
    async with rebuilds_paused(attr):
        tenant, targets, placed = await shop(attr, rng, 160)
        assert await dirty_marks(attr, tenant.id) > 0
        ranges = random_ranges(rng, 8)
        assert await assert_matches(attr, tenant.id, ranges) > 0             # all days dirty: read raw

    await rebuild(attr, tenant.id)
    ranges = random_ranges(rng, 14)
    assert await assert_matches(attr, tenant.id, ranges, models=("last_touch", "linear", "time_decay")) > 0

    async with rebuilds_paused(attr):   # reversals on some days, not yet rolled up
        for i, order_id in enumerate(rng.sample(placed, 30)):
            if i % 3 == 0:
                await adjust(attr, tenant.id, order_id, "cancel", "cancelled")
            else:
                await adjust(attr, tenant.id, order_id, f"r{i}", "refund", rng.choice([1, 50, 100_000]))
        assert await dirty_marks(attr, tenant.id) > 0
        ranges = random_ranges(rng, 8)
        assert await assert_matches(attr, tenant.id, ranges) > 0

    await rebuild(attr, tenant.id)
    assert await assert_matches(attr, tenant.id, ranges) > 0
    cancelled = await attr.scalar("SELECT count(*) FROM attribution.order_credits WHERE tenant_id = :t"
                                  " AND NOT counted", t=tenant.id)
    assert cancelled > 0   # the reversals reached the credits the reports were compared on


async def test_late_join_and_first_order_moving_earlier(attr):
    rng = random.Random(7)
    async with rebuilds_paused(attr):
        tenant, targets, _ = await shop(attr, rng, 60)
        late = uuid.uuid4()   # orders name a target whose post.published has not arrived yet
        for i in range(4):
            await record(attr, tenant.id, f"late{i}", START + timedelta(days=10 + i, hours=5), 700,
                         customer=f"late-cu{i % 2}", target=late)
        await record(attr, tenant.id, "c-later", START + timedelta(days=20, hours=9), 900, customer="mover",
                     target=targets[0])
        await record(attr, tenant.id, "c-latest", START + timedelta(days=30, hours=9), 900, customer="mover",
                     target=targets[2])
    await rebuild(attr, tenant.id)
    ranges = [(START + timedelta(days=12, hours=1), START + timedelta(days=35)),
              (START + timedelta(days=15), START + timedelta(days=31)), (None, None),
              (START + timedelta(days=9, hours=23), START + timedelta(days=14))]
    before = await assert_matches(attr, tenant.id, ranges, levels=("campaign", "target"))

    async with rebuilds_paused(attr):
        await publish(attr, tenant.id, late, "late-campaign")   # the re-join credits the waiting orders
        # the mover's first order moves from day 20 to day 12, by an order that joins no post at all
        await record(attr, tenant.id, "c-first", START + timedelta(days=12, hours=3), 500, customer="mover")
        assert await dirty_marks(attr, tenant.id) > 0
        assert await attr.scalar("SELECT count(*) FROM attribution.order_credits WHERE target_id = :t",
                                 t=late) > 0
        after = await assert_matches(attr, tenant.id, ranges, levels=("campaign", "target"))
        assert after > before
        async with attr.runtime.db.uow() as uow:   # day 15..31: the mover is a customer there, but not new any more
            report = await reports.roi_report(uow=uow, tenant_id=tenant.id, level="campaign", model="last_touch",
                                              since=START + timedelta(days=15), until=START + timedelta(days=31))
        want = await reference(attr, tenant.id, "campaign", "last_touch", START + timedelta(days=15),
                               START + timedelta(days=31))
        assert figures(report)[1] == want[1]
    await rebuild(attr, tenant.id)
    assert await assert_matches(attr, tenant.id, ranges, levels=("campaign", "target")) == after
    first_day = await attr.scalar("SELECT day FROM attribution.report_first_orders WHERE tenant_id = :t"
                                  " AND position(int8send(hashtextextended('c:mover', 0)) IN customers) > 0",
                                  t=tenant.id)
    assert first_day == (START + timedelta(days=12)).date()
