"""Per-tenant polling: the schedule of the tenant's plan (``smmkit.plans``), or the tenant's own bands, never
polling faster than the plan's fastest band (a plan lowered later slows own bands down to it)."""
import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from metrics.engagement.schedule import DEFAULT_SCHEDULE, Schedule, schedule_from_bands
from metrics.plans.models import TenantSchedule
from metrics.plans.schemas import Band, ScheduleRead, ScheduleSettings
from smmkit import plans
from smmkit.plans import PlanRead, QuotaExceeded


def _fastest_s(plan: PlanRead) -> float | None:
    return min(b.every_s for b in plan.metrics_poll_bands) if plan.metrics_poll_bands else None


def _effective(row: TenantSchedule | None, plan: PlanRead) -> Schedule:
    if row is not None and row.bands:
        floor = timedelta(seconds=_fastest_s(plan) or 0)
        return tuple((until, max(every, floor)) for until, every in schedule_from_bands(row.bands))
    if plan.metrics_poll_bands:
        return schedule_from_bands([[b.until_s, b.every_s] for b in plan.metrics_poll_bands])
    return DEFAULT_SCHEDULE


async def schedules_for(*, session: AsyncSession, tenant_ids: set[uuid.UUID]) -> dict[uuid.UUID, Schedule]:
    """The schedule of each tenant, in two queries (own bands, plans)."""
    if not tenant_ids:
        return {}
    rows = {r.tenant_id: r for r in await session.scalars(
        select(TenantSchedule).where(TenantSchedule.tenant_id.in_(tenant_ids)))}
    of = await plans.plans_of(session, tenant_ids)
    return {t: _effective(rows.get(t), of[t]) for t in tenant_ids}


def _read(row: TenantSchedule | None, plan: PlanRead) -> ScheduleRead:
    return ScheduleRead(
        plan=plan.name,
        bands=[Band(until_s=u, every_s=e) for u, e in row.bands] if row and row.bands else None,
        effective_bands=[Band(until_s=u.total_seconds(), every_s=e.total_seconds())
                         for u, e in _effective(row, plan)])


async def get(*, session: AsyncSession, tenant_id: uuid.UUID) -> ScheduleRead:
    return _read(await session.get(TenantSchedule, tenant_id), await plans.plan_of(session, tenant_id))


async def put(*, session: AsyncSession, tenant_id: uuid.UUID, settings_in: ScheduleSettings) -> ScheduleRead:
    plan = await plans.plan_of(session, tenant_id)
    fastest = _fastest_s(plan)
    if settings_in.bands and fastest is not None and (asked := min(b.every_s for b in settings_in.bands)) < fastest:
        raise QuotaExceeded(f"the {plan.name} plan polls at most every {fastest:g} s", limit="metrics_poll_bands",
                            allowed=fastest, requested=asked, plan=plan.name, field="bands")
    row = await session.get(TenantSchedule, tenant_id, with_for_update=True)
    if row is None:
        row = TenantSchedule(tenant_id=tenant_id)
        session.add(row)
    row.bands = [[b.until_s, b.every_s] for b in settings_in.bands] if settings_in.bands else None
    await session.flush()
    return _read(row, plan)
