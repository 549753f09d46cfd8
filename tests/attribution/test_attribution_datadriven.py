"""Markov and Shapley report lines over many journeys, through the real database (hand-computed numbers).

Rows are inserted with the service's models (orders, their stored journeys, clicks, targets), so each test
controls the journeys exactly; ``attribution.reports.datadriven.lines`` then reads them back with SQL.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution import credit
from attribution.clicks.models import Click
from attribution.config.models import TenantConfig
from attribution.orders.models import Customer, Order, OrderTouch, PublishedTarget
from attribution.reports import datadriven
from smmkit.problems import DomainError

NOV = datetime(2026, 11, 1, tzinfo=timezone.utc)
DEC = datetime(2026, 12, 1, tzinfo=timezone.utc)
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
NAME = "(the target's name)"


@dataclass
class Shop:
    """One tenant's rows, written with the models; targets are named for readable tests."""

    tenant_id: uuid.UUID
    targets: dict[str, uuid.UUID] = field(default_factory=dict)
    rows: list = field(default_factory=list)

    def target(self, name: str, *, network: str = "mastodon", campaign: str | None = NAME,
               pillar: str | None = "sell") -> None:
        target_id = uuid.uuid4()
        self.targets[name] = target_id
        self.rows.append(PublishedTarget(target_id=target_id, tenant_id=self.tenant_id, post_id=uuid.uuid4(),
                                         account_id=uuid.uuid4(), network=network,
                                         campaign=name if campaign is NAME else campaign, pillar=pillar,
                                         brand_id=None, published_at=NOV - 30 * DAY))

    def click(self, visitor: str, name: str, at: datetime, click_id: str | None = None) -> str:
        click_id = click_id or uuid.uuid4().hex
        self.rows.append(Click(click_id=click_id, target_id=self.targets[name], tenant_id=self.tenant_id,
                               clicked_at=at, visitor_id=visitor, user_agent="Mozilla/5.0", referrer=None))
        return click_id

    def order(self, external_id: str, path: list[str], total: int, *, at: datetime, currency: str = "EUR",
              customer: str | None = None, status: str = "created", refunded: int = 0) -> None:
        """An order with its journey: one click per touch, an hour apart, the last one an hour before the order."""
        order_id = uuid.uuid4()
        visitor = f"visitor-{external_id}"
        self.rows.append(Order(id=order_id, tenant_id=self.tenant_id, external_id=external_id, source="api",
                               ordered_at=at, customer_id=customer, visitor_id=visitor, total_minor=total,
                               currency=currency, promo_codes=[], status=status, refunded_minor=refunded,
                               attributed_at=at, evidence="visitor", target_id=self.targets[path[-1]]))
        for position, name in enumerate(path):
            touched_at = at - (len(path) - position) * HOUR
            click_id = self.click(visitor, name, touched_at)
            self.rows.append(OrderTouch(order_id=order_id, position=position, tenant_id=self.tenant_id,
                                        target_id=self.targets[name], touched_at=touched_at, kind="click",
                                        click_id=click_id))

    def customer(self, customer: str, first_order_at: datetime) -> None:
        self.rows.append(Customer(tenant_id=self.tenant_id, customer_key=f"c:{customer}",
                                  first_order_at=first_order_at))

    async def save(self, attr) -> None:
        async with attr.runtime.db.uow() as uow:
            uow.session.add_all([r for r in self.rows if isinstance(r, PublishedTarget)])
            await uow.session.flush()
            uow.session.add_all([r for r in self.rows if not isinstance(r, PublishedTarget)])
            await uow.commit()
        self.rows = []

    async def report(self, attr, *, model: str, level: str = "target", since=NOV, until=DEC):
        async with attr.runtime.db.uow() as uow:
            return await datadriven.lines(uow=uow, tenant_id=self.tenant_id, level=level, model=model,
                                          since=since, until=until)

    def key(self, name: str) -> str:
        return str(self.targets[name])


