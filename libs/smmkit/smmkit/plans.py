"""Plans: what a tenant may use, held in the tenancy schema, assigned per tenant by the operator.

A plan names five limits: posts per month, connected accounts, seats (web users), API requests per minute
per key (on each service), and how often the metrics service polls a published post (its bands). A limit
left empty (null) is the platform's default: no quota, ``API_RATE_LIMIT`` per key, the default polling
schedule. The named plans (free, standard, pro, agency) are rows seeded by migration ``smmkit_0003``;
operators list them, change them, add their own, and assign one per tenant. A tenant with no assignment
is on ``DEFAULT_PLAN`` (standard: the platform's defaults, as before plans existed).

Quotas are enforced where they are used, in the transaction that uses them, with no race past the limit:
``hold`` takes a transaction-level advisory lock on (tenant, limit) first, then reads the plan and counts
what is used (the service's own rows, so the count never drifts from them), and refuses with
``QuotaExceeded`` (402 problem+json naming the limit). Two requests at ``limit - 1`` queue on the lock:
the second counts the first's row once it commits, and is refused. A tenant's lock is never another's.
The rate limit reads the plan through ``PlanRates`` (cached for seconds: a change applies within ``ttl_s``).
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

import sqlalchemy as sa
from cachetools import TTLCache
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from smmkit.pagination import Page, PageRequest
from smmkit.problems import DomainError, NotFound
from smmkit.tenancy import metadata, tenants
from smmkit.validation import DAY_S, seconds, text

DEFAULT_PLAN = "standard"
QUOTA_EXCEEDED = "urn:smm:problem:quota-exceeded"

plans = sa.Table(
    "plans", metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("posts_per_month", sa.Integer),
    sa.Column("connected_accounts", sa.Integer),
    sa.Column("seats", sa.Integer),
    sa.Column("api_requests_per_minute", sa.Integer),
    sa.Column("metrics_poll_bands", JSONB),  # [[until_s, every_s], ...], ascending until_s
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)
tenant_plans = sa.Table(
    "tenant_plans", metadata,
    sa.Column("tenant_id", UUID(as_uuid=True), sa.ForeignKey("tenancy.tenants.id"), primary_key=True),
    sa.Column("plan", sa.Text, sa.ForeignKey("tenancy.plans.name"), nullable=False),
    sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

PlanName = Annotated[text(min_length=1, max_length=50), Field(pattern=r"^[a-z0-9][a-z0-9_-]*$",
                                                              description="A plan's name, e.g. free, pro")]
Allowance = Annotated[int, Field(ge=0, le=10_000_000)]
PerMinute = Annotated[int, Field(ge=1, le=1_000_000)]
# A post is read for at most a year, at most once a second and at least once a month: a band beyond that
# would overflow the schedule's date arithmetic (or hammer the networks).
BandUntil = seconds(at_least=1, at_most=366 * DAY_S, number=float,
                    description="while the post is younger than this ...")
BandEvery = seconds(at_least=1, at_most=31 * DAY_S, number=float, description="... poll it this often")


class Band(BaseModel):
    until_s: BandUntil
    every_s: BandEvery


def ascending(bands: list[Band] | None) -> list[Band] | None:
    """Bands as a schedule needs them: at least one, in ascending ``until_s``."""
    if bands is not None:
        if not bands:
            raise ValueError("give at least one band, or none for the default")
        if any(a.until_s >= b.until_s for a, b in zip(bands, bands[1:])):
            raise ValueError("bands must be in ascending until_s")
    return bands


class PlanLimits(BaseModel):
    posts_per_month: Allowance | None = Field(
        None, description="Posts created per calendar month (UTC), on any number of accounts; null: no quota")
    connected_accounts: Allowance | None = Field(None, description="Social accounts; null: no quota")
    seats: Allowance | None = Field(None, description="Web app users and their pending invitations; null: no quota")
    api_requests_per_minute: PerMinute | None = Field(
        None, description="Requests per minute per API key on each service; null: the deployment's API_RATE_LIMIT")
    metrics_poll_bands: list[Band] | None = Field(
        None, max_length=20, description="How often metrics polls a published post by its age (ascending until_s); "
                                         "null: the default schedule. A tenant's own bands may not poll faster than "
                                         "this plan's fastest band")

    @field_validator("metrics_poll_bands")
    @classmethod
    def _ascending(cls, bands: list[Band] | None) -> list[Band] | None:
        return ascending(bands)


class PlanRead(PlanLimits):
    name: str
    updated_at: datetime | None = None


class PlanAssign(BaseModel):
    plan: PlanName


class QuotaExceeded(DomainError):
    """A quota of the tenant's plan is used up: 402, naming the limit, what the plan allows and what is used."""

    status = 402
    title = "Quota exceeded"
    type = QUOTA_EXCEEDED


