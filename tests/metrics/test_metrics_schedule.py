"""The decaying polling schedule, driven by an injected clock, the tenant's plan (the operator's) and own bands
never faster than it, and the spread of
a burst of targets published in the same minute."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from metrics import jobs
from metrics.engagement import service as engagement
from metrics.engagement.schedule import DEFAULT_SCHEDULE, first_poll_at, next_poll_at, phase_of
from metrics.plans import service as plans
from metrics.plans.schemas import Band, ScheduleSettings
from metrics_netposts import publish
from metrics_testkit import target_row
from smmkit import events as ev
from smmkit import plans as smmkit_plans
from smmkit.plans import QuotaExceeded

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
MIN, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def walk(published_at: datetime, target_id=None, schedule=DEFAULT_SCHEDULE) -> list[datetime]:
    """Every poll time of one post, polling exactly when due on a controllable clock."""
    clock = Clock(first_poll_at(published_at, target_id, schedule) if target_id else published_at)
    polls = []
    while True:
        polls.append(clock.now)
        due = next_poll_at(published_at, clock.now, schedule, target_id)
        if due is None:
            return polls
        clock.advance(due - clock.now)


def test_default_schedule_decays_from_five_minutes_to_hourly_to_daily_then_stops():
    polls = walk(T0)
    gaps = [b - a for a, b in zip(polls, polls[1:])]
    first_hour = [g for p, g in zip(polls, gaps) if p - T0 < HOUR]
    first_days = [g for p, g in zip(polls, gaps) if HOUR <= p - T0 < 2 * DAY]
    later = [g for p, g in zip(polls, gaps) if 2 * DAY <= p - T0]
    assert set(first_hour) == {5 * MIN} and len(first_hour) == 12
    assert set(first_days) == {HOUR}
    assert set(later) == {DAY}
    assert polls[-1] - T0 >= 30 * DAY - DAY and polls[-1] - T0 < 31 * DAY
    assert next_poll_at(T0, T0 + 30 * DAY) is None, "older than the last band: polling stops"


def test_jitter_is_deterministic_per_target_and_polls_stay_in_the_targets_slot():
    target = uuid.uuid4()
    assert phase_of(target) == phase_of(uuid.UUID(str(target)))
    polls = walk(T0, target)
    assert polls == walk(T0, target)
    gaps = [b - a for a, b in zip(polls, polls[1:])]
    assert len(polls) < 12 + 47 + 29 + 3, "never more often than the bands say"
    assert polls[0] - T0 < timedelta(seconds=10), "the first poll comes within seconds of publication"
    for t in (uuid.uuid4() for _ in range(50)):
        now = T0 + 10 * MIN + timedelta(seconds=7)
        nxt = next_poll_at(T0, now, DEFAULT_SCHEDULE, t)
        assert 2.5 * MIN <= nxt - now < 7.5 * MIN
        assert next_poll_at(T0, nxt, DEFAULT_SCHEDULE, t) - nxt == 5 * MIN, "then exactly once per interval"
    hourly = [g for p, g in zip(polls, gaps) if 2 * HOUR <= p - T0 < 2 * DAY - HOUR]
    assert set(hourly) == {HOUR}


def test_a_burst_published_in_one_minute_is_spread_over_the_polling_interval():
    targets = [uuid.uuid4() for _ in range(3000)]
    published = {t: T0 + timedelta(seconds=i % 60) for i, t in enumerate(targets)}
    first = {t: first_poll_at(published[t], t) for t in targets}
    assert all(timedelta(0) <= first[t] - published[t] < timedelta(seconds=10) for t in targets)
    second = {t: next_poll_at(published[t], first[t], DEFAULT_SCHEDULE, t) for t in targets}
    third = {t: next_poll_at(published[t], second[t], DEFAULT_SCHEDULE, t) for t in targets}

    for round_ in (second, third):
        per_10s: dict[int, int] = {}
        for at in round_.values():
            slot = int(at.timestamp() // 10)
            per_10s[slot] = per_10s.get(slot, 0) + 1
        # 3000 polls over 5 minutes is 100 per 10 s if even; lock-step would put them all in a few slots
        assert len(per_10s) >= 30 and max(per_10s.values()) < 200, sorted(per_10s.values())[-5:]
        assert max(round_.values()) - min(round_.values()) > 4.5 * MIN
    assert all(third[t] - second[t] == 5 * MIN for t in targets), "once per interval, in its own slot"
    # where bursts land in the same second, a wider first-poll spread (METRICS_FIRST_POLL_SPREAD_S) spreads them too
    wide = [first_poll_at(T0, t, DEFAULT_SCHEDULE, 5 * MIN) for t in targets]
    assert max(wide) - min(wide) > 4.5 * MIN
    assert max(sum(1 for w in wide if int((w - T0).total_seconds() // 10) == k) for k in range(30)) < 200


async def test_tenant_plan_and_own_bands_drive_the_schedule(db, new_tenant, track, make_due):
    tenant, _ = await new_tenant()
    async with db.uow() as uow:
        assert (await plans.get(session=uow.session, tenant_id=tenant)).plan == "standard"
    await smmkit_plans.assign(engine=db.engine, tenant_id=tenant, plan="pro")  # the operator's assignment
    now = datetime.now(timezone.utc)
    target = await track(tenant, network="mastodon", external_id="1", published_at=now)
    await make_due(target)
    async with db.uow() as uow:
        await engagement.record_poll(uow=uow, target_id=target, totals=ev.EngagementCounts(likes=1), now=now)
    async with db.engine.connect() as conn:
        nxt = await conn.scalar(sa.text("SELECT next_poll_at FROM metrics.tracked_targets WHERE target_id=:t"),
                                {"t": target})
    assert MIN <= nxt - now < 3 * MIN, "pro plan: every 2 minutes (in the target's slot)"

    async with db.uow() as uow:
        with pytest.raises(QuotaExceeded) as faster:
            await plans.put(session=uow.session, tenant_id=tenant, settings_in=ScheduleSettings(
                bands=[Band(until_s=600, every_s=30)]))
    assert (faster.value.extra["limit"], faster.value.extra["allowed"]) == ("metrics_poll_bands", 120)
    async with db.uow() as uow:
        read = await plans.put(session=uow.session, tenant_id=tenant, settings_in=ScheduleSettings(
            bands=[Band(until_s=600, every_s=150)]))
        await uow.commit()
    assert [b.every_s for b in read.effective_bands] == [150]
    await smmkit_plans.assign(engine=db.engine, tenant_id=tenant, plan="free")  # lowered: own bands slow down
    async with db.uow() as uow:
        assert [b.every_s for b in (await plans.get(session=uow.session, tenant_id=tenant)).effective_bands] == [900]
    await smmkit_plans.assign(engine=db.engine, tenant_id=tenant, plan="pro")
    async with db.uow() as uow:
        await engagement.record_poll(uow=uow, target_id=target, totals=ev.EngagementCounts(likes=2),
                                     now=now + MIN)
        await engagement.record_poll(uow=uow, target_id=target, totals=ev.EngagementCounts(likes=3),
                                     now=now + 11 * MIN)
    async with db.engine.connect() as conn:
        nxt = await conn.scalar(sa.text("SELECT next_poll_at FROM metrics.tracked_targets WHERE target_id=:t"),
                                {"t": target})
    assert nxt is None, "past the tenant's last band (10 minutes): polling stopped"


async def test_the_polling_job_follows_the_decaying_schedule_on_a_controllable_clock(db, runtime, sandbox,
                                                                                    new_tenant, track):
    tenant, _ = await new_tenant()
    external_id, _, _ = publish(sandbox, "mastodon")
    t0 = datetime(2020, 1, 6, 9, 0, tzinfo=timezone.utc)  # a clock of our own, long before any other target
    target = await track(tenant, network="mastodon", external_id=external_id, published_at=t0)
    clock = Clock(t0)
    polled_at: list[datetime] = []
    while (due := (await target_row(db, target))["next_poll_at"]) is not None:
        clock.advance(due - clock.now)  # jump straight to the next due time
        assert await jobs.poll_once(runtime, clock=lambda: clock.now) == 1
        polled_at.append(clock.now)
        assert (await target_row(db, target))["polls"] == len(polled_at)

    ages = [p - t0 for p in polled_at]
    gaps = [b - a for a, b in zip(polled_at, polled_at[1:])]
    assert ages[0] < timedelta(seconds=10)
    first_hour = [g for a, g in zip(ages[1:], gaps[1:]) if a < HOUR - 5 * MIN]
    assert set(first_hour) == {5 * MIN} and 11 <= sum(a < HOUR for a in ages) <= 13
    assert {g for a, g in zip(ages[1:], gaps[1:]) if 2 * HOUR <= a < 2 * DAY - HOUR} == {HOUR}
    assert {g for a, g in zip(ages[1:], gaps[1:]) if 3 * DAY <= a} == {DAY}
    assert ages[-1] < 30 * DAY + DAY and 29 * DAY <= ages[-1], "the last poll near day 30, then it stops"