async def new_shop(attr) -> Shop:
    return Shop((await attr.tenant("datadriven")).id)


def by_key(rows: list[dict]) -> dict:
    return {(r["key"], r["currency"]): (r["revenue_minor"], r["orders"], r["customers"], r["new_customers"])
            for r in rows}


def assert_lines_add_up(rows: list[dict], totals: list[dict]) -> None:
    for total in totals:
        mine = [r for r in rows if r["currency"] == total["currency"]]
        assert sum(r["revenue_minor"] for r in mine) == total["revenue_minor"]
        assert sum(r["orders"] for r in mine) == total["orders"]


# --------------------------------------------------------------------------
# Markov: the chain of test_credit.py's LOOPY_JOURNEYS, built from orders and clicks
#   1. A → B → A → conv (1000)     2. B → C → null        3. A → C → conv (2000)
#   4. A → A → B → null            5. C → conv (500)
# RE = A 19/27, B 13/36, C 2/3 (hand-computed in test_credit.py); shares A 76/187, B 39/187, C 72/187.
#   revenue 3500: 1422.46, 729.95, 1347.59 -> floors 3498, +1 to B and C -> 1422, 730, 1348
#   orders 3: 1.219, 0.626, 1.155 -> floors 2, +1 to B -> 1, 1, 1

async def loopy_shop(attr, shop: Shop | None = None) -> Shop:
    shop = shop or await new_shop(attr)
    for name in "ABC":
        shop.target(name)
    shop.order("o1", ["A", "B", "A"], 1000, at=NOV + 3 * DAY, customer="c1")
    shop.order("o3", ["A", "C"], 2000, at=NOV + 5 * DAY, customer="c2")
    shop.order("o5", ["C"], 500, at=NOV + 6 * DAY, customer="c1")
    shop.customer("c1", NOV - 40 * DAY)      # an old customer: not new
    shop.customer("c2", NOV + 5 * DAY)
    # Journey 2: B then C three days later, no order.
    shop.click("v2", "B", NOV + 2 * DAY)
    shop.click("v2", "C", NOV + 5 * DAY)
    # Journey 4: A, A two days later, B exactly one click window (7 days) after that: one path, self-loop dropped.
    shop.click("v4", "A", NOV + 1 * DAY)
    shop.click("v4", "A", NOV + 3 * DAY)
    shop.click("v4", "B", NOV + 10 * DAY)
    # Paths that end outside the range are not this report's: before since, and at until (exclusive).
    shop.click("v-old", "C", NOV - 10 * DAY)
    shop.click("v-late", "A", DEC)
    await shop.save(attr)
    return shop


async def test_markov_with_loops_and_a_non_converting_path(attr):
    shop = await loopy_shop(attr)
    rows, totals = await shop.report(attr, model="markov")
    assert by_key(rows) == {
        (shop.key("A"), "EUR"): (1422, 1, 2, 1),    # o1 (c1) and o3 (c2, new in November)
        (shop.key("B"), "EUR"): (730, 1, 1, 0),     # o1 only: c1 ordered in October
        (shop.key("C"), "EUR"): (1348, 1, 2, 1),
    }
    assert totals == [{"key": None, "currency": "EUR", "revenue_minor": 3500, "orders": 3, "customers": 2,
                       "new_customers": 1}]
    assert [r["key"] for r in rows] == [shop.key("A"), shop.key("C"), shop.key("B")]   # by revenue


