"""SMM costs per period, optionally tied to a campaign, network, brand, account or pillar."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import delete as sa_delete, select

from attribution.costs.models import Cost
from attribution.costs.schemas import CostCreate
from smmkit import events as ev
from smmkit.db import UnitOfWork
from smmkit.pagination import PageRequest
from smmkit.problems import NotFound

DIMENSIONS = ("campaign", "network", "brand_id", "account_id", "pillar")


async def create(*, uow: UnitOfWork, tenant_id: uuid.UUID, cost_in: CostCreate) -> Cost:
    cost = Cost(id=uuid.uuid4(), tenant_id=tenant_id, created_at=ev.utcnow(), **cost_in.model_dump())
    uow.session.add(cost)
    await uow.session.flush()
    return cost


def _overlapping(tenant_id: uuid.UUID, since: date | None, until: date | None):
    stmt = select(Cost).where(Cost.tenant_id == tenant_id)
    if since:
        stmt = stmt.where(Cost.period_end >= since)
    if until:
        stmt = stmt.where(Cost.period_start <= until)
    return stmt


async def list_costs(*, uow: UnitOfWork, tenant_id: uuid.UUID, since: date | None = None,
                     until: date | None = None) -> list[Cost]:
    """Every cost overlapping the period (the reports add them all up)."""
    return list(await uow.session.scalars(_overlapping(tenant_id, since, until)
                                          .order_by(Cost.period_start, Cost.created_at, Cost.id)))


async def costs_page(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest, since: date | None = None,
                     until: date | None = None) -> dict:
    """One page of the costs overlapping the period, by period start."""
    ks = page.keyset(_overlapping(tenant_id, since, until), Cost.period_start, Cost.created_at, Cost.id,
                     scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all())


async def delete(*, uow: UnitOfWork, tenant_id: uuid.UUID, cost_id: uuid.UUID) -> None:
    result = await uow.session.execute(sa_delete(Cost).where(Cost.tenant_id == tenant_id, Cost.id == cost_id))
    if result.rowcount == 0:
        raise NotFound("cost not found")


def in_range(cost: Cost, since: datetime | None, until: datetime | None) -> int:
    """The part of a cost that falls in [since, until): prorated by whole days, floor.

    A cost covers its days ``period_start..period_end`` inclusive. A report range covers
    the days from ``since``'s date to the date of the last instant before ``until``.
    """
    first = since.date() if since else cost.period_start
    last = (until - timedelta(microseconds=1)).date() if until else cost.period_end
    overlap = (min(last, cost.period_end) - max(first, cost.period_start)).days + 1
    if overlap <= 0:
        return 0
    days = (cost.period_end - cost.period_start).days + 1
    return cost.amount_minor * overlap // days