QUOTA_RESPONSE = {402: {
    "description": "A quota of the tenant's plan is used up (`type` urn:smm:problem:quota-exceeded; `limit` "
                   "names it, with `allowed`, `used` and `plan`)",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}, "example": {
        "type": QUOTA_EXCEEDED, "title": "Quota exceeded", "status": 402, "limit": "posts_per_month",
        "allowed": 30, "used": 30, "requested": 1, "plan": "free",
        "detail": "the free plan allows 30 posts per month; 30 are used"}}}}}


_LABELS = {"posts_per_month": "posts per month", "connected_accounts": "connected accounts", "seats": "seats"}


def refuse_past(plan: PlanRead, quota: str, *, used: int, adding: int = 1) -> None:
    """Raise ``QuotaExceeded`` when ``adding`` more would take ``used`` past the plan's ``quota``."""
    allowed = getattr(plan, quota)
    if allowed is not None and used + adding > allowed:
        raise QuotaExceeded(f"the {plan.name} plan allows {allowed} {_LABELS.get(quota, quota)}; {used} are used",
                            limit=quota, allowed=allowed, used=used, requested=adding, plan=plan.name)


def _read(mapping) -> PlanRead:
    m = dict(mapping)
    bands = m.pop("metrics_poll_bands")
    return PlanRead(**m, metrics_poll_bands=[Band(until_s=u, every_s=e) for u, e in bands] if bands else None)


def _plan_name_of(tenant_id) -> sa.ColumnElement:
    return sa.func.coalesce(sa.select(tenant_plans.c.plan).where(tenant_plans.c.tenant_id == tenant_id)
                            .scalar_subquery(), DEFAULT_PLAN)


async def plan_of(conn: AsyncSession, tenant_id: uuid.UUID) -> PlanRead:
    """The tenant's plan as of now (no cache: a quota checks the plan assigned when it is used)."""
    row = (await conn.execute(sa.select(plans).where(plans.c.name == _plan_name_of(tenant_id)))).one()
    return _read(row._mapping)


async def plans_of(conn: AsyncSession, tenant_ids: set[uuid.UUID]) -> dict[uuid.UUID, PlanRead]:
    """Each tenant's plan, in two queries (the default plan for tenants with no assignment)."""
    if not tenant_ids:
        return {}
    assigned = dict((await conn.execute(sa.select(tenant_plans.c.tenant_id, tenant_plans.c.plan).where(
        tenant_plans.c.tenant_id.in_(tenant_ids)))).all())
    by_name = {row.name: _read(row._mapping) for row in await conn.execute(
        sa.select(plans).where(plans.c.name.in_(set(assigned.values()) | {DEFAULT_PLAN})))}
    return {t: by_name[assigned.get(t, DEFAULT_PLAN)] for t in tenant_ids}