async def test_the_http_reports_use_every_journey_for_markov_and_shapley(attr):
    tenant = await attr.tenant("datadriven-http")
    shop = await loopy_shop(attr, Shop(tenant.id))
    span = {"since": NOV.isoformat(), "until": DEC.isoformat()}
    roi = (await tenant.client.get("/reports/roi", params={"level": "target", "model": "markov", **span})).json()
    expected = {shop.key("A"): 1422, shop.key("B"): 730, shop.key("C"): 1348}
    assert {r["key"]: r["revenue_minor"] for r in roi["rows"]} == expected
    assert [(t["revenue_minor"], t["orders"]) for t in roi["totals"]] == [(3500, 3)]
    posts = (await tenant.client.get("/reports/posts", params={"model": "markov", **span})).json()
    assert {r["target_id"]: r["revenue_minor"] for r in posts["rows"]} == expected
    shapley = (await tenant.client.get("/reports/roi", params={"level": "target", "model": "shapley", **span})).json()
    assert sum(r["revenue_minor"] for r in shapley["rows"]) == 3500 and len(shapley["rows"]) == 3


async def test_markov_cuts_click_paths_where_a_whole_window_passes(attr):
    shop = await loopy_shop(attr)
    # A 3-day click window: journey 4 (gaps 2 and 7 days) becomes A→null and B→null, journey 2 (3 days) stays.
    async with attr.runtime.db.uow() as uow:
        uow.session.add(TenantConfig(tenant_id=shop.tenant_id, click_window_s=3 * 86400, half_life_s=7 * 86400,
                                     roi_alert_weeks=3, updated_at=NOV))
        await uow.commit()
    rows, _ = await shop.report(attr, model="markov")

    def journey(channels, converted=True, value=0):
        touches = [credit.Touch(shop.key(c), NOV + i * HOUR) for i, c in enumerate(channels)]
        return credit.Journey(touches, converted=converted, value=value)

    expected = credit.attribute("markov", [
        journey("ABA", value=1000), journey("AC", value=2000), journey("C", value=500),
        journey("BC", converted=False), journey("AA", converted=False), journey("B", converted=False),
    ], minor_units=True)
    assert {r["key"]: r["revenue_minor"] for r in rows} == expected
    assert expected != {shop.key("A"): 1422, shop.key("B"): 730, shop.key("C"): 1348}   # the cut matters


# --------------------------------------------------------------------------
# Shapley at campaign level: campaigns A (two targets), B, C and a target without campaign.
#   R({A}) = 1000, R({A,B}) = 2000, R({B,C}) = 3000, R({A,B,C}) = 6000, R({none,C}) = 1200
#   φ_A = 1000 + 1000 + 2000 = 4000, φ_B = 1000 + 1500 + 2000 = 4500, φ_C = 1500 + 2000 + 600 = 4100,
#   φ_none = 600 (Σ 13200). Conversions: A 1 + 1/2 + 1/3 = 11/6, B 1/2 + 1/2 + 1/3 = 4/3,
#   C 1/2 + 1/3 + 1/2 = 4/3, none 1/2 (Σ 5): floors 1+1+1+0, leftover 2 to the largest remainders
#   A (.83) and none (.5).

async def test_shapley_three_channels_at_campaign_level(attr):
    shop = await new_shop(attr)
    shop.target("a1", campaign="A")
    shop.target("a2", campaign="A")
    shop.target("b", campaign="B")
    shop.target("c", campaign="C")
    shop.target("free", campaign=None)
    shop.order("o1", ["a1"], 1000, at=NOV + DAY, customer="c1")
    shop.order("o2", ["a1", "b", "a2"], 2000, at=NOV + 2 * DAY, customer="c2")
    shop.order("o3", ["b", "c"], 3000, at=NOV + 3 * DAY, customer="c3")
    shop.order("o4", ["c", "b", "a2"], 6000, at=NOV + 4 * DAY, customer="c1")
    shop.order("o5", ["free", "c"], 1200, at=NOV + 5 * DAY, customer="c4")
    shop.click("v", "c", NOV + DAY)            # a path without an order: Shapley ignores it
    await shop.save(attr)
    rows, totals = await shop.report(attr, model="shapley", level="campaign")
    assert {k: v[:3] for k, v in by_key(rows).items()} == {
        ("A", "EUR"): (4000, 2, 2), ("B", "EUR"): (4500, 1, 3), ("C", "EUR"): (4100, 1, 3),
        (None, "EUR"): (600, 1, 1),
    }
    assert [(t["revenue_minor"], t["orders"], t["customers"]) for t in totals] == [(13200, 5, 4)]


