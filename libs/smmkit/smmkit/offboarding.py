"""Offboarding: a tenant's data exported as one archive, and deleted by every service on an event.

Each service describes its tenant data once (``TenantData``); the rest follows from its SQLAlchemy
metadata, so a new table is exported and deleted without new code:

- a table with a ``tenant_id`` column (or the column ``tenant_columns`` names) holds rows of that tenant;
- a table without one but with a foreign key to such a table holds the rows that reference the tenant's;
- any other table must be listed in ``no_tenant_data`` with the reason (``unclassified`` names the rest, and
  ``tests/foundation/test_offboarding.py`` fails on any).

**Export** (``GET /export`` for the tenant with an ``admin`` key, ``GET /admin/tenants/{id}/export`` for the
operator): JSON Lines, a header line then one ``{"table", "row"}`` line per row. Encrypted secrets and hashes
(``LargeBinary`` columns, ``*_hash``) are withheld and named in the header. ``write_archive`` (``smm tenants
export``) combines every service's stream into one zip; docs/offboarding.md describes it.

**Deletion**: the operator's ``POST /admin/tenants/{id}/deletion`` (planner) suspends the tenant and emits
``tenant.deletion_requested``; each service's handler deletes its rows (children first), its outbox rows and
dead letters of the tenant, its Redis keys, and confirms with ``tenant.data_deleted``. The planner records each
confirmation; with all of ``SERVICES`` in, the tenancy rows (keys, tenant) go last. Deletion progress is kept
under a SHA-256 digest of the tenant id, so the record of a deletion holds no id of the tenant it deleted.
"""
from __future__ import annotations

import asyncio
import io
import uuid
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import orjson
import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.exc import DBAPIError

from smmkit import events as ev
from smmkit.crypto import sha256_hex
from smmkit.db import UnitOfWork
from smmkit.observability import get_logger
from smmkit.tenancy import TenantDep, _existing_tenants, api_keys, metadata as tenancy_metadata, require_operator, tenants

log = get_logger(__name__)

FORMAT_VERSION = 1
# Every service that holds tenant data and confirms its deletion; the tenancy rows go once all have.
SERVICES: tuple[str, ...] = ("planner", "publisher", "metrics", "attribution", "web")
TOPICS = ev.OFFBOARDING_TOPICS
# The tenant's API with an admin key may read its export; other scopes may not (``ScopeRules``).
SCOPE_RULES = {"GET /export": "admin"}
# Every process refuses a suspended tenant's keys within ``TenantAuth``'s cache TTL (5 s), plus a margin.
SUSPENSION_APPLIES_S = 6.0

# Messaging tables every service schema has (``smmkit.db.messaging_tables``).
MESSAGING_NOT_EXPORTED = {
    "outbox": "events on their way to the broker: copies of rows exported from their own tables",
    "dead_letters": "events a consumer could not handle: the operator's to replay, copies of event data",
}
MESSAGING_NO_TENANT_DATA = {
    "inbox": "ids of events a consumer handled; no tenant id, nothing of the tenant's content",
    "broker_epoch": "the broker's cluster id, one row for the service",
}

RedisPattern = Callable[[uuid.UUID], str]


def usage_keys(tenant_id: uuid.UUID) -> str:
    """API calls per day (``smmkit.usage``)."""
    return f"smm:usage:{tenant_id}:*"


@dataclass(frozen=True)
class TenantData:
    """What one service holds of a tenant: its tables (from ``metadata``) and its Redis keys."""

    service: str
    metadata: sa.MetaData
    tenant_columns: Mapping[str, str] = field(default_factory=dict)  # table -> column holding the tenant id
    no_tenant_data: Mapping[str, str] = field(default_factory=dict)  # table -> why it holds nothing of a tenant
    not_exported: Mapping[str, str] = field(default_factory=dict)  # table -> why it is deleted but not exported
    # table -> more rows of the tenant than its tenant column finds (clicks stored before their tenant was known)
    also: Mapping[str, Callable[[sa.Table, uuid.UUID], sa.ColumnElement[bool]]] = field(default_factory=dict)
    redis_patterns: tuple[RedisPattern, ...] = (usage_keys,)
    # run in the deletion's transaction before any row goes (attribution forgets the tenant's link targets)
    before_delete: Callable[[UnitOfWork, uuid.UUID], Awaitable[None]] | None = None

    @property
    def schema(self) -> str:
        return self.metadata.schema or "public"

    def excluded(self) -> dict[str, str]:
        return {**MESSAGING_NO_TENANT_DATA, **self.no_tenant_data}

    def skipped_in_export(self) -> dict[str, str]:
        return {**MESSAGING_NOT_EXPORTED, **self.not_exported}


