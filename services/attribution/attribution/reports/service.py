"""Revenue and ROI reports. Currencies are never summed together: one line per key and currency.

Revenue is the credited share of each order under the chosen model, net of
cancellations (0) and refunds (prorated); an order counts in ``orders`` unless it
was cancelled or fully refunded. ``customers`` are distinct customers (customer
id, else visitor id, else the order itself); ``new_customers`` those whose first
order with the tenant falls in the range.

Costs: a cost applies to a line when the cost names that line's key at the
report's level (a cost with ``campaign="autumn"`` applies to the campaign line
"autumn", whatever else it names), in the line's currency, prorated by days to the
range (``costs.service.in_range``). Post and target lines carry no cost (costs are
not entered per post), so their ratios are null. ``totals`` has every attributed
order and every cost in the range, per currency, including costs that name no
dimension (salaries, tools).

ROAS = revenue / cost; ROMI = (revenue - cost) / cost; ROI = (gross profit - cost) / cost
with gross profit = revenue x the tenant's gross margin (``gross_margin_bp``, default
100 %, so ROI = ROMI until a margin is set); CAC = cost / new customers. Every ratio
is null when its denominator is 0.

Channels (issue 17): level ``channel`` has one line per marketing channel (``attribution.channels``); at the
other levels the credit of touches that are not our tracked posts appears as lines keyed ``channel:<name>``
(``channel:organic_search``), so the lines add up to the totals, which are all revenue with a journey. Without
site visits there are no such lines. ``channels_report`` is SMM's share beside the other channels.

Lines and totals come from ``lines_and_totals``: Markov and Shapley are computed across every journey
in the range (``reports.datadriven``: a per-order Markov or Shapley split means nothing); the per-journey
models read the daily rollup (``reports.rollup``, same figures as the credits, exact and fresh).
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import func, select

from attribution import channels
from attribution.config import service as config
from attribution.costs import service as costs
from attribution.db import tune_for_reports
from attribution.orders.models import ChannelCredit, Customer, OrderCredit, PublishedTarget
from attribution.reports import datadriven, rollup
from attribution.reports.rollup import Line
from smmkit.db import UnitOfWork

LEVELS = {
    "post": PublishedTarget.post_id,
    "target": OrderCredit.target_id,
    "network": PublishedTarget.network,
    "account": PublishedTarget.account_id,
    "campaign": PublishedTarget.campaign,
    "pillar": PublishedTarget.pillar,
    "brand": PublishedTarget.brand_id,
    "channel": ChannelCredit.channel,   # from channel_credits (see ``_level_credits``)
}
COST_FIELD = {"network": "network", "account": "account_id", "campaign": "campaign", "pillar": "pillar",
              "brand": "brand_id"}


async def revenue_by_target(*, uow: UnitOfWork, tenant_id: uuid.UUID, model: str,
                            since: datetime | None, until: datetime | None) -> list[dict]:
    if model in datadriven.MODELS:
        return await _data_driven_by_target(uow, tenant_id, model, since, until)
    stmt = (
        select(OrderCredit.target_id, PublishedTarget.network, PublishedTarget.campaign, PublishedTarget.pillar,
               OrderCredit.currency, func.sum(OrderCredit.net_minor).label("revenue_minor"),
               func.count(func.distinct(OrderCredit.order_id)).filter(OrderCredit.counted).label("orders"))
        .join(PublishedTarget, PublishedTarget.target_id == OrderCredit.target_id)
        .where(OrderCredit.tenant_id == tenant_id, OrderCredit.model == model,
               PublishedTarget.tenant_id == tenant_id)
        .group_by(OrderCredit.target_id, PublishedTarget.network, PublishedTarget.campaign, PublishedTarget.pillar,
                  OrderCredit.currency)
        .order_by(func.sum(OrderCredit.net_minor).desc())
    )
    return [dict(r._mapping) for r in await uow.session.execute(_range(stmt, since, until))]


async def _data_driven_by_target(uow, tenant_id, model, since, until) -> list[dict]:
    rows, _ = await datadriven.lines(uow=uow, tenant_id=tenant_id, level="target", model=model, since=since,
                                     until=until)
    targets = {str(t.target_id): t for t in await uow.session.scalars(select(PublishedTarget).where(
        PublishedTarget.tenant_id == tenant_id,
        PublishedTarget.target_id.in_([uuid.UUID(r["key"]) for r in rows if datadriven.is_target_key(r["key"])])))}
    return sorted(({"target_id": t.target_id, "network": t.network, "campaign": t.campaign, "pillar": t.pillar,
                    "currency": r["currency"], "revenue_minor": r["revenue_minor"], "orders": r["orders"]}
                   for r in rows if (t := targets.get(r["key"] or ""))), key=lambda r: -r["revenue_minor"])


def _range(stmt, since, until):
    if since:
        stmt = stmt.where(OrderCredit.ordered_at >= since)
    if until:
        stmt = stmt.where(OrderCredit.ordered_at < until)
    return stmt


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 6) if denominator else None


def money_line(revenue: int, cost: int, new_customers: int, margin_bp: int | None) -> dict:
    gross_profit = revenue * (10_000 if margin_bp is None else margin_bp) // 10_000
    return {
        "cost_minor": cost, "gross_profit_minor": gross_profit,
        "roas": ratio(revenue, cost), "romi": ratio(revenue - cost, cost), "roi": ratio(gross_profit - cost, cost),
        "cac_minor": ratio(cost, new_customers) if cost else None,
    }


async def lines_and_totals(*, uow: UnitOfWork, tenant_id: uuid.UUID, model: str, level: str,
                           since: datetime | None, until: datetime | None) -> tuple[list[Line], list[Line]]:
    """Per (key, currency) lines and per-currency totals: data-driven models over all journeys in the range,
    the others from the daily rollup."""
    if model in datadriven.MODELS:
        rows, totals = await datadriven.lines(uow=uow, tenant_id=tenant_id, level=level, model=model, since=since,
                                              until=until)
        return [Line(**r) for r in rows], [Line(**t) for t in totals]
    if model in rollup.MODELS:
        await tune_for_reports(uow)
        return await rollup.lines(uow=uow, tenant_id=tenant_id, model=model, level=level, since=since, until=until)
    return await lines_from_credits(uow=uow, tenant_id=tenant_id, model=model, level=level, since=since,
                                    until=until)


def _level_credits(tenant_id: uuid.UUID, model: str, level: str, since, until):
    """(key, currency, net_minor, order_id, counted, customer_key) of the credits a level's lines add up: the
    channel credits at level channel; else the post credits by the level's key and the other channels' credits
    as ``channel:<name>`` (``reports.rollup``)."""
    def columns(table):
        return (table.currency, table.net_minor, table.order_id, table.counted, table.customer_key)

    def ranged(stmt, table):
        stmt = stmt.where(table.tenant_id == tenant_id, table.model == model)
        if since:
            stmt = stmt.where(table.ordered_at >= since)
        return stmt.where(table.ordered_at < until) if until else stmt

    if level == rollup.CHANNEL:
        return ranged(select(ChannelCredit.channel.label("key"), *columns(ChannelCredit)), ChannelCredit)
    posts = ranged(select(sa.cast(LEVELS[level], sa.Text).label("key"), *columns(OrderCredit)).join(
        PublishedTarget, sa.and_(PublishedTarget.target_id == OrderCredit.target_id,
                                 PublishedTarget.tenant_id == tenant_id)), OrderCredit)
    others = ranged(select((sa.literal(rollup.CHANNEL_PREFIX) + ChannelCredit.channel).label("key"),
                           *columns(ChannelCredit)).where(ChannelCredit.channel != channels.SOCIAL_TRACKED),
                    ChannelCredit)
    return sa.union_all(posts, others)


async def lines_from_credits(*, uow: UnitOfWork, tenant_id: uuid.UUID, model: str, level: str,
                             since: datetime | None, until: datetime | None) -> tuple[list[Line], list[Line]]:
    """The same, straight from the credits (two queries: GROUPING SETS with distinct aggregates measured 3x
    slower in PostgreSQL 15). Seconds over a million credits: see ``lines_and_totals``. Totals are the channel
    credits' (every order with a journey)."""
    await tune_for_reports(uow)
    new = Customer.first_order_at >= since if since else sa.true()
    if until:
        new = sa.and_(new, Customer.first_order_at < until)

    def aggregate(credits, key):
        return (
            select(key.label("key"), credits.c.currency,
                   func.coalesce(func.sum(credits.c.net_minor), 0).label("revenue_minor"),
                   func.count(func.distinct(credits.c.order_id)).filter(credits.c.counted).label("orders"),
                   func.count(func.distinct(credits.c.customer_key)).filter(credits.c.counted).label("customers"),
                   func.count(func.distinct(credits.c.customer_key)).filter(credits.c.counted, new)
                   .label("new_customers"))
            .select_from(credits)
            .join(Customer, sa.and_(Customer.tenant_id == tenant_id,
                                    Customer.customer_key == credits.c.customer_key), isouter=True)
        )
    credits = _level_credits(tenant_id, model, level, since, until).subquery("credits")
    lines = (await uow.session.execute(aggregate(credits, credits.c.key)
                                       .group_by(credits.c.key, credits.c.currency))).all()
    all_credits = _level_credits(tenant_id, model, rollup.CHANNEL, since, until).subquery("all_credits")
    totals = (await uow.session.execute(aggregate(all_credits, sa.null())
                                        .group_by(all_credits.c.currency))).all()

    def line(r) -> Line:
        return Line(None if r.key is None else str(r.key), r.currency, int(r.revenue_minor), r.orders, r.customers,
                    r.new_customers)
    return [line(r) for r in lines], [line(r) for r in totals]


