"""The planner in-process (ASGI) against its own freshly migrated database, the session's broker and Redis.

Its own database keeps the platform's planner process (integration tests) from dispatching our targets.
Background jobs are off: tests drive the dispatcher, the materializer and webhook delivery themselves.
The Kafka consumer and the outbox relay run, so post.scheduled reaches the topic and post.published comes back.
"""
from __future__ import annotations

import asyncio
import uuid
import warnings

import httpx
import pytest

from tests.conftest import scratch_database


@pytest.fixture(scope="session")
def planner_db_url():
    """The planner runs in-process on a database of its own."""
    with scratch_database() as url:
        yield url


@pytest.fixture(scope="session")
def planner_settings(settings, planner_db_url):
    return settings.model_copy(update={"database_url": planner_db_url})


@pytest.fixture(scope="session")
async def planner_app(planner_settings, topics):
    from planner.app import build_app
    from planner.settings import PlannerSettings

    app = build_app(planner_settings, PlannerSettings(webhook_retry_base_s=0.05, webhook_max_attempts=4),
                    with_jobs=())
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    try:
        yield app
    finally:  # bounded, as the attribution service's: a stuck shutdown must not hang the session's end
        try:
            await asyncio.wait_for(lifespan.__aexit__(None, None, None), 30)
        except (TimeoutError, asyncio.TimeoutError):
            warnings.warn("the planner service did not stop within 30 s", stacklevel=1)


@pytest.fixture(scope="session")
def runtime(planner_app):
    return planner_app.state.runtime


@pytest.fixture(scope="session")
async def client(planner_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=planner_app), base_url="http://planner") as c:
        yield c


class Tenant:
    def __init__(self, client: httpx.AsyncClient, tenant_id: str, key: str):
        self.client, self.id, self.headers = client, uuid.UUID(tenant_id), {"Authorization": f"Bearer {key}"}

    async def get(self, url, **kw):
        return await self.client.get(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def post(self, url, **kw):
        return await self.client.post(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def put(self, url, **kw):
        return await self.client.put(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def patch(self, url, **kw):
        return await self.client.patch(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def delete(self, url, **kw):
        return await self.client.delete(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def account(self, network="mastodon", tz="UTC", handle=None, brand_id=None) -> str:
        resp = await self.post("/accounts", json={"network": network, "handle": handle or f"@{uuid.uuid4().hex[:8]}",
                                                  "account_ref": uuid.uuid4().hex[:8], "timezone": tz,
                                                  "brand_id": brand_id})
        assert resp.status_code == 201, resp.text
        return resp.json()["id"]


@pytest.fixture
async def new_tenant(client, planner_settings):
    async def make(name: str = "t") -> Tenant:
        resp = await client.post("/admin/tenants", json={"name": name},
                                 headers={"Authorization": f"Bearer {planner_settings.operator_token}"})
        assert resp.status_code == 201, resp.text
        body = resp.json()
        return Tenant(client, body["tenant"]["id"], body["api_key"])
    return make


@pytest.fixture
async def tenant(new_tenant) -> Tenant:
    return await new_tenant("acme")