class Unclassified(Exception):
    pass


def _tenant_column(data: TenantData, table: sa.Table) -> sa.Column | None:
    name = data.tenant_columns.get(table.name, "tenant_id")
    return table.c[name] if name in table.c else None


def scopes(data: TenantData, tenant_id: uuid.UUID) -> dict[sa.Table, sa.ColumnElement[bool]]:
    """Each table holding tenant data -> the condition its rows of ``tenant_id`` meet, parents before children.
    Raises ``Unclassified`` for a table that is neither scoped nor excluded with a reason."""
    found: dict[sa.Table, sa.ColumnElement[bool]] = {}
    for table in data.metadata.sorted_tables:  # parents first: a child may be scoped through its parent
        if table.name in data.excluded():
            continue
        column = _tenant_column(data, table)
        if column is not None:
            where = column == tenant_id
        else:
            via = next((fk for fk in table.foreign_keys if fk.column.table in found), None)
            if via is None:
                raise Unclassified(f"{table.fullname}: no tenant column, no foreign key to a tenant's table and "
                                   "no reason in no_tenant_data")
            where = via.parent.in_(sa.select(via.column).where(found[via.column.table]))
        if table.name in data.also:
            where = sa.or_(where, data.also[table.name](table, tenant_id))
        found[table] = where
    return found


def unclassified(data: TenantData) -> list[str]:
    """Tables of ``data`` that would be neither exported nor deleted nor excused (empty when all is well)."""
    try:
        scopes(data, uuid.uuid4())
    except Unclassified as exc:
        return [str(exc)]
    stale = [n for n in (*data.no_tenant_data, *data.not_exported, *data.tenant_columns, *data.also)
             if n not in {t.name for t in data.metadata.sorted_tables}]
    return [f"{n}: named in TenantData but no such table" for n in stale]


def withheld(table: sa.Table) -> list[str]:
    """Columns left out of an export: encrypted secrets (bytes) and hashes of keys, passwords and tokens."""
    return [c.name for c in table.columns if isinstance(c.type, sa.LargeBinary) or c.name.endswith("_hash")]


def digest(tenant_id: uuid.UUID) -> str:
    """How a deletion record names its tenant: not the id, which must not outlive the tenant."""
    return sha256_hex(f"tenant:{tenant_id}")


# --- export -----------------------------------------------------------------------------------------------

def _json_default(value: Any) -> Any:
    """What orjson does not take as it is: Decimal, asyncpg's UUID, ranges ... as text."""
    if isinstance(value, (bytes, memoryview)):
        return None  # withheld columns are not selected; a stray one never leaks
    return str(value)


def _line(obj: dict) -> bytes:
    return orjson.dumps(obj, default=_json_default, option=orjson.OPT_NON_STR_KEYS) + b"\n"


async def schema_version(conn, schema: str) -> str | None:
    """The schema's Alembic revision (its version table lives in the schema: ``smmkit.migrate``)."""
    try:
        async with conn.begin_nested():
            return await conn.scalar(sa.text(f'SELECT version_num FROM "{schema}".alembic_version'))
    except DBAPIError:
        return None


async def export_lines(engine, data: TenantData, tenant_id: uuid.UUID) -> AsyncIterator[bytes]:
    """The service's export: a header line, then ``{"table", "row"}`` lines, table by table."""
    where = scopes(data, tenant_id)
    skipped = data.skipped_in_export()
    exported = [t for t in where if t.name not in skipped]
    async with engine.connect() as conn:
        yield _line({"service": data.service, "format_version": FORMAT_VERSION, "tenant_id": str(tenant_id),
                     "schema": data.schema, "schema_version": await schema_version(conn, data.schema),
                     "tables": [t.name for t in exported],
                     "withheld": {t.name: withheld(t) for t in exported if withheld(t)},
                     "not_exported": {t.name: skipped[t.name] for t in where if t.name in skipped}})
        for table in exported:
            hidden = set(withheld(table))
            columns = [c for c in table.columns if c.name not in hidden]
            order = list(table.primary_key.columns) or columns[:1]
            result = await conn.stream(sa.select(*columns).where(where[table]).order_by(*order))
            async for row in result:
                yield _line({"table": table.name, "row": dict(row._mapping)})


