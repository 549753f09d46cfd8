"""Data-driven report lines: Markov removal effect and Shapley value over all of a tenant's journeys.

The heuristic models credit each order on its own, so their credits are stored per
order (``order_credits``, ``channel_credits``). Markov and Shapley credit a channel by
what it does across *many* journeys, so they are computed here, per report, from the
stored journeys. Definitions: ``credit.py`` and the reference (``attribution.md``).

Channels (the chain's states)
    Level ``channel``: the touches' channels (``order_touches.channel``: a tracked post
    touch is ``social_tracked``, a visit its classified channel), keyed by channel name.
    Other levels (network, campaign, pillar, brand, account, post or target): a post
    touch (``target_id`` set) is the level's key, looked up in ``published_targets``; a
    touch whose key is empty (no campaign, say) is the channel "no key" and gets the
    line ``key=None``, as in the heuristic reports. A touch of another channel
    (``target_id`` null: a site visit) is the channel ``channel:<name>`` (e.g.
    ``channel:organic_search``) and gets a line like any other, so the lines still add
    up to the totals, which are the same at every level. Without visits there are no
    ``channel:`` lines and every figure is what it was before visits existed. A post
    touch whose target is not the tenant's is no touch, at every level.
    Inside the chain the two kinds of keys stay apart (``channel:direct`` the visit and
    a campaign named ``channel:direct`` are two states), so only their lines share a key.

Converting journeys
    Every order with ``since <= ordered_at < until`` that has touches: its stored
    journey (``order_touches``, oldest first). Each counted order is one conversion
    worth its net revenue (total minus refunds). Cancelled and fully refunded orders
    are left out of the models (they are neither conversions nor nulls: the customer
    did order, so calling the path a failure would be as wrong as calling it a sale);
    their net revenue is 0 and they count in no ``orders``, as in the other reports.

Non-converting journeys (Markov only)
    The touches that are in no order's journey, per visitor, oldest first: clicks
    (``clicks``: no ``order_touches.click_id`` names them) and classified site visits
    (``visits`` with a channel other than ``internal``: a page view inside the site is
    no touch; no ``order_touches.page_view_id`` names them; visits not yet classified
    are left out). A visit that carries the click id of one of the tenant's clicks is
    that click (one touch, the click's, whether or not the click is in a journey).
    They are cut into paths wherever a whole click window (``tenant_config.click_window_s``,
    7 days by default) passes between two touches: an order more than a window after a
    touch is never joined to it, so a path that went a whole window without an order
    (or a touch) ended in null. Gaps of exactly one window keep the path going (the
    window is inclusive for orders too). Ties in time go by id (click id or page view
    id). A path belongs to the range when its last touch does; its touches are read
    from ``since - window`` on, so a path is cut there. Paths end in null; Shapley
    ignores them (R(T) only counts conversions).
    Clicks and visits carry no currency, so every currency's chain gets all
    non-converting paths.

Credit, per currency (currencies are never mixed)
    Markov: the chain of that currency's converting paths (weighted by conversions) and
    the non-converting paths; self-loops dropped, solved exactly. Channel c earns
    ``orders * RE_c / sum RE`` conversions and ``net revenue * RE_c / sum RE`` revenue
    (the global-share convention, with the removal effects computed on conversions).
    Shapley: phi_c = sum over channel sets T containing c of R(T)/|T|, with R(T) the net
    revenue (``revenue_minor``) and, separately, the conversions (``orders``) of the
    currency's orders whose channel set is exactly T.
    Both are rounded by largest remainder (ties to the first channel in sort order: the
    "no key" channel, then the ``channel:`` ones, then the level's keys), so the lines'
    ``revenue_minor`` and ``orders`` add up exactly to the currency's total.
    ``orders`` on a line is therefore *credited conversions*, not a count of orders.
    Under Markov a channel's revenue follows its removal effect, not the value of the
    orders it touched: two one-touch orders of 100 on A and 1 on B give A and B about
    50 each (RE_A = RE_B). That is the convention; Shapley keeps each order's value
    with its own channels.
    Lines: every key touched by an order of the currency in range (a cancelled one too,
    with zeros), and any key Markov credits through non-converting paths alone.

Customers
    ``customers``: distinct customers (customer id, else visitor id, else the order) of
    counted orders whose journey touched the key; ``new_customers``: those whose first
    order with the tenant falls in the range. A customer can appear on several lines, so
    lines do not add up to the total, which counts each customer once.

Speed
    SQL groups identical paths (``array_agg`` by touch position, then ``GROUP BY`` path),
    so Python only sees distinct paths (``credit.PathTotal``); one statement reads the
    paths and the customer counts (orders, touches and targets joined once), a second the
    non-converting paths (clicks and visits merged, cut and grouped in SQL: a tenant may
    have tens of millions of visits, read through ``ix_visits_time``). The Markov chain is
    factorised once for all removal effects (``credit.removal_effects``), not re-solved
    per channel.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by

from attribution import credit
from attribution.channels import INTERNAL, SOCIAL_TRACKED
from attribution.clicks.models import Click
from attribution.config import service as config
from attribution.db import tune_for_reports
from attribution.orders.models import Customer, Order, OrderTouch, PublishedTarget
from attribution.visits.models import Visit
from smmkit.db import UnitOfWork
from smmkit.problems import DomainError

MODELS = ("markov", "shapley")
LEVEL_KEYS = {
    "post": PublishedTarget.post_id,
    "target": PublishedTarget.target_id,
    "network": PublishedTarget.network,
    "account": PublishedTarget.account_id,
    "campaign": PublishedTarget.campaign,
    "pillar": PublishedTarget.pillar,
    "brand": PublishedTarget.brand_id,
}
CHANNEL_LEVEL = "channel"
LEVELS = (*LEVEL_KEYS, CHANNEL_LEVEL)
# The chain's states are keys behind a prefix, so a campaign called "(null)" is not the chain's null state and
# a campaign called "channel:direct" is not the direct visits; PostgreSQL text cannot hold NUL, so no real key
# can collide with the "no key" channel either. SQL writes the prefixes (a NULL key stays NULL: "no key").
KEY_PREFIX = "k:"          # a level's key (at level "channel": a channel name)
CHANNEL_PREFIX = "c:"      # below level "channel": the channel of a touch that is no tracked post
NO_KEY = "\x00"
CHANNEL_LINE = "channel:"  # ... and its line's key


async def lines(*, uow: UnitOfWork, tenant_id: uuid.UUID, level: str, model: str,
                since: datetime | None, until: datetime | None) -> tuple[list[dict], list[dict]]:
    """(lines per key and currency, totals per currency) under ``model``, as the module docstring says."""
    if model not in MODELS:
        raise DomainError(f"{model!r} is not a data-driven model", models=list(MODELS))
    if level not in LEVELS:
        raise DomainError(f"unknown level {level!r}", levels=list(LEVELS))
    await tune_for_reports(uow)   # hundreds of thousands of touches grouped by path
    converting = await _converting(uow, tenant_id, level, since, until)
    by_currency = converting.paths
    nulls: list[credit.PathTotal] = []
    if model == "markov" and by_currency:
        cfg = await config.get(uow=uow, tenant_id=tenant_id)
        nulls = await _non_converting_paths(uow, tenant_id, level, since, until,
                                            timedelta(seconds=cfg.click_window_s))

    rows, totals = [], []
    for currency in sorted(by_currency):
        paths = by_currency[currency]
        revenue, conversions = _credit(model, [p for p in paths if p.conversions], nulls)
        total_revenue = sum(int(p.value) for p in paths)
        total_orders = sum(p.conversions for p in paths)
        keys = sorted({c for p in paths for c in p.channels} | {c for c, v in revenue.items() if v}
                      | {c for c, v in conversions.items() if v})
        revenue_minor = _rounded(keys, revenue, total_revenue)
        orders = _rounded(keys, conversions, total_orders)
        for channel, line_revenue, line_orders in zip(keys, revenue_minor, orders):
            customers, new_customers = converting.customers.get((channel, currency), (0, 0))
            rows.append({"key": _key(channel), "currency": currency,
                         "revenue_minor": line_revenue, "orders": line_orders, "customers": customers,
                         "new_customers": new_customers})
        customers, new_customers = converting.customer_totals.get(currency, (0, 0))
        totals.append({"key": None, "currency": currency, "revenue_minor": total_revenue, "orders": total_orders,
                       "customers": customers, "new_customers": new_customers})
    rows.sort(key=lambda r: (r["currency"], -r["revenue_minor"], r["key"] or ""))
    return rows, totals


def _credit(model: str, converting: list[credit.PathTotal],
            nulls: list[credit.PathTotal]) -> tuple[dict[str, Fraction], dict[str, Fraction]]:
    """(exact revenue, exact conversions) per channel for one currency."""
    if model == "markov":
        result = credit.markov_removal_paths([*converting, *nulls])
        return result.revenue, result.conversions
    return credit.shapley_paths(converting, measure="value"), credit.shapley_paths(converting, measure="conversions")


def _rounded(keys: list[str], shares: dict[str, Fraction], total: int) -> list[int]:
    """Largest remainder over the lines (ties to the first key), adding up to ``total``."""
    exact = [shares.get(k, Fraction(0)) for k in keys]
    # Counted orders always give some channel a removal effect or a coalition, so the exact shares
    # add up to the currency's total; a mismatch is a bug, not something to round away.
    if sum(exact, Fraction(0)) != total:
        raise RuntimeError(f"credited {float(sum(exact, Fraction(0)))} of {total}: shares do not add up")
    return credit.largest_remainder(exact)


# --------------------------------------------------------------------------
# SQL: distinct paths, customers


def _net_revenue():
    """Net of reversals, as ``orders.service._net`` computes it: total minus refunds, 0 once cancelled or fully
    refunded (tested on the status too, so an order that is no conversion never carries revenue)."""
    return sa.case((_counted(), func.greatest(Order.total_minor - func.coalesce(Order.refunded_minor, 0), 0)),
                   else_=0)


def _counted():
    """Still an order: neither cancelled nor fully refunded (``status`` records both)."""
    return Order.status == "created"


def _customer_key():
    """``orders.service.customer_key`` in SQL: customer id, else visitor id, else the order."""
    return func.coalesce(sa.literal("c:") + func.nullif(Order.customer_id, ""),
                         sa.literal("v:") + func.nullif(Order.visitor_id, ""),
                         sa.literal("o:") + sa.cast(Order.id, sa.Text))


def _in_range(column, since, until):
    return sa.and_(column >= since if since else sa.true(), column < until if until else sa.true())


def _post_state(level: str):
    """The state of a tracked post touch (``published_targets`` joined): its level key, or its channel."""
    if level == CHANNEL_LEVEL:
        return sa.literal(KEY_PREFIX + SOCIAL_TRACKED)
    return sa.literal(KEY_PREFIX) + sa.cast(LEVEL_KEYS[level], sa.Text)


def _channel_state(level: str, channel):
    """The state of a touch that is no tracked post (a visit), from its channel."""
    return sa.literal(KEY_PREFIX if level == CHANNEL_LEVEL else CHANNEL_PREFIX) + channel


def _touch_state(level: str):
    """The state of a stored journey's touch. Level "channel" keeps the stored channel (a post touch is
    social_tracked, as the journey builder wrote it)."""
    if level == CHANNEL_LEVEL:
        return _channel_state(level, OrderTouch.channel)
    return sa.case((OrderTouch.target_id.is_(None), _channel_state(level, OrderTouch.channel)),
                   else_=_post_state(level))


@dataclass
class Converting:
    """What one statement reads about the orders in range: distinct paths per currency, and customers."""

    paths: dict[str, list[credit.PathTotal]] = field(default_factory=lambda: defaultdict(list))
    customers: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)   # (key, currency)
    customer_totals: dict[str, tuple[int, int]] = field(default_factory=dict)         # currency


async def _converting(uow, tenant_id, level, since, until) -> Converting:
    """One statement, so orders, touches and targets are joined once (a CTE read three times):
    distinct paths with their conversions and net revenue, customers per key, customers per currency."""
    customer = _customer_key()
    touched = (
        # Byte order ("C") for the customer keys: counting distinct ones sorts them, and no language is needed.
        select(Order.id.label("order_id"), Order.currency, _net_revenue().label("net"), _counted().label("counted"),
               customer.collate("C").label("customer"), _in_range(Customer.first_order_at, since, until).label("new"),
               OrderTouch.position, _touch_state(level).label("key"))
        .join(OrderTouch, sa.and_(OrderTouch.order_id == Order.id, OrderTouch.tenant_id == tenant_id))
        .join(PublishedTarget, sa.and_(PublishedTarget.target_id == OrderTouch.target_id,
                                       PublishedTarget.tenant_id == tenant_id), isouter=True)
        .join(Customer, sa.and_(Customer.tenant_id == tenant_id, Customer.customer_key == customer), isouter=True)
        .where(Order.tenant_id == tenant_id, _in_range(Order.ordered_at, since, until),
               # a post touch counts when its target is the tenant's (at every level, so totals agree)
               sa.or_(OrderTouch.target_id.is_(None), PublishedTarget.target_id.is_not(None)))
        .cte("touched")
    )
    t = touched.c
    journeys = (
        select(t.currency, t.net, t.counted, t.customer, t.new,
               func.array_agg(aggregate_order_by(t.key, t.position)).label("path"))
        .group_by(t.order_id, t.currency, t.net, t.counted, t.customer, t.new)
        .cte("journeys")
    )
    j = journeys.c
    no_path, no_key, no_count = (sa.cast(sa.null(), ARRAY(sa.Text)), sa.cast(sa.null(), sa.Text),
                                 sa.cast(sa.null(), sa.BigInteger))

    def customers(rows):
        return (func.count(func.distinct(rows.customer)).filter(rows.counted),
                func.count(func.distinct(rows.customer)).filter(rows.counted, rows.new))
    stmt = sa.union_all(
        select(sa.literal("path"), j.currency, j.path, no_key, func.count().filter(j.counted), func.sum(j.net),
               no_count, no_count)
        .group_by(j.currency, j.path),
        select(sa.literal("key"), t.currency, no_path, t.key, no_count, no_count, *customers(t))
        .group_by(t.currency, t.key),
        select(sa.literal("total"), j.currency, no_path, no_key, no_count, no_count, *customers(j))
        .group_by(j.currency),
    )
    found = Converting()
    for kind, currency, path, channel, conversions, value, customers, new_customers in \
            await uow.session.execute(stmt):
        if kind == "path":
            found.paths[currency].append(credit.PathTotal(channels=_channels(path), conversions=conversions,
                                                          value=int(value)))
        elif kind == "key":
            found.customers[(_state(channel), currency)] = (customers, new_customers)
        else:
            found.customer_totals[currency] = (customers, new_customers)
    return found


async def _non_converting_paths(uow, tenant_id, level, since, until, window: timedelta) -> list[credit.PathTotal]:
    span = (since - window if since else None, until)
    # NOT EXISTS, not NOT IN: NOT IN over a large list falls back to a row-by-row lookup.
    clicks = (
        # Byte order ("C") for the ids: they are only sorted to group and to break ties.
        select(Click.visitor_id.collate("C").label("visitor_id"), Click.clicked_at.label("at"),
               Click.click_id.collate("C").label("id"), _post_state(level).label("key"))
        .join(PublishedTarget, sa.and_(PublishedTarget.target_id == Click.target_id,
                                       PublishedTarget.tenant_id == tenant_id))
        .where(Click.tenant_id == tenant_id, _in_range(Click.clicked_at, *span),
               ~sa.exists().where(OrderTouch.tenant_id == tenant_id, OrderTouch.click_id == Click.click_id))
    )
    visits = (
        select(Visit.visitor_id.collate("C"), Visit.visited_at, Visit.page_view_id.collate("C"),
               _channel_state(level, Visit.channel))
        .where(Visit.tenant_id == tenant_id, _in_range(Visit.visited_at, *span),   # ix_visits_time
               Visit.channel.is_not(None), Visit.channel != INTERNAL,             # unclassified, or no touch
               ~sa.exists().where(OrderTouch.tenant_id == tenant_id, OrderTouch.page_view_id == Visit.page_view_id),
               # the visit a tracked link landed on is that click: the click stands for both
               ~sa.exists().where(Click.tenant_id == tenant_id, Click.click_id == Visit.click_id))
    )
    touches = sa.union_all(clicks, visits).subquery("free_touches")
    in_time_order = (touches.c.at, touches.c.id, touches.c.key)
    gap = touches.c.at - func.lag(touches.c.at).over(partition_by=touches.c.visitor_id, order_by=in_time_order)
    starts = (
        select(touches, sa.case((gap > window, 1), else_=0).label("starts_path"))
        .subquery("starts")
    )
    numbered = (
        select(starts, func.sum(starts.c.starts_path).over(
            partition_by=starts.c.visitor_id, order_by=(starts.c.at, starts.c.id, starts.c.key)).label("path_no"))
        .subquery("numbered")
    )
    visitor_paths = (
        select(func.array_agg(aggregate_order_by(numbered.c.key, numbered.c.at, numbered.c.id, numbered.c.key))
               .label("path"), func.max(numbered.c.at).label("ended_at"))
        .group_by(numbered.c.visitor_id, numbered.c.path_no)
        .subquery("visitor_paths")
    )
    stmt = (
        select(visitor_paths.c.path, func.count().label("nulls"))
        .where(_in_range(visitor_paths.c.ended_at, since, None))
        .group_by(visitor_paths.c.path)
    )
    return [credit.PathTotal(channels=_channels(row.path), nulls=row.nulls)
            for row in await uow.session.execute(stmt)]


def _state(key: str | None) -> str:
    """A prefixed key from SQL as a chain state (NULL: the "no key" channel)."""
    return NO_KEY if key is None else key


def _key(channel: str) -> str | None:
    """A state's line key."""
    if channel == NO_KEY:
        return None
    if channel.startswith(CHANNEL_PREFIX):
        return CHANNEL_LINE + channel.removeprefix(CHANNEL_PREFIX)
    return channel.removeprefix(KEY_PREFIX)


def is_target_key(key: str | None) -> bool:
    """A line key that names a post target (not "no key", not a ``channel:`` line)."""
    return bool(key) and not key.startswith(CHANNEL_LINE)


def _channels(path: list[str | None]) -> tuple[str, ...]:
    return tuple(_state(key) for key in path)
