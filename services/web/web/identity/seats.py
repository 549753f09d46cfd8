"""Seats: a tenant's web app users and its pending invitations, as many as its plan allows (``smmkit.plans``).

The plan comes from the planner's ``GET /plan``, with the tenant's key (``web.identity.tenants.plan_of``): the
web app reaches the platform only through its APIs. The count and the lock are the web app's own, in the transaction that takes the seat, so two
invitations (or joins) at ``seats - 1`` cannot both get the last one.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from smmkit import plans
from smmkit.plans import PlanRead
from web.identity.models import Invite, User


async def hold(*, session: AsyncSession, plan: PlanRead, tenant_id: uuid.UUID, now: datetime,
               pending_for_s: int | None) -> None:
    """One more seat, or ``QuotaExceeded`` naming ``seats``. Users count; with ``pending_for_s``, so do
    invitations not accepted yet and younger than that (an invitation holds its seat until it expires)."""
    await plans.lock(session, tenant_id=tenant_id, quota="seats")
    if plan.seats is None:
        return
    used = await session.scalar(sa.select(sa.func.count()).select_from(User).where(User.tenant_id == tenant_id))
    if pending_for_s is not None:
        used += await session.scalar(sa.select(sa.func.count(sa.distinct(Invite.email))).where(
            Invite.tenant_id == tenant_id, Invite.accepted_at.is_(None),
            Invite.created_at > now - timedelta(seconds=pending_for_s)))
    plans.refuse_past(plan, "seats", used=used)