async def roi_report(*, uow: UnitOfWork, tenant_id: uuid.UUID, level: str, model: str,
                     since: datetime | None, until: datetime | None) -> dict:
    cfg = await config.get(uow=uow, tenant_id=tenant_id)
    all_costs = await costs.list_costs(uow=uow, tenant_id=tenant_id, since=since.date() if since else None,
                                       until=until.date() if until else None)
    field = COST_FIELD.get(level)
    cost_by_key: dict[tuple[str | None, str], int] = defaultdict(int)
    cost_total: dict[str, int] = defaultdict(int)
    for cost in all_costs:
        share = costs.in_range(cost, since, until)
        cost_total[cost.currency] += share
        if field and getattr(cost, field) is not None:
            cost_by_key[(str(getattr(cost, field)), cost.currency)] += share

    rows = []
    seen = set()
    lines, total_lines = await lines_and_totals(uow=uow, tenant_id=tenant_id, model=model, level=level,
                                                since=since, until=until)
    for r in lines:
        key = r.key
        cost = cost_by_key.get((key, r.currency), 0) if key is not None else 0
        seen.add((key, r.currency))
        rows.append({"key": key, "currency": r.currency, "revenue_minor": int(r.revenue_minor), "orders": r.orders,
                     "customers": r.customers, "new_customers": r.new_customers,
                     **money_line(int(r.revenue_minor), cost, r.new_customers, cfg.gross_margin_bp)})
    for (key, currency), cost in cost_by_key.items():
        if (key, currency) not in seen:   # spent, sold nothing: the worst line of all
            rows.append({"key": key, "currency": currency, "revenue_minor": 0, "orders": 0, "customers": 0,
                         "new_customers": 0, **money_line(0, cost, 0, cfg.gross_margin_bp)})
    rows.sort(key=lambda x: (x["currency"], -x["revenue_minor"], x["key"] or ""))

    totals = []
    by_currency = {r.currency: r for r in total_lines}
    for currency in sorted(set(by_currency) | set(cost_total)):
        r = by_currency.get(currency)
        revenue = int(r.revenue_minor) if r else 0
        new_customers = r.new_customers if r else 0
        totals.append({"key": None, "currency": currency, "revenue_minor": revenue, "orders": r.orders if r else 0,
                       "customers": r.customers if r else 0, "new_customers": new_customers,
                       **money_line(revenue, cost_total.get(currency, 0), new_customers, cfg.gross_margin_bp)})
    return {"level": level, "model": model, "since": since, "until": until, "rows": rows, "totals": totals}