async def hold(session: AsyncSession, *, tenant_id: uuid.UUID, quota: str, adding: int,
               count: Callable[[], Awaitable[int]]) -> PlanRead:
    """Use ``adding`` of the tenant's ``quota`` in this transaction, or raise ``QuotaExceeded``.

    The lock comes first and is held until the transaction ends: whoever holds it counts every use
    committed before it, and its own rows are counted by the next. Call it before taking any row lock
    the same request takes, so every path takes its locks in one order (no deadlock)."""
    await lock(session, tenant_id=tenant_id, quota=quota)
    plan = await plan_of(session, tenant_id)
    if getattr(plan, quota) is not None:
        refuse_past(plan, quota, used=await count(), adding=adding)
    return plan


async def lock(session: AsyncSession, *, tenant_id: uuid.UUID, quota: str) -> None:
    """A transaction-level advisory lock on (tenant, quota); re-entrant within the transaction."""
    key = sa.func.hashtextextended(f"smm-quota:{tenant_id}:{quota}", 0)
    await session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


# --- the operator's side --------------------------------------------------------------------------

async def list_plans(*, engine: AsyncEngine, page: PageRequest) -> Page[PlanRead]:
    """Plans by name (one page)."""
    ks = page.keyset(sa.select(plans), plans.c.name)
    async with engine.connect() as conn:
        return ks.page((await conn.execute(ks.stmt)).all(), lambda r: _read(r._mapping))


def _columns(limits: PlanLimits) -> dict[str, Any]:
    values = limits.model_dump(exclude={"metrics_poll_bands"})
    values["metrics_poll_bands"] = ([[b.until_s, b.every_s] for b in limits.metrics_poll_bands]
                                    if limits.metrics_poll_bands else None)
    return values


async def put_plan(*, engine: AsyncEngine, name: str, limits: PlanLimits) -> PlanRead:
    """Create the plan or replace its limits; its tenants have the new limits at once (the rate within seconds)."""
    values = _columns(limits)
    async with engine.begin() as conn:
        row = (await conn.execute(pg_insert(plans).values(name=name, **values).on_conflict_do_update(
            index_elements=[plans.c.name], set_={**values, "updated_at": sa.func.now()}).returning(plans))).one()
    return _read(row._mapping)


async def assign(*, engine: AsyncEngine, tenant_id: uuid.UUID, plan: str) -> None:
    async with engine.begin() as conn:
        if await conn.scalar(sa.select(tenants.c.id).where(tenants.c.id == tenant_id)) is None:
            raise NotFound("tenant not found")
        if await conn.scalar(sa.select(plans.c.name).where(plans.c.name == plan)) is None:
            raise NotFound(f"no plan named {plan!r}", field="plan")
        await conn.execute(pg_insert(tenant_plans).values(tenant_id=tenant_id, plan=plan).on_conflict_do_update(
            index_elements=[tenant_plans.c.tenant_id], set_={"plan": plan, "assigned_at": sa.func.now()}))


async def assignment(conn, tenant_id: uuid.UUID) -> datetime | None:
    return await conn.scalar(sa.select(tenant_plans.c.assigned_at).where(tenant_plans.c.tenant_id == tenant_id))


# --- the rate limit's view ----------------------------------------------------------------------

class PlanRates:
    """API requests per minute per key from each tenant's plan, cached for ``ttl_s`` (None: the default)."""

    def __init__(self, engine: AsyncEngine, *, ttl_s: float = 5.0, max_tenants: int = 100_000,
                 timer: Callable[[], float] = time.monotonic):
        self.engine = engine
        self._cache: TTLCache[uuid.UUID, int | None] = TTLCache(max_tenants, ttl_s, timer=timer)

    async def per_minute(self, tenant_id: uuid.UUID) -> int | None:
        try:
            return self._cache[tenant_id]
        except KeyError:
            pass
        async with self.engine.connect() as conn:
            rate = await conn.scalar(sa.select(plans.c.api_requests_per_minute)
                                     .where(plans.c.name == _plan_name_of(tenant_id)))
        self._cache[tenant_id] = rate
        return rate
