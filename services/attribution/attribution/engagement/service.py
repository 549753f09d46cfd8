"""Daily engagement from ``engagement.updated``, and the "is our SMM selling?" report.

Each event's *delta* is stored once under (target, seq): replays and redeliveries
change nothing, and events that arrive out of order still add up. Engagement is
likes + reposts + comments + clicks (views are excluded: networks count them too
differently to add up); a counter the network cannot report counts as 0.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from attribution.engagement.models import EngagementDelta
from attribution.orders.models import Order, PublishedTarget
from attribution.selling import analyze_selling
from smmkit import events as ev
from smmkit.db import UnitOfWork
from smmkit.problems import DomainError

MAX_DAYS = 731


def engagement_of(counts: ev.EngagementCounts) -> int:
    return sum(v or 0 for v in (counts.likes, counts.reposts, counts.comments, counts.clicks))


async def record(*, uow: UnitOfWork, event: ev.Envelope[ev.EngagementUpdated]) -> None:
    p = event.payload
    await uow.session.execute(pg_insert(EngagementDelta).values(
        tenant_id=event.tenant_id, target_id=p.target_id, seq=p.seq, observed_at=p.observed_at,
        engagement=engagement_of(p.deltas),
    ).on_conflict_do_nothing())


def _day_bounds(since: date, until: date) -> tuple[datetime, datetime]:
    return (datetime.combine(since, time(), timezone.utc),
            datetime.combine(until + timedelta(days=1), time(), timezone.utc))


async def selling_report(*, uow: UnitOfWork, tenant_id: uuid.UUID, brand_id: uuid.UUID | None, since: date,
                         until: date, measure: str, currency: str | None) -> dict:
    """Daily engagement (of the brand's targets, or all) against the shop's daily orders or revenue.

    Sales are all the tenant's orders (not only attributed ones: the question is whether
    engagement moves sales at all), net of cancellations and refunds, by UTC day.
    """
    if until < since:
        raise DomainError("until is before since")
    if (until - since).days + 1 > MAX_DAYS:
        raise DomainError(f"at most {MAX_DAYS} days")
    start, end = _day_bounds(since, until)
    day = sa.func.date(sa.func.timezone("UTC", EngagementDelta.observed_at))
    eng_stmt = (sa.select(day.label("day"), sa.func.sum(EngagementDelta.engagement))
                .where(EngagementDelta.tenant_id == tenant_id, EngagementDelta.observed_at >= start,
                       EngagementDelta.observed_at < end)
                .group_by(day))
    if brand_id is not None:
        eng_stmt = eng_stmt.join(PublishedTarget, sa.and_(PublishedTarget.target_id == EngagementDelta.target_id,
                                                          PublishedTarget.tenant_id == tenant_id)
                                 ).where(PublishedTarget.brand_id == brand_id)
    engagement = {d: int(v) for d, v in (await uow.session.execute(eng_stmt)).all()}

    order_day = sa.func.date(sa.func.timezone("UTC", Order.ordered_at))
    counted = sa.and_(Order.status == "created", Order.total_minor > Order.refunded_minor)
    sales_stmt = (sa.select(order_day, Order.currency,
                            sa.func.count().filter(counted),
                            sa.func.coalesce(sa.func.sum(sa.case((Order.status == "cancelled", 0),
                                                                 else_=Order.total_minor - Order.refunded_minor)), 0))
                  .where(Order.tenant_id == tenant_id, Order.ordered_at >= start, Order.ordered_at < end)
                  .group_by(order_day, Order.currency))
    rows = (await uow.session.execute(sales_stmt)).all()
    currencies = sorted({r[1] for r in rows})
    if measure == "revenue":
        if currency is None and len(currencies) > 1:
            raise DomainError("orders are in several currencies; choose one", currencies=currencies)
        currency = currency or (currencies[0] if currencies else None)
    sales: dict[date, int] = {}
    for d, cur, orders, revenue in rows:
        if measure == "revenue" and cur != currency:
            continue
        sales[d] = sales.get(d, 0) + int(orders if measure == "orders" else revenue)

    dates = [since + timedelta(days=i) for i in range((until - since).days + 1)]
    eng_series = [engagement.get(d, 0) for d in dates]
    sales_series = [sales.get(d, 0) for d in dates]
    result = analyze_selling(dates, eng_series, sales_series).to_dict()
    return {**result, "brand_id": str(brand_id) if brand_id else None, "measure": measure,
            "currency": currency if measure == "revenue" else None,
            "series": {"dates": [d.isoformat() for d in dates], "engagement": eng_series, "sales": sales_series}}