# --------------------------------------------------------------------------
# Currencies and reversals, network level: x = mastodon, y = bluesky
#   EUR: o1 [x] 1000; o2 [x, y] 3000 with 1000 refunded (net 2000); o3 [y] 500 cancelled;
#        o4 [y] 700 fully refunded. Only o1 and o2 are conversions.
#   USD: o5 [y] 2000.

async def currency_shop(attr) -> Shop:
    shop = await new_shop(attr)
    shop.target("x", network="mastodon")
    shop.target("y", network="bluesky")
    shop.order("o1", ["x"], 1000, at=NOV + DAY, customer="c1")
    shop.order("o2", ["x", "y"], 3000, at=NOV + 2 * DAY, customer="c2", refunded=1000)
    shop.order("o3", ["y"], 500, at=NOV + 3 * DAY, customer="c3", status="cancelled")
    shop.order("o4", ["y"], 700, at=NOV + 4 * DAY, customer="c4", status="refunded", refunded=700)
    shop.order("o5", ["y"], 2000, at=NOV + 5 * DAY, currency="USD", customer="c1")
    shop.target("z", network="pixelfed")
    shop.order("o6", ["z"], 900, at=NOV + 6 * DAY, customer="c5", status="cancelled")   # z sold nothing else
    shop.customer("c1", NOV - 40 * DAY)
    for customer in ("c2", "c3", "c4"):
        shop.customer(customer, NOV + DAY)
    await shop.save(attr)
    return shop


async def test_shapley_two_currencies_cancelled_and_refunded_orders(attr):
    shop = await currency_shop(attr)
    rows, totals = await shop.report(attr, model="shapley", level="network")
    # EUR: R({x}) = 1000, R({x,y}) = 2000 -> x 2000, y 1000; conversions x 3/2, y 1/2: a tie, the first key
    # (bluesky) takes the leftover unit. Cancelled and refunded orders add no revenue, order or customer;
    # pixelfed, touched by a cancelled order only, keeps a line of zeros (as in the heuristic reports).
    assert by_key(rows) == {
        ("mastodon", "EUR"): (2000, 1, 2, 1),
        ("bluesky", "EUR"): (1000, 1, 1, 1),
        ("pixelfed", "EUR"): (0, 0, 0, 0),
        ("bluesky", "USD"): (2000, 1, 1, 0),
    }
    assert totals == [
        {"key": None, "currency": "EUR", "revenue_minor": 3000, "orders": 2, "customers": 2, "new_customers": 1},
        {"key": None, "currency": "USD", "revenue_minor": 2000, "orders": 1, "customers": 1, "new_customers": 0},
    ]


async def test_markov_two_currencies_cancelled_and_refunded_orders(attr):
    shop = await currency_shop(attr)
    rows, totals = await shop.report(attr, model="markov", level="network")
    # EUR chain: start→x 2; x→conv 1, x→y 1; y→conv 1. P = 1; without x: 0 (RE 1); without y: 1/2 (RE 1/2).
    # Shares 2/3, 1/3: revenue 2000 / 1000; conversions 4/3, 2/3 -> mastodon 1, bluesky 1.
    # Had the cancelled/refunded [y] orders counted, bluesky would have earned more than 1/3.
    assert by_key(rows) == {
        ("mastodon", "EUR"): (2000, 1, 2, 1),
        ("bluesky", "EUR"): (1000, 1, 1, 1),
        ("pixelfed", "EUR"): (0, 0, 0, 0),
        ("bluesky", "USD"): (2000, 1, 1, 0),
    }
    assert_lines_add_up(rows, totals)
    assert [t["revenue_minor"] for t in totals] == [3000, 2000]


