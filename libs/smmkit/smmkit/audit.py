"""The audit log: who changed what, when and from where, for every write that succeeded on any service.

``AuditLog`` (ASGI middleware, every service) records a request when its method is not GET/HEAD/OPTIONS, its
answer is 2xx or 3xx, and an auth step named who made it (``identify``: ``current_tenant`` for a tenant's key,
``require_operator`` for the operator, a review link for its reviewer). An entry holds the actor (the key's id
and name, or ``operator``), ``on_behalf_of`` (the ``X-Actor`` header: the web app's signed-in user), the
action (method and route template), the target (the path parameters, tokens left out), the time and the
source address (the peer as uvicorn's proxy settings trust ``X-Forwarded-For``). Never a body, a query string
or a header's secret.

Entries of requests that finish together share one INSERT (``Coalescer``: group commit, one statement over
arrays). The row goes in after the answer was sent, so the log costs a caller no latency; a failed write is
logged, the request stays done.
"""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncEngine

from smmkit.batching import Coalescer
from smmkit.observability import get_logger
from smmkit.pagination import Page, PageRequest
from smmkit.validation import Label, Moment

log = get_logger(__name__)

SCOPE_KEY = "smm.audit"
READS = frozenset({"GET", "HEAD", "OPTIONS"})
ON_BEHALF_MAX = 200  # the X-Actor header: a Label


def audit_table(metadata: sa.MetaData) -> sa.Table:
    """The table, in the tenancy schema's metadata (``smmkit.tenancy.audit_log``)."""
    return sa.Table(
        "audit_log", metadata,
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
        sa.Column("tenant_id", UUID(as_uuid=True)),  # null: an operator write on no one tenant
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),  # key:<id> | operator | reviewer:<name>
        sa.Column("actor_name", sa.Text),  # the key's name
        sa.Column("on_behalf_of", sa.Text),  # X-Actor
        sa.Column("service", sa.Text, nullable=False),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("route", sa.Text, nullable=False),
        sa.Column("target", JSONB, nullable=False),
        sa.Column("status", sa.SmallInteger, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("correlation_id", sa.Text),
        sa.Index("ix_audit_log_tenant_id", "tenant_id", "id"),
    )


def identify(request: Request, *, tenant_id: uuid.UUID | str | None, actor: str, actor_name: str | None = None) -> None:
    """Name who makes this request (called by the auth steps); without it a write is not logged."""
    holder = request.scope.get(SCOPE_KEY)
    if holder is None:  # an app without the middleware (a test's bare router)
        return
    route = request.scope.get("route")
    holder.update(tenant_id=_uuid(tenant_id), actor=actor, actor_name=actor_name,
                  route=getattr(route, "path_format", request.url.path),
                  target={k: str(v) for k, v in request.path_params.items() if not _secret(k)})


def _secret(name: str) -> bool:
    # a review link's or tracked link's token is a credential: it never goes in the log
    return any(word in name.lower() for word in ("token", "secret", "key_hash"))


def _uuid(value: uuid.UUID | str | None) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class AuditLog:
    """ASGI middleware: one entry per successful, identified write (see the module's docstring)."""

    def __init__(self, app, *, service: str):
        self.app, self.service = app, service

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in READS:
            return await self.app(scope, receive, send)
        holder: dict[str, Any] = {}
        scope[SCOPE_KEY] = holder
        answered: dict[str, Any] = {}

        async def send_noting_status(message):
            if message["type"] == "http.response.start":
                answered["status"] = message["status"]
                answered["correlation_id"] = next((v.decode("latin-1") for k, v in message.get("headers", ())
                                                   if k.lower() == b"x-correlation-id"), None)
            await send(message)

        at = datetime.now(UTC)
        await self.app(scope, receive, send_noting_status)
        status = answered.get("status", 500)
        if "actor" not in holder or not 200 <= status < 400:
            return
        headers = dict(scope.get("headers") or ())
        on_behalf = headers.get(b"x-actor", b"").decode("utf-8", "replace")
        on_behalf = "".join(c for c in on_behalf if c.isprintable())[:ON_BEHALF_MAX] or None
        client = scope.get("client")
        entry = {**holder, "at": at, "on_behalf_of": on_behalf, "service": self.service, "method": scope["method"],
                 "status": status, "source": client[0] if client else None,
                 "correlation_id": answered.get("correlation_id")}
        try:
            await scope["app"].state.runtime.audit.record(entry)
        except Exception as exc:  # noqa: BLE001 - the request is done; the lost entry is logged, never its body
            log.error("audit entry not written", route=entry["route"], method=entry["method"], error=repr(exc))