# --------------------------------------------------------------------------
# SMM's share beside the other channels

_INFLUENCE = sa.text("""
WITH journeys AS (
    SELECT o.currency,
           CASE WHEN :stored THEN (SELECT coalesce(sum(cc.net_minor), 0) FROM attribution.channel_credits cc
                                   WHERE cc.order_id = o.id AND cc.model = :model)
                WHEN o.status = 'cancelled' THEN 0
                WHEN o.total_minor <= 0 THEN o.total_minor
                ELSE greatest(o.total_minor - o.refunded_minor, 0) END AS net,
           o.status <> 'cancelled' AND (o.total_minor <= 0 OR o.total_minor > o.refunded_minor) AS counted,
           bool_or(t.channel = ANY(CAST(:smm AS varchar[]))) AS influenced,
           -- direct touches sort first, so the last element is the last non-direct touch (else the last touch)
           (array_agg(t.channel ORDER BY t.channel <> :direct, t.position))[count(*)] AS deciding
    FROM attribution.orders o
    JOIN attribution.order_touches t ON t.order_id = o.id AND t.tenant_id = :t
    WHERE o.tenant_id = :t AND (CAST(:since AS timestamptz) IS NULL OR o.ordered_at >= :since)
      AND (CAST(:until AS timestamptz) IS NULL OR o.ordered_at < :until)
    GROUP BY o.id
)
SELECT currency,
       coalesce(sum(net) FILTER (WHERE influenced), 0) AS influenced_revenue,
       count(*) FILTER (WHERE influenced AND counted) AS influenced_orders,
       coalesce(sum(net) FILTER (WHERE influenced AND NOT deciding = ANY(CAST(:smm AS varchar[]))), 0)
           AS assisted_revenue,
       count(*) FILTER (WHERE influenced AND counted AND NOT deciding = ANY(CAST(:smm AS varchar[])))
           AS assisted_orders
FROM journeys GROUP BY currency
""")