# --------------------------------------------------------------------------
# Tenants and date ranges


async def test_another_tenants_journeys_never_count(attr):
    shop = await loopy_shop(attr)
    before = await shop.report(attr, model="markov", level="campaign")
    other = await new_shop(attr)
    for name in "ABC":
        other.target(name)                           # same campaign names A, B, C
    other.order("b1", ["C", "C"], 9999, at=NOV + 3 * DAY, customer="c1")
    other.order("b2", ["B"], 7777, at=NOV + 4 * DAY, currency="EUR", customer="c2")
    other.click("v2", "A", NOV + 6 * DAY)            # the same visitor id as tenant A's journey 2
    other.click("v4", "C", NOV + 4 * DAY)
    other.customer("c2", NOV - 90 * DAY)
    await other.save(attr)
    # A touch of tenant B pointing at tenant A's target, and a click on it (neither can happen via the service,
    # but neither may leak): the join checks the target's tenant.
    async with attr.runtime.db.uow() as uow:
        order_id = uuid.uuid4()
        uow.session.add(Order(id=order_id, tenant_id=other.tenant_id, external_id="b3", source="api",
                              ordered_at=NOV + 2 * DAY, total_minor=5000, currency="EUR", promo_codes=[],
                              status="created"))
        uow.session.add(OrderTouch(order_id=order_id, position=0, tenant_id=other.tenant_id,
                                   target_id=shop.targets["A"], touched_at=NOV + DAY, kind="click"))
        uow.session.add(Click(click_id=uuid.uuid4().hex, target_id=shop.targets["B"], tenant_id=other.tenant_id,
                              clicked_at=NOV + DAY, visitor_id="v2"))
        await uow.commit()
    assert await shop.report(attr, model="markov", level="campaign") == before
    rows, totals = await other.report(attr, model="shapley", level="campaign")
    assert by_key(rows) == {("C", "EUR"): (9999, 1, 1, 0), ("B", "EUR"): (7777, 1, 1, 0)}
    assert totals[0]["revenue_minor"] == 9999 + 7777
    # Tenant B's own chain: start→C 2 (b1, v4), →B 1 (b2), →A 1 (v2); C→conv 1, C→null 1, B→conv 1, A→null.
    # P = 1/2; without C or without B it is 1/4: RE 1/2 each, A 0 -> half of 17776 each, A gets no line.
    rows, _ = await other.report(attr, model="markov", level="campaign")
    assert by_key(rows) == {("C", "EUR"): (8888, 1, 1, 0), ("B", "EUR"): (8888, 1, 1, 0)}


async def test_date_range_is_since_inclusive_until_exclusive(attr):
    shop = await new_shop(attr)
    shop.target("A")
    shop.target("B")
    shop.order("at-since", ["A"], 100, at=NOV)
    shop.order("before", ["A"], 1000, at=NOV - timedelta(microseconds=1))
    shop.order("at-until", ["B"], 10_000, at=DEC)
    shop.order("last", ["B"], 1, at=DEC - timedelta(microseconds=1))
    await shop.save(attr)
    rows, totals = await shop.report(attr, model="shapley")
    assert {k: v[:2] for k, v in by_key(rows).items()} == {
        (shop.key("A"), "EUR"): (100, 1), (shop.key("B"), "EUR"): (1, 1)}
    assert [(t["revenue_minor"], t["orders"]) for t in totals] == [(101, 2)]
    # Markov shares revenue globally: RE_A = RE_B = 1/2, so each gets half of 101, not its own order's value.
    rows, totals = await shop.report(attr, model="markov")
    assert sorted(v[:2] for v in by_key(rows).values()) == [(50, 1), (51, 1)]
    assert [(t["revenue_minor"], t["orders"]) for t in totals] == [(101, 2)]
    rows, totals = await shop.report(attr, model="shapley", since=None, until=None)   # open range: everything
    assert totals[0]["revenue_minor"] == 11_101


