"""Usage per tenant per day, for operators: counted where it happens, as cheaply as it can be.

API calls are counted in Redis (one HINCRBY per authenticated request: a hash per tenant and day, one
field per service, kept ``KEEP_DAYS``); the rest is counted from the tables each service owns, at read
time (posts published: the publisher; orders ingested and tracked clicks: attribution; active accounts:
the planner). Prometheus gets API calls per service (``smm_usage_api_calls_total``), never a label per
tenant; published posts are ``smm_publish_outcomes`` already.
"""
from __future__ import annotations

import asyncio
import time as clock
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from prometheus_client import Counter
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from smmkit.apilimit import REDIS_TIMEOUT_S
from smmkit.observability import get_logger

log = get_logger(__name__)
_warned_at = 0.0

KEEP_DAYS = 400
MAX_SPAN_DAYS = 366  # one read covers at most a year (and a leap day)
METRICS = ("api_calls", "posts_published", "orders_ingested", "tracked_clicks", "active_accounts")

API_CALLS = Counter("smm_usage_api_calls_total", "Authenticated API calls (all tenants)", ["service"])

# A service's own counts from its tables: {metric: {day: n}} for days in [since, until] (a missing day is 0).
UsageSource = Callable[[AsyncSession, uuid.UUID, date, date], Awaitable[dict[str, dict[date, int]]]]


def _key(tenant_id: uuid.UUID, day: date) -> str:
    return f"smm:usage:{tenant_id}:{day.isoformat()}"


def today() -> date:
    return datetime.now(UTC).date()


async def count_api_call(runtime, tenant_id: uuid.UUID) -> None:
    """One call of ``tenant_id`` today; Redis away, the call goes on uncounted (as the rate limiter lets it)."""
    API_CALLS.labels(runtime.name).inc()
    key = _key(tenant_id, today())
    try:
        async with asyncio.timeout(REDIS_TIMEOUT_S):
            pipe = runtime.redis.pipeline(transaction=False)
            pipe.hincrby(key, runtime.name, 1)
            pipe.expire(key, KEEP_DAYS * 86400)
            await pipe.execute()
    except (RedisError, OSError, TimeoutError) as exc:
        global _warned_at
        if clock.monotonic() - _warned_at > 10:  # one line per outage, not one per request
            _warned_at = clock.monotonic()
            log.warning("usage meter unavailable; API calls are not counted", error=repr(exc))


def days(since: date, until: date) -> list[date]:
    return [since + timedelta(days=i) for i in range((until - since).days + 1)]


async def api_calls(redis, service: str, tenant_id: uuid.UUID, since: date, until: date) -> dict[date, int]:
    span = days(since, until)
    pipe = redis.pipeline(transaction=False)
    for day in span:
        pipe.hget(_key(tenant_id, day), service)
    return {day: int(n or 0) for day, n in zip(span, await pipe.execute())}


def day_start(day: date, plus_days: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=plus_days), time(), UTC)


async def count_per_day(session: AsyncSession, at, tenant_column, tenant_id: uuid.UUID, since: date,
                        until: date) -> dict[date, int]:
    """Rows of one tenant per UTC day of their ``at`` column, in [since, until]."""
    day = sa.func.date(sa.func.timezone("UTC", at))
    rows = await session.execute(sa.select(day, sa.func.count()).where(
        tenant_column == tenant_id, at >= day_start(since), at < day_start(until, 1)).group_by(day))
    return {d: n for d, n in rows.all()}
