"""The planner's side of a tenant's plan (``smmkit.plans``): it counts posts per month and connected accounts,
holds those quotas where posts and accounts are created, and answers the tenant's and the operator's read.

A post is what the product calls one: one ``Post`` row, whether it goes to one account or five, created by the
API, an import, "add to queue" or a recurring rule's occurrence, drafts included; cancelling one does not give
its place back. The month is the calendar month in UTC of the database's clock.
"""
from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from planner.accounts.models import Account
from planner.plans.schemas import PlanUse, TenantPlanRead
from planner.posts.models import Post
from smmkit import plans
from smmkit.problems import NotFound
from smmkit.tenancy import tenants

_MONTH_START = sa.func.timezone("UTC", sa.func.date_trunc("month", sa.func.timezone("UTC", sa.func.now())))


async def posts_this_month(session: AsyncSession, tenant_id: uuid.UUID) -> int:
    return await session.scalar(sa.select(sa.func.count()).select_from(Post).where(
        Post.tenant_id == tenant_id, Post.created_at >= _MONTH_START))


async def connected_accounts(session: AsyncSession, tenant_id: uuid.UUID) -> int:
    return await session.scalar(sa.select(sa.func.count()).select_from(Account).where(Account.tenant_id == tenant_id))


async def lock_posts(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """The posts quota's lock alone: for a path that learns how many posts it makes only after locking accounts."""
    await plans.lock(session, tenant_id=tenant_id, quota="posts_per_month")


async def hold_posts(session: AsyncSession, tenant_id: uuid.UUID, adding: int = 1) -> None:
    """``adding`` more posts this month, or 402 naming ``posts_per_month``; first, before any row lock."""
    await plans.hold(session, tenant_id=tenant_id, quota="posts_per_month", adding=adding,
                     count=lambda: posts_this_month(session, tenant_id))


async def hold_account(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    await plans.hold(session, tenant_id=tenant_id, quota="connected_accounts", adding=1,
                     count=lambda: connected_accounts(session, tenant_id))


async def read(*, session: AsyncSession, tenant_id: uuid.UUID) -> TenantPlanRead:
    """The tenant's plan and what it uses of the quotas the planner counts."""
    if await session.scalar(sa.select(tenants.c.id).where(tenants.c.id == tenant_id)) is None:
        raise NotFound("tenant not found")
    month_start: datetime = await session.scalar(sa.select(_MONTH_START))
    return TenantPlanRead(
        tenant_id=tenant_id, plan=await plans.plan_of(session, tenant_id),
        assigned_at=await plans.assignment(session, tenant_id),
        use=PlanUse(month_starts_at=month_start, posts_this_month=await posts_this_month(session, tenant_id),
                    connected_accounts=await connected_accounts(session, tenant_id)))


async def assign(*, engine: AsyncEngine, session: AsyncSession, tenant_id: uuid.UUID, plan: str) -> TenantPlanRead:
    await plans.assign(engine=engine, tenant_id=tenant_id, plan=plan)
    return await read(session=session, tenant_id=tenant_id)