async def test_keys_named_like_the_chains_states_are_ordinary_channels(attr):
    shop = await new_shop(attr)
    shop.target("n", campaign="(null)")
    shop.target("c", campaign="(conversion)")
    shop.order("o1", ["n"], 300, at=NOV + DAY)
    shop.order("o2", ["c", "n"], 100, at=NOV + 2 * DAY)
    await shop.save(attr)
    rows, _ = await shop.report(attr, model="markov", level="campaign")
    # start→(null) 1, start→(conversion) 1, (conversion)→(null) 1, (null)→conv 2: P = 1; without "(null)" 0
    # (RE 1), without "(conversion)" 1/2 (RE 1/2). Shares 2/3, 1/3: 266.67 -> 267 and 133.33 -> 133 of 400;
    # 4/3 -> 1 and 2/3 -> 1 of 2 orders.
    assert {k: v[:2] for k, v in by_key(rows).items()} == {("(null)", "EUR"): (267, 1),
                                                          ("(conversion)", "EUR"): (133, 1)}


async def test_no_orders_no_lines(attr):
    shop = await new_shop(attr)
    shop.target("A")
    shop.click("v", "A", NOV + DAY)
    await shop.save(attr)
    assert await shop.report(attr, model="markov") == ([], [])


async def test_unknown_model_or_level_is_a_domain_error(attr):
    shop = await new_shop(attr)
    with pytest.raises(DomainError, match="data-driven"):
        await shop.report(attr, model="linear")
    with pytest.raises(DomainError, match="level"):
        await shop.report(attr, model="markov", level="planet")


# --------------------------------------------------------------------------
# credit.py helpers for path totals (no database)


channel_names = st.sampled_from(["A", "B", "C", "D", "E", "F"])
path_rows = st.lists(
    st.builds(credit.PathTotal, st.lists(channel_names, min_size=1, max_size=6).map(tuple),
              st.integers(0, 5), st.integers(0, 5000), st.integers(0, 5)),
    min_size=1, max_size=15,
)


@settings(max_examples=150, deadline=None)
@given(path_rows)
def test_removal_effects_from_one_factorisation_equal_removing_each_channel(paths):
    counts = credit.path_transition_counts(paths)
    if not counts:
        return
    base, effects = credit.removal_effects(counts)
    assert base == pytest.approx(credit.conversion_probability(counts), abs=1e-12)
    for channel, effect in effects.items():
        textbook = 1 - credit.conversion_probability(counts, removed=channel) / base if base else 0.0
        assert effect == pytest.approx(max(textbook, 0.0), abs=1e-9)


def test_path_totals_give_the_same_credit_as_the_journeys():
    t0 = datetime(2024, 3, 1, tzinfo=timezone.utc)

    def journey(channels, converted=True, value=0):
        return credit.Journey([credit.Touch(c, t0 + i * HOUR) for i, c in enumerate(channels)], converted, value)

    journeys = [journey("ABA", value=1000), journey("BC", converted=False), journey("AC", value=2000),
                journey("AAB", converted=False), journey("C", value=500), journey("AC", value=1),
                journey("BC", converted=False)]
    paths = credit.path_totals(journeys)
    assert credit.PathTotal(("A", "C"), 2, 2001, 0) in paths
    assert credit.PathTotal(("B", "C"), 0, 0, 2) in paths
    assert credit.markov_removal_paths(paths).revenue == credit.markov_removal(journeys).revenue
    assert credit.shapley_paths(paths) == credit.shapley(journeys)
    assert credit.shapley_paths(paths, measure="conversions") == {"A": F(1, 2) + F(2, 2), "B": F(1, 2),
                                                                  "C": F(2, 2) + F(1)}
