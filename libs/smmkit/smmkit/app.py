"""The one way a service process is assembled: runtime (DB, Redis, Kafka), background loops and HTTP app.

A service passes its subscriptions (topic → handler), its background jobs and its
routers; this module starts and stops everything in the lifespan and adds
``/healthz``, ``/readyz``, ``/metrics``, the operator's ``/admin/dead-letters`` and
problem+json errors.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import redis.asyncio as aioredis
import sqlalchemy as sa
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_fastapi_instrumentator import Instrumentator

from smmkit import apilimit, bodylimit, offboarding, tracing
from smmkit.apilimit import ApiLimits
from smmkit.audit import AuditLog, AuditWriter
from smmkit.brokerwatch import BrokerWatch
from smmkit.bus import EventConsumer, Subscription, make_producer
from smmkit.crypto import SecretBox
from smmkit.db import Database, MessagingTables
from smmkit.deadletters import admin_router as dead_letters_router
from smmkit.networks import make_http_client
from smmkit.offboarding import TenantData
from smmkit.observability import CorrelationId, configure_logging, get_logger
from smmkit.outbox import OutboxRelay
from smmkit.plans import PlanRates
from smmkit.openapi import document_operations, operation_id
from smmkit.problems import install_problem_handlers
from smmkit.ratelimit import RateLimiter
from smmkit.settings import CommonSettings
from smmkit.tenancy import DEFAULT_SCOPE_RULES, ScopeRules, Suspensions, TenantAuth, document_scope, takes_tenant_key
from smmkit.usage import UsageSource
from smmkit.usage_api import router as usage_router

log = get_logger(__name__)

Job = Callable[["Runtime"], Awaitable[None]]
HTTP_LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


@dataclass
class Runtime:
    """Everything a request handler or background loop of one process may need."""

    name: str
    settings: CommonSettings
    db: Database
    redis: aioredis.Redis
    producer: Any
    tenant_auth: TenantAuth
    secrets: SecretBox
    suspensions: Suspensions | None = None  # None: none known yet (a runtime a test builds); refreshed in the lifespan
    audit: AuditWriter | None = None
    api_limits: ApiLimits | None = None
    service_settings: Any = None
    tasks: list[asyncio.Task] = field(default_factory=list)
    http_clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.suspensions = self.suspensions or Suspensions(self.db.engine, refresh_s=self.settings.suspension_refresh_s)
        self.audit = self.audit or AuditWriter(self.db.engine)

    def http_client(self, base_url: str, *, timeout_s: float = 10.0) -> httpx.AsyncClient:
        """One pooled client per base URL for the life of the process."""
        if base_url not in self.http_clients:
            self.http_clients[base_url] = make_http_client(base_url, timeout_s=timeout_s)
        return self.http_clients[base_url]


async def _start_producer(producer, attempts: int = 30) -> None:
    for attempt in range(attempts):
        try:
            await producer.start()
            return
        except Exception as exc:  # noqa: BLE001 - the broker may still be starting
            if attempt == attempts - 1:
                raise
            log.warning("broker not reachable yet", error=repr(exc))
            await asyncio.sleep(1.0)


async def supervise(name: str, run: Callable[[], Awaitable[None]], *, restart_delay_s: float = 1.0) -> None:
    """Keep a background loop alive: log a crash and start it again."""
    while True:
        try:
            await run()
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001
            log.error("background loop crashed; restarting", loop=name, error=repr(exc))
            await asyncio.sleep(restart_delay_s)


async def _shutdown_step(what: str, awaitable, timeout_s: float = 10.0) -> None:
    """One step of stopping, bounded: a step that hangs (a broker or database gone first) must not keep the
    process, or a test session, from ending; the next steps still run."""
    try:
        await asyncio.wait_for(awaitable, timeout_s)
    except Exception as exc:  # noqa: BLE001 - stopping goes on whatever one step did
        log.warning("shutdown step did not finish", step=what, error=repr(exc))


class Consumers:
    """This process's consumer loops, restarted as one when the broker lost its data (``smmkit.brokerwatch``)."""

    def __init__(self, subscriptions: Sequence[Subscription], *, db: Database, producer, settings: CommonSettings):
        self.subscriptions = subscriptions
        self.db, self.producer, self.settings = db, producer, settings
        self.tasks: list[asyncio.Task] = []

    def start(self) -> None:
        self.tasks = [asyncio.create_task(supervise(f"consumer:{sub.consumer}", lambda sub=sub: EventConsumer(
            sub, db=self.db, producer=self.producer, settings=self.settings).run())) for sub in self.subscriptions]

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks = []

    async def restart(self) -> None:
        await self.stop()
        self.start()


