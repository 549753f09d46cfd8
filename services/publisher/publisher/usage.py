"""The publisher's usage counts for operators (smmkit.usage): post targets published per day (UTC)."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from publisher.targets.models import PublishTarget
from smmkit.usage import count_per_day


async def usage(session: AsyncSession, tenant_id: uuid.UUID, since: date, until: date) -> dict[str, dict[date, int]]:
    return {"posts_published": await count_per_day(session, PublishTarget.published_at, PublishTarget.tenant_id,
                                                  tenant_id, since, until)}