def _export_response(request: Request, tenant_id: uuid.UUID) -> StreamingResponse:
    data: TenantData | None = getattr(request.app.state, "tenant_data", None)
    if data is None:
        raise HTTPException(404, "this service holds no tenant data")
    runtime = request.app.state.runtime
    return StreamingResponse(export_lines(runtime.db.engine, data, tenant_id), media_type="application/x-ndjson",
                             headers={"content-disposition": f'attachment; filename="{data.service}-{tenant_id}.jsonl"'})


EXPORT_RESPONSES = {200: {"description": "JSON Lines: a header line, then one line per row (docs/offboarding.md)",
                          "content": {"application/x-ndjson": {"schema": {"type": "string"},
                                                               "example": '{"service": "planner", "format_version": 1}\n'
                                                                          '{"table": "posts", "row": {"id": "…"}}\n'}}}}

export_router = APIRouter(tags=["offboarding"])
admin_export_router = APIRouter(prefix="/admin/tenants", tags=["operator admin"],
                                dependencies=[Depends(require_operator)])


@export_router.get("/export", response_class=StreamingResponse, responses=EXPORT_RESPONSES,
                   summary="Export all this service holds of your tenant, as JSON Lines")
async def export_own(tenant_id: TenantDep, request: Request) -> StreamingResponse:
    return _export_response(request, tenant_id)


@admin_export_router.get("/{tenant_id}/export", response_class=StreamingResponse, responses=EXPORT_RESPONSES,
                         summary="Export all this service holds of a tenant, as JSON Lines (operator)")
async def export_tenant(tenant_id: uuid.UUID, request: Request) -> StreamingResponse:
    return _export_response(request, tenant_id)


