"""Fixtures for metrics tests: the metrics schema through a real Database, the sandbox over real
HTTP (reset per test), a Runtime for the jobs, tenants, and the app served in-process."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
import redis.asyncio as aioredis
import sqlalchemy as sa

from metrics.db import Base
from metrics.settings import MetricsSettings
from smmkit.app import Runtime
from smmkit.crypto import SecretBox
from smmkit.db import Database
from smmkit.tenancy import create_tenant
from metrics_testkit import FB_SECRET, FB_VERIFY, published


@pytest.fixture
def metrics_settings(sandbox_server) -> MetricsSettings:
    return MetricsSettings(**sandbox_server.endpoints(), http_timeout_s=5, poll_lease_s=30,
                           facebook_app_secret=FB_SECRET, facebook_verify_token=FB_VERIFY)


@pytest.fixture
async def db(settings):
    database = Database(settings.database_url, Base.messaging)
    yield database
    await database.dispose()


@pytest.fixture
async def runtime(settings, db, metrics_settings):
    redis = aioredis.from_url(settings.redis_url)
    rt = Runtime(name="metrics-test", settings=settings, db=db, redis=redis, producer=None, tenant_auth=None,
                 secrets=SecretBox(settings.secret_keys), service_settings=metrics_settings)
    yield rt
    for client in rt.http_clients.values():
        await client.aclose()
    await redis.aclose()


@pytest.fixture
def new_tenant(db):
    async def make(name: str = "tenant") -> tuple[uuid.UUID, str]:
        issued = await create_tenant(db.engine, f"{name}-{uuid.uuid4().hex[:6]}")
        return issued.tenant.id, issued.api_key
    return make


@pytest.fixture
def track(db):
    """Track a published target (through the real handler) and return its target id."""
    from metrics.handlers import on_post_published

    async def do(tenant_id, **kwargs) -> uuid.UUID:
        event = published(tenant_id, **kwargs)
        async with db.uow() as uow:
            await on_post_published(event, uow)
            await uow.commit()
        return event.payload.target_id
    return do


@pytest.fixture
def make_due(db):
    async def do(*target_ids: uuid.UUID) -> None:
        async with db.engine.begin() as conn:
            await conn.execute(sa.text("UPDATE metrics.tracked_targets SET next_poll_at = now() - interval '1 second' "
                                       "WHERE target_id = ANY(:ids)"), {"ids": list(target_ids)})
    return do


@pytest.fixture
async def app_client(settings, topics, metrics_settings):
    """``async with app_client() as (client, app)``: the metrics app in-process, without background jobs."""
    from contextlib import asynccontextmanager

    from metrics.app import build_app

    @asynccontextmanager
    async def run():
        app = build_app(settings, metrics_settings, jobs=[], consume=False)
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://metrics") as client:
                yield client, app
    return run


NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
ONE_DAY = timedelta(days=1)


@pytest.fixture
def metrics_server(settings, topics, metrics_settings):
    """The metrics app served over real HTTP (no background jobs), so the sandbox can push to it."""
    from metrics.app import build_app
    from tests.utils.serving import served

    with served(build_app(settings, metrics_settings, jobs=[], consume=False)) as url:
        yield url
