"""The planner's usage counts for operators (smmkit.usage): the accounts a tenant had at each day's end
(accounts are never deleted, so that is every account created before the next midnight, UTC)."""
from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from planner.accounts.models import Account
from smmkit.usage import day_start, days


async def usage(session: AsyncSession, tenant_id: uuid.UUID, since: date, until: date) -> dict[str, dict[date, int]]:
    created = (await session.execute(
        sa.select(Account.created_at).where(Account.tenant_id == tenant_id,
                                            Account.created_at < day_start(until, 1)).order_by(Account.created_at)
    )).scalars().all()
    counts, i = {}, 0
    for day in days(since, until):
        while i < len(created) and created[i] < day_start(day, 1):
            i += 1
        counts[day] = i
    return {"active_accounts": counts}