def refuse_development_values(settings: CommonSettings, service_settings: Any) -> None:
    """In production, a service's own settings may not keep a value that is public knowledge (a development key):
    each settings class lists such values in ``development_values()`` (name -> is it still the development one)."""
    listed = getattr(service_settings, "development_values", None)
    if settings.environment != "production" or listed is None:
        return
    kept = sorted(name for name, is_development in listed().items() if is_development)
    if kept:
        raise ValueError(f"{', '.join(kept)}: set your own in production (the development values are public)")


def create_service_app(
    *,
    name: str,
    settings: CommonSettings,
    messaging: MessagingTables,
    routers: Sequence[APIRouter] = (),
    subscriptions: Sequence[Subscription] = (),
    jobs: Sequence[Job] = (),
    service_settings: Any = None,
    description: str = "",
    scopes: ScopeRules = DEFAULT_SCOPE_RULES,
    usage: UsageSource | None = None,
    tenant_data: TenantData | None = None,
) -> FastAPI:
    configure_logging(name, level=settings.log_level, json=settings.log_json)
    tracing.setup(name, trace_file=settings.trace_file)
    refuse_development_values(settings, service_settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        db = Database(settings.database_url, messaging, max_event_bytes=settings.event_max_bytes)
        redis = aioredis.from_url(settings.redis_url)
        runtime = Runtime(
            name=name, settings=settings, db=db, redis=redis,
            producer=make_producer(settings),
            tenant_auth=TenantAuth(db.engine),
            secrets=SecretBox(settings.secret_keys),
            api_limits=ApiLimits(RateLimiter(redis, prefix="smm:api"), service=name, settings=settings,
                                 plans=PlanRates(db.engine)),
            service_settings=service_settings,
        )
        app.state.runtime = runtime
        db.redis = redis
        await runtime.suspensions.refresh()  # before the first request: a suspended tenant is never served
        runtime.tasks.append(asyncio.create_task(supervise("suspensions", runtime.suspensions.run)))
        await _start_producer(runtime.producer)
        relay = OutboxRelay(db, runtime.producer)
        runtime.tasks.append(asyncio.create_task(supervise("outbox-relay", relay.run)))
        consumers = Consumers(subscriptions, db=db, producer=runtime.producer, settings=settings)
        watch = BrokerWatch(db, runtime.producer, settings, restart_consumers=consumers.restart, service=name)
        await watch.check()  # a broker replaced while this service was down: recover before consuming
        consumers.start()
        runtime.tasks.append(asyncio.create_task(supervise("broker-watch", watch.run)))
        for job in jobs:
            runtime.tasks.append(asyncio.create_task(supervise(job.__name__, lambda job=job: job(runtime))))
        log.info("service started", consumers=[s.consumer for s in subscriptions], jobs=[j.__name__ for j in jobs])
        try:
            yield
        finally:
            for task in runtime.tasks:
                task.cancel()
            await _shutdown_step("background loops", asyncio.gather(*runtime.tasks, return_exceptions=True))
            await _shutdown_step("consumers", consumers.stop())
            await _shutdown_step("producer", runtime.producer.stop())
            for client in runtime.http_clients.values():
                await _shutdown_step("http client", client.aclose())
            await _shutdown_step("redis", runtime.redis.aclose())
            await _shutdown_step("database", db.dispose())

    app = FastAPI(title=f"SMM {name}", description=description, version="0.1.0", lifespan=lifespan,
                  generate_unique_id_function=operation_id)
    app.state.scope_rules = scopes  # the scope each tenant route needs (smmkit.tenancy.current_tenant)
    app.state.usage_source = usage  # this service's usage counts (smmkit.usage_api)
    app.state.tenant_data = tenant_data  # what it holds of a tenant, exported and deleted (smmkit.offboarding)
    install_problem_handlers(app)
    app.add_middleware(bodylimit.BodyLimit, default=settings.http_body_limit_bytes)
    instrument_http(app)
    app.add_middleware(CorrelationId)
    app.add_middleware(AuditLog, service=name)  # outside CorrelationId: it sees the final status and the id
    tracing.instrument_app(app)
    routers = [health_router(), dead_letters_router, usage_router, *routers]
    if tenant_data is not None:
        routers += [offboarding.export_router, offboarding.admin_export_router]
    for router in routers:
        app.include_router(router)
    routes = [r for router in routers for r in router.routes if isinstance(r, APIRoute)]
    _document_limits(app, routes, settings, scopes)
    document_operations(app, routes)  # last: it documents every answer the steps above added as problem+json
    return app


def instrument_http(app: FastAPI) -> None:
    """Request rate, errors and latency per route template (``http_requests_total{handler, method, status}``,
    ``http_request_duration_seconds{handler, method}``); status grouped (2xx, 4xx ...), probes left out, and
    paths no route matched counted as one ``none`` handler, so no label is unbounded."""
    Instrumentator(excluded_handlers=["/metrics", "/healthz", "/readyz"], should_group_untemplated=True).instrument(
        app, latency_lowr_buckets=HTTP_LATENCY_BUCKETS_S)


def _document_limits(app: FastAPI, routes: list[APIRoute], settings: CommonSettings, scopes: ScopeRules) -> None:
    """Each operation's body limit (x-body-limit, 413), rate limit (429) and API key scope (x-required-scope,
    403) in the OpenAPI document.

    Added to the generated document, not to the routes: routers are shared by every app built from them."""
    generate = app.openapi

    def openapi() -> dict:
        schema = generate()
        for route in routes:
            for method in route.methods:
                operation = schema["paths"].get(route.path_format, {}).get(method.lower())
                if operation is None:
                    continue
                if method in ("POST", "PUT", "PATCH") or bodylimit.EXTENSION in (route.openapi_extra or {}):
                    bodylimit.document(operation, route, settings.http_body_limit_bytes)
                if apilimit.takes_rate_limit(route):
                    apilimit.document(operation, settings)
                if takes_tenant_key(route):
                    document_scope(operation, scopes.needed(method, route.path_format))
        return schema

    app.openapi = openapi  # type: ignore[method-assign]



def health_router() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="Liveness: the process answers")
    async def healthz() -> dict:
        return {"status": "ok"}

    @router.get("/readyz", summary="Readiness: database, Redis and broker answer (503 if not)")
    async def readyz(request: Request, response: Response) -> dict:
        runtime: Runtime = request.app.state.runtime
        checks = {
            "database": _check(_db_ping(runtime)),
            "redis": _check(runtime.redis.ping()),
            "kafka": _check(runtime.producer.client.fetch_all_metadata()),
        }
        results = dict(zip(checks, await asyncio.gather(*checks.values())))
        ready = all(v == "ok" for v in results.values())
        response.status_code = 200 if ready else 503
        return {"status": "ready" if ready else "not ready", "checks": results}

    @router.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


async def _db_ping(runtime: Runtime) -> None:
    async with runtime.db.engine.connect() as conn:
        await conn.execute(sa.text("SELECT 1"))


async def _check(awaitable, timeout_s: float = 2.0) -> str:
    try:
        await asyncio.wait_for(awaitable, timeout_s)
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return f"failed: {type(exc).__name__}"