def write_archive(sources: Mapping[str, str], tenant_id: uuid.UUID | str, *, token: str,
                  admin: bool = True, timeout_s: float = 120.0) -> bytes:
    """One zip of every service's export: ``manifest.json`` and ``<service>/<table>.jsonl``.

    ``sources`` maps a service to its base URL; ``admin`` uses the operator routes (``token`` is the
    operator token), else the tenant's own (``token`` is an admin-scoped API key)."""
    import httpx

    buffer = io.BytesIO()
    manifest: dict[str, Any] = {"format_version": FORMAT_VERSION, "tenant_id": str(tenant_id),
                                "exported_at": datetime.now(UTC).isoformat(), "services": []}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for service, base in sources.items():
            path = f"/admin/tenants/{tenant_id}/export" if admin else "/export"
            with httpx.stream("GET", base.rstrip("/") + path, headers={"Authorization": f"Bearer {token}"},
                              timeout=timeout_s) as resp:
                resp.raise_for_status()
                lines = resp.iter_lines()
                header = orjson.loads(next(lines))
                tables: dict[str, list[str]] = {name: [] for name in header["tables"]}
                for line in lines:
                    if line:
                        item = orjson.loads(line)
                        tables[item["table"]].append(orjson.dumps(item["row"]).decode())
            for name, rows in tables.items():
                archive.writestr(f"{service}/{name}.jsonl", "".join(r + "\n" for r in rows))
            manifest["services"].append({
                "service": service, "schema": header["schema"], "schema_version": header["schema_version"],
                "tables": [{"table": name, "file": f"{service}/{name}.jsonl", "rows": len(rows),
                            "withheld_columns": header["withheld"].get(name, [])} for name, rows in tables.items()],
                "not_exported": header["not_exported"]})
        archive.writestr("manifest.json", orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
    return buffer.getvalue()


# --- deletion: each service -----------------------------------------------------------------------------

async def delete_rows(uow: UnitOfWork, data: TenantData, tenant_id: uuid.UUID) -> int:
    """Every row of the tenant in this service's schema, children before parents, plus its outbox rows (but
    the offboarding events') and dead letters. Returns how many were deleted."""
    where = scopes(data, tenant_id)
    first = [t for t in where if t.name in data.also]  # they find rows through tables deleted after them
    order = first + [t for t in reversed(list(where)) if t not in first]
    deleted = 0
    for table in order:
        if table.name == "outbox":
            stmt = sa.delete(table).where(where[table], table.c.topic.not_in(TOPICS))
        else:
            stmt = sa.delete(table).where(where[table])
        deleted += (await uow.session.execute(stmt)).rowcount or 0
    return deleted


async def delete_redis_keys(redis, service: str, data: TenantData, tenant_id: uuid.UUID,
                            key_hashes: list[str]) -> int:
    """The tenant's Redis keys: ``data.redis_patterns`` (scanned) and its API keys' rate-limit buckets in this
    service (``smmkit.apilimit``: the subject is the key's hash, the first 32 hex digits)."""
    if redis is None:
        return 0
    names: list = [f"smm:api:key:{service}:{h[:32]}" for h in key_hashes]
    for pattern in data.redis_patterns:
        names += [k async for k in redis.scan_iter(match=pattern(tenant_id), count=1000)]
    return int(await redis.delete(*names)) if names else 0


def deletion_handler(data: TenantData):
    """The service's ``tenant.deletion_requested`` handler: delete, then confirm (idempotent: a second run
    finds nothing and confirms again)."""

    async def on_tenant_deletion_requested(event: ev.Envelope[ev.TenantDeletionRequested], uow: UnitOfWork) -> None:
        tenant_id = event.tenant_id
        # A request let in by a key cached before the suspension could still write rows or count usage: delete
        # once no process lets the tenant's keys in any more.
        wait_s = (event.payload.requested_at - ev.utcnow()).total_seconds() + SUSPENSION_APPLIES_S
        if wait_s > 0:
            await asyncio.sleep(wait_s)
        _existing_tenants.pop(tenant_id, None)  # "it exists" was cached for good in this process
        if data.before_delete is not None:
            await data.before_delete(uow, tenant_id)
        rows = await delete_rows(uow, data, tenant_id)
        hashes = list((await uow.session.scalars(sa.select(api_keys.c.key_hash)
                                                 .where(api_keys.c.tenant_id == tenant_id))).all())
        keys = await delete_redis_keys(getattr(uow.db, "redis", None), data.service, data, tenant_id, hashes)
        uow.emit(ev.new_event(ev.TenantDataDeleted(
            deletion_id=event.payload.deletion_id, service=data.service, rows_deleted=rows, redis_keys_deleted=keys,
            deleted_at=ev.utcnow()), tenant_id=tenant_id, correlation_id=event.correlation_id))
        log.info("tenant data deleted", service=data.service, rows=rows, redis_keys=keys)

    return on_tenant_deletion_requested


# --- deletion: the operator's request and its progress (planner, tenancy schema) ------------------------

deletions = sa.Table(
    "tenant_deletions", tenancy_metadata,
    sa.Column("deletion_id", UUID(as_uuid=True), primary_key=True),
    sa.Column("tenant_digest", sa.Text, nullable=False, unique=True),  # digest(tenant id): never the id
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("completed_at", sa.DateTime(timezone=True)),
    # service -> {"deleted_at", "rows_deleted", "redis_keys_deleted"} of its last confirmation
    sa.Column("confirmations", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
)


class ServiceProgress(BaseModel):
    service: str
    status: Literal["pending", "deleted"]
    deleted_at: datetime | None = None
    rows_deleted: int | None = None
    redis_keys_deleted: int | None = None


class DeletionRead(BaseModel):
    deletion_id: uuid.UUID
    status: Literal["in_progress", "completed"]
    requested_at: datetime
    completed_at: datetime | None
    services: list[ServiceProgress]


def _read(row) -> DeletionRead:
    done = row.confirmations or {}
    return DeletionRead(
        deletion_id=row.deletion_id, status="completed" if row.completed_at else "in_progress",
        requested_at=row.requested_at, completed_at=row.completed_at,
        services=[ServiceProgress(service=s, status="deleted", **done[s]) if s in done
                  else ServiceProgress(service=s, status="pending") for s in SERVICES])


async def request_deletion(*, uow: UnitOfWork, tenant_id: uuid.UUID) -> DeletionRead | None:
    """Suspend the tenant (every service refuses its keys within seconds) and ask every service to delete its
    data. Asked again, the same deletion is announced again (a service that missed it catches up); asked after
    it completed, the completed record is answered. None: no such tenant, nor a deletion of one."""
    session = uow.session
    existing = (await session.execute(sa.select(deletions).where(deletions.c.tenant_digest == digest(tenant_id))
                                      .with_for_update())).one_or_none()
    if existing is not None and existing.completed_at is not None:
        return _read(existing)
    found = await session.execute(sa.update(tenants).where(tenants.c.id == tenant_id).values(status="suspended"))
    if existing is None and not found.rowcount:
        return None
    if existing is None:
        await session.execute(sa.insert(deletions).values(deletion_id=uuid.uuid4(), tenant_digest=digest(tenant_id)))
    row = (await session.execute(sa.select(deletions).where(deletions.c.tenant_digest == digest(tenant_id)))).one()
    uow.emit(ev.new_event(ev.TenantDeletionRequested(deletion_id=row.deletion_id, requested_at=row.requested_at),
                          tenant_id=tenant_id))
    return _read(row)


async def record_confirmation(*, uow: UnitOfWork, tenant_id: uuid.UUID, confirmed: ev.TenantDataDeleted) -> None:
    """One service's confirmation; with every service's in, the tenancy rows go (last: until then each service
    still reads the tenant's keys, to drop their rate-limit buckets)."""
    session = uow.session
    row = (await session.execute(sa.select(deletions).where(deletions.c.deletion_id == confirmed.deletion_id)
                                 .with_for_update())).one_or_none()
    if row is None:
        return
    done = dict(row.confirmations or {})
    done[confirmed.service] = {"deleted_at": confirmed.deleted_at.isoformat(),
                               "rows_deleted": confirmed.rows_deleted,
                               "redis_keys_deleted": confirmed.redis_keys_deleted}
    values: dict[str, Any] = {"confirmations": done}
    if row.completed_at is None and all(s in done for s in SERVICES):
        await delete_tenancy_rows(session, tenant_id)
        values["completed_at"] = ev.utcnow()
    await session.execute(sa.update(deletions).where(deletions.c.deletion_id == row.deletion_id).values(**values))


async def delete_tenancy_rows(session, tenant_id: uuid.UUID) -> None:
    """Every ``tenancy`` table's rows of the tenant, found in the database (other modules add tables there),
    then the tenant itself. A table another one references waits for a later pass."""
    names = list((await session.scalars(sa.text(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'tenancy' "
        "AND column_name = 'tenant_id' ORDER BY table_name"))).all())
    for _ in range(len(names) + 1):
        failed = []
        for name in names:
            try:
                async with session.begin_nested():
                    await session.execute(sa.text(f'DELETE FROM tenancy."{name}" WHERE tenant_id = :t'),
                                          {"t": tenant_id})
            except DBAPIError:  # still referenced by a table not yet emptied
                failed.append(name)
        names = failed
        if not names:
            break
    await session.execute(sa.delete(tenants).where(tenants.c.id == tenant_id))


async def on_tenant_data_deleted(event: ev.Envelope[ev.TenantDataDeleted], uow: UnitOfWork) -> None:
    """The planner's handler of each service's confirmation."""
    await record_confirmation(uow=uow, tenant_id=event.tenant_id, confirmed=event.payload)


deletion_router = APIRouter(prefix="/admin/tenants", tags=["operator admin"], dependencies=[Depends(require_operator)])


@deletion_router.post("/{tenant_id}/deletion", status_code=202, response_model=DeletionRead,
                      summary="Delete a tenant and all its data, in every service (operator)")
async def admin_request_deletion(tenant_id: uuid.UUID, request: Request) -> DeletionRead:
    async with request.app.state.runtime.db.uow() as uow:
        progress = await request_deletion(uow=uow, tenant_id=tenant_id)
        await uow.commit()
    if progress is None:
        raise HTTPException(404, "tenant not found")
    return progress


@deletion_router.get("/{tenant_id}/deletion", response_model=DeletionRead,
                     summary="A tenant's deletion progress, per service (operator)")
async def admin_read_deletion(tenant_id: uuid.UUID, request: Request) -> DeletionRead:
    async with request.app.state.runtime.db.engine.connect() as conn:
        row = (await conn.execute(sa.select(deletions).where(deletions.c.tenant_digest == digest(tenant_id)))
               ).one_or_none()
    if row is None:
        raise HTTPException(404, "no deletion was requested for this tenant")
    return _read(row)
