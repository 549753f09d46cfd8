"""Property: journeys with site visits give the same credits through the report path (stored credits, rollup,
report lines) as through the reference: the session rule of ``orders.service`` re-implemented here on the raw
clicks and visits, and ``credit.py`` on those journeys."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution import credit
from attribution.orders import service as orders
from attribution.reports import service as reports
from tests.attribution.journeys import new_shop
from tests.attribution.test_attribution_rollup import rebuild

START = datetime(2026, 7, 1, 22, 0, tzinfo=timezone.utc)   # journeys cross midnights: several report days
SESSION = timedelta(minutes=30)
HALF_LIFE = timedelta(days=7)   # the tenant default
MODELS = ("first_touch", "last_touch", "last_non_direct", "linear", "position_based", "time_decay")
CAMPAIGNS = {"a": "autumn", "b": "autumn", "c": None}
CHANNELS = ["direct", "direct", "organic_search", "paid_search", "email", "referral", "social_untracked",
            "paid_social", "internal", None]
GAPS = [1, 29, 30, 30, 31, 90, 2000]   # minutes: 30 is the session boundary (a new session)

step = st.tuples(st.sampled_from(GAPS),
                 st.one_of(st.sampled_from(["click:a", "click:b", "click:c", "order", "order"]),
                           st.sampled_from(CHANNELS)),
                 st.booleans(),                      # a click's landing visit is seen by the tag
                 st.integers(1, 5000), st.sampled_from(["EUR", "EUR", "USD"]))
visitors = st.lists(st.lists(step, min_size=1, max_size=9), min_size=1, max_size=3)


@dataclass
class Event:
    at: datetime
    kind: str                  # click | visit
    target: str | None = None  # a click's (and a tracked landing's) post
    channel: str | None = None
    click_id: str | None = None


def reference_journey(events: list[Event], ordered_at: datetime) -> list[tuple[str, datetime]]:
    """(key, at) of the touches: the session rule as documented, on the visitor's raw events."""
    window = [e for e in events if ordered_at - timedelta(days=7) <= e.at <= ordered_at]
    journey_clicks = {e.click_id: e.target for e in window if e.kind == "click"}
    touches, last, session = [], None, None
    for e in sorted(window, key=lambda e: (e.at, e.kind != "click")):
        if e.kind == "visit" and e.channel is None:
            continue   # not classified: not even activity
        live = last is not None and e.at - last < SESSION
        last = e.at
        if e.kind == "click":
            touches.append((e.target, e.at))
            session = e.target
        elif e.channel == "internal":
            continue
        elif e.click_id in journey_clicks:
            session = journey_clicks[e.click_id]
        else:
            key = e.target if e.channel == "social_tracked" else e.channel
            if not (live and (e.channel == "direct" or key == session)):
                touches.append((key, e.at))
                session = key
    return touches


def reference_credits(journey, total: int, at: datetime, targets: dict) -> dict[str, dict[str, int]]:
    """Per model, minor units per key; a post's key is its target id (as stored: ties go to the first key)."""
    journey = [(str(targets[k]) if k in targets else k, t) for k, t in journey]
    keys = {k for k, _ in journey}
    if len(keys) == 1:
        return {model: {next(iter(keys)): total} for model in MODELS}
    j = credit.Journey([credit.Touch(k, t) for k, t in journey], value=total, converted_at=at)
    return {model: credit.attribute(model, [j], minor_units=True,
                                    **({"half_life": HALF_LIFE} if model == "time_decay" else {}))
            for model in MODELS}


def level_key(level: str, key: str, targets: dict) -> str | None:
    names = {str(t): name for name, t in targets.items()}
    if key not in names:
        return key if level == "channel" else "channel:" + key
    return {"channel": "social_tracked", "target": key, "campaign": CAMPAIGNS[names[key]]}[level]


