"""Revenue reports: one line per post target and currency (currencies are never summed together)."""
import uuid
from datetime import datetime

from sqlalchemy import func, select

from attribution.orders.models import Order, OrderCredit, PublishedTarget
from smmkit.db import UnitOfWork


async def revenue_by_target(*, uow: UnitOfWork, tenant_id: uuid.UUID, model: str,
                            since: datetime | None, until: datetime | None) -> list[dict]:
    stmt = (
        select(OrderCredit.target_id, PublishedTarget.network, PublishedTarget.campaign, PublishedTarget.pillar,
               OrderCredit.currency, func.sum(OrderCredit.amount_minor).label("revenue_minor"),
               func.count(func.distinct(OrderCredit.order_id)).label("orders"))
        .join(Order, Order.id == OrderCredit.order_id)
        .join(PublishedTarget, PublishedTarget.target_id == OrderCredit.target_id)
        .where(OrderCredit.tenant_id == tenant_id, OrderCredit.model == model, Order.status == "created")
        .group_by(OrderCredit.target_id, PublishedTarget.network, PublishedTarget.campaign, PublishedTarget.pillar,
                  OrderCredit.currency)
        .order_by(func.sum(OrderCredit.amount_minor).desc())
    )
    if since:
        stmt = stmt.where(Order.ordered_at >= since)
    if until:
        stmt = stmt.where(Order.ordered_at < until)
    return [dict(r._mapping) for r in await uow.session.execute(stmt)]