_INSERT = sa.text("""
INSERT INTO tenancy.audit_log (tenant_id, at, actor, actor_name, on_behalf_of, service, method, route, target,
                               status, source, correlation_id)
SELECT t, a, ac, an, ob, sv, m, r, CAST(tg AS jsonb), st, src, cid FROM unnest(
    CAST(:tenant_ids AS uuid[]), CAST(:ats AS timestamptz[]), CAST(:actors AS text[]), CAST(:names AS text[]),
    CAST(:on_behalf AS text[]), CAST(:services AS text[]), CAST(:methods AS text[]), CAST(:routes AS text[]),
    CAST(:targets AS text[]), CAST(:statuses AS smallint[]), CAST(:sources AS text[]), CAST(:cids AS text[])
) AS x(t, a, ac, an, ob, sv, m, r, tg, st, src, cid)
""")


class AuditWriter:
    """Writes entries; those submitted while a write is in flight go together in the next (one statement)."""

    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self._coalescer: Coalescer[dict, None] = Coalescer(self._write)

    async def record(self, entry: dict) -> None:
        await self._coalescer.submit(entry)

    async def _write(self, batch: list[dict]) -> list[None]:
        columns = {"tenant_ids": "tenant_id", "ats": "at", "actors": "actor", "names": "actor_name",
                   "on_behalf": "on_behalf_of", "services": "service", "methods": "method", "routes": "route",
                   "statuses": "status", "sources": "source", "cids": "correlation_id"}
        params: dict[str, list] = {p: [e.get(c) for e in batch] for p, c in columns.items()}
        params["targets"] = [json.dumps(e.get("target") or {}) for e in batch]
        async with self.engine.begin() as conn:
            await conn.execute(_INSERT, params)
        return [None] * len(batch)


# --- reading it: the operator for any tenant, a tenant for itself -------------------------------------------

class AuditEntry(BaseModel):
    id: int = Field(description="Increasing: the newest entry has the highest")
    at: datetime
    actor: str = Field(description="`key:<api key id>`, `operator` or `reviewer:<name>`")
    actor_name: str | None = Field(description="The API key's name, if it has one")
    on_behalf_of: str | None = Field(description="The X-Actor header: the web app's signed-in user, a script's label")
    service: str
    action: str = Field(description="Method and route template, e.g. `POST /posts/{post_id}/approve`")
    target: dict[str, str] = Field(description="The route's path parameters (tokens left out)")
    status: int
    source: str | None = Field(description="The client's address (X-Forwarded-For as the proxy settings trust it)")
    correlation_id: str | None


class AuditFilter(BaseModel):
    since: datetime | None = None
    until: datetime | None = None
    action: str | None = None
    actor: str | None = None


async def audit_filter(
    since: Annotated[Moment | None, Query(description="Entries at or after this time")] = None,
    until: Annotated[Moment | None, Query(description="Entries before this time")] = None,
    action: Annotated[Label | None, Query(description="Exactly this action, e.g. `POST /posts`, "
                                          "or a method alone (`DELETE`)")] = None,
    actor: Annotated[Label | None, Query(description="Exactly this actor, e.g. `key:<id>`")] = None,
) -> AuditFilter:
    return AuditFilter(since=since, until=until, action=action, actor=actor)


AuditFilterDep = Annotated[AuditFilter, Depends(audit_filter)]


async def query(*, engine: AsyncEngine, table: sa.Table, tenant_id: uuid.UUID, where: AuditFilter,
                page: PageRequest) -> Page[AuditEntry]:
    """The tenant's entries that match, newest first, one page."""
    t = table
    stmt = sa.select(t).where(t.c.tenant_id == tenant_id)
    if where.since is not None:
        stmt = stmt.where(t.c.at >= where.since)
    if where.until is not None:
        stmt = stmt.where(t.c.at < where.until)
    if where.actor:
        stmt = stmt.where(t.c.actor == where.actor)
    if where.action:
        method, _, route = where.action.strip().partition(" ")
        stmt = stmt.where(t.c.method == method.upper())
        if route:
            stmt = stmt.where(t.c.route == route.strip())
    ks = page.keyset(stmt, t.c.id, descending=True, scope=tenant_id)
    async with engine.connect() as conn:
        rows = (await conn.execute(ks.stmt)).all()
    return ks.page(rows, lambda r: AuditEntry(action=f"{r.method} {r.route}", **{
        k: v for k, v in r._mapping.items() if k in AuditEntry.model_fields}))
