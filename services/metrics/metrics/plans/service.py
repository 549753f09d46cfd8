"""Per-tenant polling plans: which decaying schedule a tenant's targets follow."""
import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from metrics.engagement.schedule import DEFAULT_SCHEDULE, Schedule, schedule_from_bands
from metrics.plans.models import TenantSchedule
from metrics.plans.schemas import Band, ScheduleRead, ScheduleSettings

H, D = timedelta(hours=1), timedelta(days=1)
PLANS: dict[str, Schedule] = {
    "free": ((H, timedelta(minutes=15)), (2 * D, 6 * H), (14 * D, D)),
    "standard": DEFAULT_SCHEDULE,
    "pro": ((H, timedelta(minutes=2)), (3 * D, timedelta(minutes=30)), (90 * D, D)),
}


def _effective(row: TenantSchedule | None) -> Schedule:
    if row is None:
        return DEFAULT_SCHEDULE
    if row.bands:
        return schedule_from_bands(row.bands)
    return PLANS[row.plan]


async def schedules_for(*, session: AsyncSession, tenant_ids: set[uuid.UUID]) -> dict[uuid.UUID, Schedule]:
    """The schedule of each tenant (the default for tenants without settings), in one query."""
    rows = {r.tenant_id: r for r in await session.scalars(
        select(TenantSchedule).where(TenantSchedule.tenant_id.in_(tenant_ids)))} if tenant_ids else {}
    return {t: _effective(rows.get(t)) for t in tenant_ids}


def _read(row: TenantSchedule | None) -> ScheduleRead:
    schedule = _effective(row)
    return ScheduleRead(
        plan=row.plan if row else "standard",
        bands=[Band(until_s=u, every_s=e) for u, e in row.bands] if row and row.bands else None,
        effective_bands=[Band(until_s=u.total_seconds(), every_s=e.total_seconds()) for u, e in schedule])


async def get(*, session: AsyncSession, tenant_id: uuid.UUID) -> ScheduleRead:
    return _read(await session.get(TenantSchedule, tenant_id))


async def put(*, session: AsyncSession, tenant_id: uuid.UUID, settings_in: ScheduleSettings) -> ScheduleRead:
    row = await session.get(TenantSchedule, tenant_id, with_for_update=True)
    if row is None:
        row = TenantSchedule(tenant_id=tenant_id)
        session.add(row)
    row.plan = settings_in.plan
    row.bands = [[b.until_s, b.every_s] for b in settings_in.bands] if settings_in.bands else None
    await session.flush()
    return _read(row)
