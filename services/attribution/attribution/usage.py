"""Attribution's usage counts for operators (smmkit.usage): orders (by the day they were placed) and
human clicks on tracked links, per day (UTC)."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from attribution.clicks.models import Click
from attribution.orders.models import Order
from smmkit.usage import count_per_day


async def usage(session: AsyncSession, tenant_id: uuid.UUID, since: date, until: date) -> dict[str, dict[date, int]]:
    return {
        "orders_ingested": await count_per_day(session, Order.ordered_at, Order.tenant_id, tenant_id, since, until),
        "tracked_clicks": await count_per_day(session, Click.clicked_at, Click.tenant_id, tenant_id, since, until),
    }
