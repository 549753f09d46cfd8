"""Fixtures for adapter tests: one sandbox served over real HTTP for the whole session,
reset before every test, and a factory for adapters pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import pytest

from publisher.networks.base import Adapter
from publisher.networks.http import make_network_client
from publisher.networks.media import MediaFetcher, MediaPolicy
from publisher.settings import get_publisher_settings
from sandbox.client import SandboxControl
from sandbox.layout import SandboxLayout
from smmkit.networks import NetworkError, utc_now


@pytest.fixture
def media_fetcher() -> MediaFetcher:
    # The sandbox serves sample media from 127.0.0.1, which the SSRF guard refuses by default.
    return MediaFetcher(MediaPolicy(allowed_networks=("127.0.0.0/8",)))


AdapterFactory = Callable[..., Adapter]


@pytest.fixture
async def make_adapter(sandbox: SandboxControl, media_fetcher: MediaFetcher) -> AsyncIterator[AdapterFactory]:
    """``make_adapter(AdapterClass, credentials, timeout_s=5, clock=None)``."""
    clients = []

    def factory(
        cls: type[Adapter],
        credentials: dict[str, str],
        *,
        timeout_s: float = 5.0,
        clock: Callable[[], datetime] = utc_now,
        **kwargs: Any,
    ) -> Adapter:
        # the transport the publisher runs with (PUBLISHER_HTTP_TRANSPORT); a short timeout_s is for reading a
        # held answer, while connecting to the in-process sandbox on a busy machine may take longer
        http = make_network_client(sandbox.url(cls.network), timeout_s=timeout_s, connect_timeout_s=5.0,
                                   transport=get_publisher_settings().http_transport)
        clients.append(http)
        return cls(http=http, credentials=credentials, media=media_fetcher, clock=clock, **kwargs)

    yield factory
    for http in clients:
        await http.aclose()


@pytest.fixture
def expect_error() -> Callable[..., Any]:
    """``error = await expect_error(adapter.publish(pub), "rate_limited")``"""

    async def check(awaitable: Any, kind: str) -> NetworkError:
        with pytest.raises(NetworkError) as caught:
            await awaitable
        assert caught.value.kind == kind, repr(caught.value)
        return caught.value

    return check


# --- service-level fixtures: the publisher's own functions against real PostgreSQL, Redis and the sandbox ---

import random  # noqa: E402
import uuid  # noqa: E402
from datetime import timedelta  # noqa: E402

import redis.asyncio as aioredis  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from publisher.accounts import service as accounts  # noqa: E402
from publisher.accounts.schemas import CredentialsPut  # noqa: E402
from publisher.db import Base  # noqa: E402
from publisher.handlers import on_account_created  # noqa: E402
from publisher.settings import PublisherSettings  # noqa: E402
from publisher.targets import service as targets  # noqa: E402
from publisher.targets.models import PublishTarget  # noqa: E402
from publisher.targets.publishing import publish_one  # noqa: E402
from smmkit import events as ev  # noqa: E402
from smmkit.app import Runtime  # noqa: E402
from smmkit.crypto import SecretBox  # noqa: E402
from smmkit.db import Database  # noqa: E402
from tests.utils.events import account_created  # noqa: E402


def unique_ref() -> str:
    """A fresh sandbox account id, so Redis buckets and sandbox faults never leak between tests."""
    return str(random.randint(10**8, 10**9))


def publisher_settings(sandbox_server: SandboxLayout, **overrides: Any) -> PublisherSettings:
    values = dict(**sandbox_server.endpoints(), http_timeout_s=1.0, media_allowed_networks="127.0.0.0/8",
                  retry_base_s=0.01, retry_max_s=0.02, rate_limit_hold_max_s=0.5, max_attempts=3,
                  retry_for_s=0)  # attempts alone decide, so exhaustion is quick to reach
    return PublisherSettings(**{**values, **overrides})


@pytest.fixture
async def runtime(settings, sandbox_server, sandbox) -> AsyncIterator[Runtime]:
    db = Database(settings.database_url, Base.messaging)
    rt = Runtime(name="publisher", settings=settings, db=db, redis=aioredis.from_url(settings.redis_url),
                 producer=None, tenant_auth=None, secrets=SecretBox(settings.secret_keys),
                 service_settings=publisher_settings(sandbox_server))
    yield rt
    for client in rt.http_clients.values():
        await client.aclose()
    await rt.redis.aclose()
    await db.dispose()


class Publisher:
    """Drive the publisher's service functions the way its consumer and job do."""

    def __init__(self, runtime: Runtime):
        self.rt = runtime
        self.tenant_id = uuid.uuid4()

    async def announce(self, network: str, account_ref: str, *, tenant_id: uuid.UUID | None = None) -> uuid.UUID:
        """The planner created the account: its ``account.created`` reaches the publisher's handler."""
        event = account_created(tenant_id or self.tenant_id, network, account_ref)
        async with self.rt.db.uow() as uow:
            await on_account_created(event, uow)
            await uow.commit()
        return event.payload.account_id

    async def connect(self, network: str, account_ref: str, credentials: dict[str, str]) -> uuid.UUID:
        """An account created on the planner, then its credentials put here."""
        account_id = await self.announce(network, account_ref)
        await self.put_credentials(account_id, network, account_ref, credentials)
        return account_id

    async def put_credentials(self, account_id: uuid.UUID, network: str, account_ref: str,
                              credentials: dict[str, str]) -> None:
        async with self.rt.db.uow() as uow:
            await accounts.connect(uow=uow, box=self.rt.secrets, tenant_id=self.tenant_id, account_id=account_id,
                                   body=CredentialsPut(network=network, account_ref=account_ref,
                                                       credentials=credentials))

    async def schedule(self, account_id: uuid.UUID, network: str, account_ref: str, text: str,
                       **extra: Any) -> uuid.UUID:
        target_id = uuid.uuid4()
        event = ev.new_event(ev.PostScheduled(
            target_id=target_id, post_id=uuid.uuid4(), account_id=account_id, network=network,
            account_ref=account_ref, text=text, scheduled_at=ev.utcnow() - timedelta(seconds=1), **extra),
            tenant_id=self.tenant_id)
        async with self.rt.db.uow() as uow:
            await targets.receive(uow=uow, event=event)
            await uow.commit()
        return target_id

    async def run(self, target_id: uuid.UUID, *, now_offset_s: float = 0.0) -> PublishTarget:
        """Claim this one target if it is ready (``now`` shifted to skip waits) and publish it."""
        async with self.rt.db.uow() as uow:
            await uow.session.execute(sa.update(PublishTarget).where(
                PublishTarget.target_id == target_id, PublishTarget.state.in_(("received", "uncertain")),
            ).values(next_attempt_at=PublishTarget.next_attempt_at - timedelta(seconds=now_offset_s)))
            await uow.commit()
        async with self.rt.db.uow() as uow:
            row = await uow.session.scalar(sa.select(PublishTarget).where(PublishTarget.target_id == target_id))
            state, attempts = row.state, row.attempts
            ready = state in ("received", "uncertain") and row.next_attempt_at <= ev.utcnow()
            if ready:
                await uow.session.execute(sa.update(PublishTarget).where(PublishTarget.target_id == target_id)
                                          .values(state="publishing", attempts=PublishTarget.attempts + 1,
                                                  lease_until=ev.utcnow() + timedelta(seconds=30)))
                await uow.commit()
        if ready:
            await publish_one(self.rt, targets.Claim(target_id, state == "uncertain", attempts + 1))
        return await self.target(target_id)

    async def target(self, target_id: uuid.UUID) -> PublishTarget:
        async with self.rt.db.uow() as uow:
            return await uow.session.get(PublishTarget, target_id)

    async def events(self, target_id: uuid.UUID) -> list[ev.Envelope]:
        outbox = Base.messaging.outbox
        async with self.rt.db.uow() as uow:
            rows = (await uow.session.execute(sa.select(outbox.c.topic, outbox.c.body).where(
                outbox.c.key == str(target_id)).order_by(outbox.c.id))).all()
        return [ev.decode(topic, body) for topic, body in rows]


@pytest.fixture
def publisher(runtime) -> Publisher:
    return Publisher(runtime)


@pytest.fixture
async def publisher_api(settings, topics, sandbox_server, runtime):
    """The publisher app in-process, without background jobs or consumers: ``async with publisher_api() as client``."""
    from contextlib import asynccontextmanager

    import httpx

    from publisher.app import build_app

    @asynccontextmanager
    async def run():
        app = build_app(settings, publisher_settings(sandbox_server), jobs=[], consume=False)
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://publisher") as c:
                yield c
    return run
