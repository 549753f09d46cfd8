"""Tenants and their API keys, plus the operator admin API.

Tenancy is shared plumbing: the ``tenancy`` schema is written only through the
operator admin API (mounted on the planner) and read by every service to
authenticate ``Authorization: Bearer <key>``. Keys are shown once and stored as a
SHA-256 hash (they are 256-bit random, so a slow hash adds nothing).
"""
from __future__ import annotations

import hmac
import re
import secrets
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Literal

import sqlalchemy as sa
from cachetools import LRUCache, TTLCache
from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from smmkit.apilimit import rate_limited
from smmkit.crypto import sha256_hex
from smmkit.observability import bind_context
from smmkit.validation import Name

metadata = sa.MetaData(schema="tenancy")

tenants = sa.Table(
    "tenants", metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default="active"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)
api_keys = sa.Table(
    "api_keys", metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("tenant_id", UUID(as_uuid=True), sa.ForeignKey("tenancy.tenants.id"), nullable=False, index=True),
    sa.Column("key_hash", sa.Text, nullable=False, unique=True),
    sa.Column("prefix", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)


def new_api_key() -> str:
    return "smm_" + secrets.token_urlsafe(32)


_KEY_SHAPE = re.compile(r"smm_[A-Za-z0-9_-]{43}")  # what ``new_api_key`` makes


class TenantAuth:
    """Resolves bearer keys to active tenants, with short in-process caches (suspension applies within ``ttl_s``).

    Known keys and unknown ones are cached apart, each bounded with its own TTL, so a client
    spraying random keys only evicts other unknown keys, never a tenant's real one. A string
    that is not shaped like one of our keys is refused without a database round trip.
    """

    def __init__(self, engine: AsyncEngine, *, ttl_s: float = 5.0, max_keys: int = 10_000,
                 timer: Callable[[], float] = time.monotonic):
        self.engine = engine
        self._known: TTLCache[str, uuid.UUID] = TTLCache(max_keys, ttl_s, timer=timer)
        self._unknown: TTLCache[str, bool] = TTLCache(max_keys, ttl_s, timer=timer)

    async def tenant_for_key(self, key: str) -> uuid.UUID | None:
        if not _KEY_SHAPE.fullmatch(key):
            return None
        digest = sha256_hex(key)
        if (tenant_id := self._known.get(digest)) is not None:
            return tenant_id
        if digest in self._unknown:
            return None
        stmt = (
            sa.select(api_keys.c.tenant_id)
            .join(tenants, tenants.c.id == api_keys.c.tenant_id)
            .where(api_keys.c.key_hash == digest, api_keys.c.revoked_at.is_(None), tenants.c.status == "active")
        )
        async with self.engine.connect() as conn:
            tenant_id = await conn.scalar(stmt)
        if tenant_id is None:
            self._unknown[digest] = True
        else:
            self._known[digest] = tenant_id
        return tenant_id


_existing_tenants: LRUCache[uuid.UUID, bool] = LRUCache(100_000)


async def tenant_exists(session: AsyncSession, tenant_id: uuid.UUID) -> bool:
    """Whether the operator created this tenant (suspended or not), for events that arrive with any tenant id.
    Tenants are never deleted, so a yes is cached for good."""
    if tenant_id in _existing_tenants:
        return True
    found = await session.scalar(sa.select(tenants.c.id).where(tenants.c.id == tenant_id)) is not None
    if found:
        _existing_tenants[tenant_id] = True
    return found


def _bearer(request: Request) -> str:
    """The bearer token, or "" when there is none."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


@rate_limited
async def current_tenant(request: Request) -> uuid.UUID:
    runtime = request.app.state.runtime
    key = _bearer(request)
    tenant_id = await runtime.tenant_auth.tenant_for_key(key) if key else None
    if tenant_id is None:
        await runtime.api_limits.for_client(request)  # guessing keys is limited per address
        raise _unauthorized("invalid or revoked API key" if key else "missing bearer token")
    await runtime.api_limits.for_key(key)
    bind_context(tenant_id=str(tenant_id))  # this request's log lines, ours and the libraries', carry it
    return tenant_id


TenantDep = Annotated[uuid.UUID, Depends(current_tenant)]


@rate_limited
async def require_operator(request: Request) -> None:
    runtime = request.app.state.runtime
    token = _bearer(request)
    if not token or not hmac.compare_digest(token.encode(), runtime.settings.operator_token.encode()):
        await runtime.api_limits.for_client(request)
        raise _unauthorized("invalid operator token" if token else "missing bearer token")
    await runtime.api_limits.for_key(token)


# --- operator admin API -----------------------------------------------------

class TenantCreate(BaseModel):
    name: Name


class TenantRead(BaseModel):
    id: uuid.UUID
    name: str
    status: Literal["active", "suspended"]
    created_at: datetime


class ApiKeyIssued(BaseModel):
    tenant: TenantRead
    api_key: str = Field(description="Shown once; only its hash is stored")
    key_prefix: str


async def create_tenant(engine: AsyncEngine, name: str) -> ApiKeyIssued:
    tenant_id = uuid.uuid4()
    async with engine.begin() as conn:
        row = (await conn.execute(
            sa.insert(tenants).values(id=tenant_id, name=name).returning(*tenants.c)
        )).one()
        key = await _issue_key(conn, tenant_id)
    return ApiKeyIssued(tenant=TenantRead(**row._mapping), api_key=key, key_prefix=key[:10])


async def _issue_key(conn, tenant_id: uuid.UUID) -> str:
    key = new_api_key()
    await conn.execute(sa.insert(api_keys).values(id=uuid.uuid4(), tenant_id=tenant_id,
                                                  key_hash=sha256_hex(key), prefix=key[:10]))
    return key


admin_router = APIRouter(prefix="/admin/tenants", tags=["operator admin"], dependencies=[Depends(require_operator)])


def _engine(request: Request) -> AsyncEngine:
    return request.app.state.runtime.db.engine


@admin_router.post("", status_code=201, response_model=ApiKeyIssued,
                   summary="Create a tenant and its first API key (operator)")
async def admin_create_tenant(body: TenantCreate, request: Request) -> ApiKeyIssued:
    return await create_tenant(_engine(request), body.name)


@admin_router.get("", response_model=list[TenantRead], summary="List tenants (operator)")
async def admin_list_tenants(request: Request) -> list[TenantRead]:
    async with _engine(request).connect() as conn:
        rows = (await conn.execute(sa.select(tenants).order_by(tenants.c.created_at))).all()
    return [TenantRead(**r._mapping) for r in rows]


async def _set_status(request: Request, tenant_id: uuid.UUID, new_status: str) -> TenantRead:
    async with _engine(request).begin() as conn:
        row = (await conn.execute(
            sa.update(tenants).where(tenants.c.id == tenant_id).values(status=new_status).returning(*tenants.c)
        )).one_or_none()
    if row is None:
        raise HTTPException(404, "tenant not found")
    return TenantRead(**row._mapping)


@admin_router.post("/{tenant_id}/suspend", response_model=TenantRead, summary="Suspend a tenant (operator)")
async def admin_suspend_tenant(tenant_id: uuid.UUID, request: Request) -> TenantRead:
    return await _set_status(request, tenant_id, "suspended")


@admin_router.post("/{tenant_id}/activate", response_model=TenantRead, summary="Activate a suspended tenant (operator)")
async def admin_activate_tenant(tenant_id: uuid.UUID, request: Request) -> TenantRead:
    return await _set_status(request, tenant_id, "active")


@admin_router.post("/{tenant_id}/api-keys", status_code=201, response_model=ApiKeyIssued,
                   summary="Issue another API key for a tenant (operator)")
async def admin_issue_key(tenant_id: uuid.UUID, request: Request) -> ApiKeyIssued:
    async with _engine(request).begin() as conn:
        row = (await conn.execute(sa.select(tenants).where(tenants.c.id == tenant_id))).one_or_none()
        if row is None:
            raise HTTPException(404, "tenant not found")
        key = await _issue_key(conn, tenant_id)
    return ApiKeyIssued(tenant=TenantRead(**row._mapping), api_key=key, key_prefix=key[:10])
