"""The attribution service in-process (real PostgreSQL, Redis and broker) and small helpers for its tests."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

import asyncio
import warnings

import httpx
import uvicorn
import pytest
import sqlalchemy as sa

from attribution.app import build_app
from attribution.settings import AttributionSettings
from smmkit import events as ev
from smmkit import stack
from smmkit.tenancy import create_tenant
from tests.utils.polling import eventually


@dataclass
class Tenant:
    id: uuid.UUID
    key: str
    client: httpx.AsyncClient


class AttributionHarness:
    def __init__(self, app, service_settings: AttributionSettings):
        self.app = app
        self.cfg = service_settings
        self.transport = httpx.ASGITransport(app=app)
        self.public = httpx.AsyncClient(transport=self.transport, base_url="http://attr.test")
        self._clients: list[httpx.AsyncClient] = [self.public]

    @property
    def runtime(self):
        return self.app.state.runtime

    async def visit(self, path: str, *, user_agent: str, visitor: str | None = None, referer: str | None = None):
        """A browser following a tracked link (no cookies carried over from other calls)."""
        self.public.cookies.clear()
        headers = {"user-agent": user_agent}
        if visitor:
            headers["cookie"] = f"smm_vid={visitor}"
        if referer:
            headers["referer"] = referer
        return await self.public.get(path, headers=headers)

    async def tenant(self, name: str = "T") -> Tenant:
        issued = await create_tenant(self.runtime.db.engine, name)
        client = httpx.AsyncClient(transport=self.transport, base_url="http://attr.test",
                                   headers={"Authorization": f"Bearer {issued.api_key}"})
        self._clients.append(client)
        return Tenant(issued.tenant.id, issued.api_key, client)

    async def send(self, event: ev.Envelope) -> None:
        """Put an event on its topic, as another service (or an external producer) would."""
        await self.runtime.producer.send_and_wait(ev.topic_of(event).name, ev.encode(event), key=ev.key_of(event))

    async def publish_target(self, tenant_id: uuid.UUID, *, target_id: uuid.UUID | None = None,
                             network: str = "mastodon", campaign: str | None = "autumn", pillar: str | None = "sell",
                             brand_id: uuid.UUID | None = None, account_id: uuid.UUID | None = None,
                             wait: bool = True) -> uuid.UUID:
        target_id = target_id or uuid.uuid4()
        now = datetime.now(timezone.utc)
        await self.send(ev.new_event(ev.PostPublished(
            target_id=target_id, post_id=uuid.uuid4(), account_id=account_id or uuid.uuid4(), network=network,
            external_id="1", url="https://social.example/1", scheduled_at=now, published_at=now,
            campaign=campaign, pillar=pillar, brand_id=brand_id), tenant_id=tenant_id))
        if wait:
            await eventually(lambda: self.scalar(
                "SELECT 1 FROM attribution.published_targets WHERE target_id = :t", t=target_id),
                what="post.published consumed")
        return target_id

    async def scalar(self, sql: str, **params):
        async with self.runtime.db.engine.connect() as conn:
            return await conn.scalar(sa.text(sql), params)

    async def rows(self, sql: str, **params) -> list:
        async with self.runtime.db.engine.connect() as conn:
            return (await conn.execute(sa.text(sql), params)).all()

    async def order(self, tenant_id: uuid.UUID, external_id: str, source: str = "api"):
        from attribution.orders.service import order_id_for

        rows = await self.rows("SELECT * FROM attribution.orders WHERE id = :i",
                               i=order_id_for(tenant_id, source, external_id))
        return rows[0] if rows else None

    async def wait_order(self, tenant_id: uuid.UUID, external_id: str, source: str = "api", *, joined: bool = True):
        async def probe():
            row = await self.order(tenant_id, external_id, source)
            return row if row is not None and (not joined or row.attributed_at is not None) else None
        return await eventually(probe, what=f"order {external_id} recorded{' and joined' if joined else ''}")

    async def credits(self, tenant_id: uuid.UUID, external_id: str, model: str = "last_touch",
                      source: str = "api") -> dict[str, int]:
        from attribution.orders.service import order_id_for

        rows = await self.rows("SELECT target_id, amount_minor FROM attribution.order_credits "
                               "WHERE order_id = :i AND model = :m",
                               i=order_id_for(tenant_id, source, external_id), m=model)
        return {str(r.target_id): r.amount_minor for r in rows}

    async def aclose(self):
        for client in self._clients:
            await client.aclose()


# One service for every attribution module: starting and stopping it per module left a stopped instance
# holding the outbox relay's advisory lock now and then, which starved the next instance's relay.
# Tenants are created per test, so tests stay independent.
@pytest.fixture(scope="session")
async def attr(settings, topics):
    service_settings = AttributionSettings(click_stream=f"test:clicks:{uuid.uuid4().hex[:8]}",
                                           visit_stream=f"test:visits:{uuid.uuid4().hex[:8]}",
                                           visit_flush_interval_s=0.05, site_key_refresh_s=0.2,
                                           click_flush_interval_s=0.05, webhook_delivery_interval_s=0.05,
                                           webhook_retry_base_s=0.05, roi_alert_interval_s=0.3,
                                           webhook_disable_after=3)
    # Its own consumer group, so a platform started in the same session does not share its partitions.
    app = build_app(settings, service_settings, consumer=f"attribution-test-{uuid.uuid4().hex[:6]}")
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    harness = AttributionHarness(app, service_settings)
    # Also served over real HTTP (same event loop), for the sandbox shop to deliver webhooks to.
    port = stack.free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning",
                                           timeout_graceful_shutdown=2))
    task = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: _started(server), what="attribution HTTP server")
        harness.url = f"http://127.0.0.1:{port}"
        yield harness
    finally:
        # Bounded teardown: a stuck shutdown must not hang the whole suite.
        server.should_exit = True
        try:
            await asyncio.wait_for(task, 10)
        except (TimeoutError, asyncio.TimeoutError):
            task.cancel()
        await harness.aclose()
        try:
            await asyncio.wait_for(lifespan.__aexit__(None, None, None), 30)
        except (TimeoutError, asyncio.TimeoutError):
            warnings.warn("the attribution service did not stop within 30 s", stacklevel=1)


async def _started(server) -> bool:
    return server.started