def expected_lines(orders, level: str, model: str, targets: dict):
    lines: dict = defaultdict(lambda: [0, set(), set()])
    totals: dict = defaultdict(lambda: [0, set(), set()])
    for external_id, currency, customer, shares in orders:
        per_key = shares[model]
        by_line: dict = defaultdict(int)
        for key, amount in per_key.items():
            by_line[level_key(level, key, targets)] += amount
        for key, amount in by_line.items():
            if amount == 0 and len(per_key) > 1:
                continue   # a zero share is stored only as the journey's only key (shares are never negative)
            line = lines[(key, currency)]
            line[0] += amount
            line[1].add(external_id)
            line[2].add(customer)
        total = totals[currency]
        total[0] += sum(per_key.values())
        total[1].add(external_id)
        total[2].add(customer)
    flat = {k: (v[0], len(v[1]), len(v[2])) for k, v in lines.items()}
    return flat, {k: (v[0], len(v[1]), len(v[2])) for k, v in totals.items()}


def figures(rows_and_totals):
    rows, totals = rows_and_totals
    return ({(r.key, r.currency): (r.revenue_minor, r.orders, r.customers) for r in rows},
            {t.currency: (t.revenue_minor, t.orders, t.customers) for t in totals})


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=visitors)
async def test_journeys_with_visits_credit_the_same_through_the_reports_as_through_the_reference(attr, plan):
    shop = await new_shop(attr, "prop")
    targets = {name: await shop.publish(name, campaign=CAMPAIGNS[name]) for name in ("a", "b", "c")}
    placed = []
    for v, steps in enumerate(plan):
        visitor, at, events = f"visitor{v}", START, []
        for n, (gap, action, landed, total, currency) in enumerate(steps):
            at += timedelta(minutes=gap)
            if action and action.startswith("click:"):
                target = action.removeprefix("click:")
                click_id = await shop.click(visitor, target, at)
                events.append(Event(at, "click", target=target, click_id=click_id))
                if landed:
                    seen = at + timedelta(seconds=2)
                    await shop.visit(visitor, seen, "social_tracked", click_id=click_id)
                    events.append(Event(seen, "visit", target=target, channel="social_tracked", click_id=click_id))
            elif action == "order":
                external_id, customer = f"{visitor}-{n}", f"c:cu{v % 2}"
                await shop.order(external_id, at, total, visitor=visitor, currency=currency, customer=f"cu{v % 2}")
                journey = reference_journey(events, at)
                stored = await shop.touches(orders.order_id_for(shop.tenant_id, "api", external_id))
                names = {t: name for name, t in targets.items()}
                assert [(names.get(t.target_id, t.channel), t.touched_at) for t in stored] == journey
                if journey:
                    placed.append((external_id, currency, customer, reference_credits(journey, total, at, targets)))
            else:
                await shop.visit(visitor, at, action)
                events.append(Event(at, "visit", channel=action))

    for rebuilt in (False, True):
        if rebuilt and placed:
            await rebuild(attr, shop.tenant_id)
        for model in ("last_touch", "last_non_direct", "linear", "time_decay"):
            for level in ("channel", "target", "campaign"):
                want = expected_lines(placed, level, model, targets)
                async with attr.runtime.db.uow() as uow:
                    via_rollup = figures(await reports.lines_and_totals(
                        uow=uow, tenant_id=shop.tenant_id, model=model, level=level, since=START - timedelta(days=1),
                        until=START + timedelta(days=30)))
                    raw = figures(await reports.lines_from_credits(
                        uow=uow, tenant_id=shop.tenant_id, model=model, level=level, since=None, until=None))
                assert via_rollup == want, (model, level, rebuilt)
                assert raw == want, (model, level, rebuilt)
    for model in ("first_touch", "position_based"):   # every model: the channel level is enough
        async with attr.runtime.db.uow() as uow:
            got = figures(await reports.lines_and_totals(uow=uow, tenant_id=shop.tenant_id, model=model,
                                                         level="channel", since=None, until=None))
        assert got == expected_lines(placed, "channel", model, targets), model