async def channels_report(*, uow: UnitOfWork, tenant_id: uuid.UUID, model: str, since: datetime | None,
                          until: datetime | None) -> dict:
    """SMM's share of revenue beside the other channels, per currency (``docs/attribution-journeys.md``).

    ``rows``: per channel and currency, the credited net revenue under ``model``, its share of the currency's
    revenue and its orders (level ``channel`` of the ROI report). Per currency: ``revenue_from_posts_minor``
    (credited to our tracked posts: social_tracked), ``smm_revenue_minor`` (the SMM channels) and
    ``smm_share``; ``influenced_*``: orders whose journey touched an SMM channel, at their whole net value
    (under a per-journey model the sum of their channel credits, so it never exceeds the revenue);
    ``assisted_*``: influenced orders whose last non-direct touch was not SMM."""
    lines, totals = await lines_and_totals(uow=uow, tenant_id=tenant_id, model=model, level=rollup.CHANNEL,
                                           since=since, until=until)
    influence = {r.currency: r for r in await uow.session.execute(_INFLUENCE, {
        "t": tenant_id, "since": since, "until": until, "model": model, "stored": model in rollup.MODELS,
        "smm": sorted(channels.SMM_CHANNELS), "direct": channels.DIRECT})}
    revenue = {t.currency: t.revenue_minor for t in totals}
    rows = sorted(({"channel": r.key, "currency": r.currency, "revenue_minor": r.revenue_minor,
                    "share": ratio(r.revenue_minor, revenue.get(r.currency, 0)), "orders": r.orders}
                   for r in lines), key=lambda r: (r["currency"], -r["revenue_minor"], r["channel"] or ""))
    summaries = []
    for currency in sorted(set(revenue) | set(influence)):
        total = next((t for t in totals if t.currency == currency), None)
        mine = [r for r in rows if r["currency"] == currency]
        posts = sum(r["revenue_minor"] for r in mine if r["channel"] == channels.SOCIAL_TRACKED)
        smm = sum(r["revenue_minor"] for r in mine if r["channel"] in channels.SMM_CHANNELS)
        found = influence.get(currency)
        summaries.append({
            "currency": currency, "revenue_minor": revenue.get(currency, 0), "orders": total.orders if total else 0,
            "revenue_from_posts_minor": posts, "smm_revenue_minor": smm,
            "smm_share": ratio(smm, revenue.get(currency, 0)),
            "influenced_revenue_minor": int(found.influenced_revenue) if found else 0,
            "influenced_orders": found.influenced_orders if found else 0,
            "assisted_revenue_minor": int(found.assisted_revenue) if found else 0,
            "assisted_orders": found.assisted_orders if found else 0,
        })
    return {"model": model, "since": since, "until": until, "rows": rows, "currencies": summaries}
