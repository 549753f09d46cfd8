"""A tenant's API keys: issue with scopes, list, revoke, and rotate with overlap.

Two doors to the same service functions: the tenant's own (``/api-keys``, needs an admin-scoped key) and
the operator's (``/admin/tenants/{id}/api-keys``); both are mounted on the planner, which writes the
tenancy schema. A rotation issues a new key with the old one's scopes and name; the old key keeps
working until the overlap deadline (now + ``overlap_s``, bounded), then ``TenantAuth`` refuses it.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncEngine

from smmkit.pagination import Page, PageDep, PageRequest
from smmkit.problems import Conflict, NotFound
from smmkit.tenancy import (Scope, TenantDep, TenantRead, _issue_key, api_keys, require_operator, tenants)
from smmkit.validation import DAY_S, Name, seconds

MAX_OVERLAP_S = 7 * DAY_S
OverlapS = seconds(at_least=0, at_most=MAX_OVERLAP_S,
                   description="How long the old key keeps working after the rotation (0: it stops now)")
Scopes = Annotated[list[Scope], Field(min_length=1, max_length=4, description="What the key may do; admin "
                                      "implies every scope, publish implies read-only")]


class KeyCreate(BaseModel):
    scopes: Scopes = ["admin"]
    name: Name | None = None


class KeyRotate(BaseModel):
    overlap_s: OverlapS = DAY_S


class KeyRead(BaseModel):
    id: uuid.UUID
    prefix: str
    name: str | None
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None = Field(description="Set by a rotation: the key stops working then")
    revoked_at: datetime | None
    replaced_by: uuid.UUID | None
    status: Literal["active", "expiring", "expired", "revoked"]


class KeyIssued(BaseModel):
    key: KeyRead
    api_key: str = Field(description="Shown once; only its hash is stored")


def _read(row, now: datetime) -> KeyRead:
    m = row._mapping
    status = ("revoked" if m["revoked_at"] else "active" if m["expires_at"] is None
              else "expiring" if now < m["expires_at"] else "expired")
    return KeyRead(status=status, **{k: m[k] for k in KeyRead.model_fields if k != "status"})


_COLUMNS = [api_keys.c[name] for name in KeyRead.model_fields if name != "status"]


async def _tenant(conn, tenant_id: uuid.UUID):
    row = (await conn.execute(sa.select(tenants).where(tenants.c.id == tenant_id))).one_or_none()
    if row is None:
        raise NotFound("tenant not found")
    return row


async def issue(*, engine: AsyncEngine, tenant_id: uuid.UUID, scopes: list[str], name: str | None) -> KeyIssued:
    key_id = uuid.uuid4()
    async with engine.begin() as conn:
        await _tenant(conn, tenant_id)
        key = await _issue_key(conn, tenant_id, scopes=sorted(set(scopes)), name=name, key_id=key_id)
        row = (await conn.execute(sa.select(*_COLUMNS).where(api_keys.c.id == key_id))).one()
    return KeyIssued(key=_read(row, datetime.now(UTC)), api_key=key)


async def list_keys(*, engine: AsyncEngine, tenant_id: uuid.UUID) -> list[KeyRead]:
    async with engine.connect() as conn:
        rows = (await conn.execute(sa.select(*_COLUMNS).where(api_keys.c.tenant_id == tenant_id)
                                   .order_by(api_keys.c.created_at, api_keys.c.id))).all()
    now = datetime.now(UTC)
    return [_read(r, now) for r in rows]


async def keys_page(*, engine: AsyncEngine, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's keys, oldest first."""
    ks = page.keyset(sa.select(*_COLUMNS).where(api_keys.c.tenant_id == tenant_id),
                     api_keys.c.created_at, api_keys.c.id, scope=tenant_id)
    async with engine.connect() as conn:
        rows = (await conn.execute(ks.stmt)).all()
    now = datetime.now(UTC)
    return ks.page(rows, lambda r: _read(r, now))


async def _key_row(conn, tenant_id: uuid.UUID, key_id: uuid.UUID):
    # another tenant's key id is "not found", the same as a made-up one
    row = (await conn.execute(sa.select(*_COLUMNS).where(api_keys.c.id == key_id, api_keys.c.tenant_id == tenant_id)
                              .with_for_update())).one_or_none()
    if row is None:
        raise NotFound("API key not found")
    return row


async def revoke(*, engine: AsyncEngine, tenant_id: uuid.UUID, key_id: uuid.UUID) -> KeyRead:
    async with engine.begin() as conn:
        row = await _key_row(conn, tenant_id, key_id)
        if row.revoked_at is None:
            row = (await conn.execute(sa.update(api_keys).where(api_keys.c.id == key_id)
                                      .values(revoked_at=sa.func.now()).returning(*_COLUMNS))).one()
    return _read(row, datetime.now(UTC))


async def rotate(*, engine: AsyncEngine, tenant_id: uuid.UUID, key_id: uuid.UUID, overlap_s: int) -> KeyIssued:
    now = datetime.now(UTC)
    new_id = uuid.uuid4()
    async with engine.begin() as conn:
        old = await _key_row(conn, tenant_id, key_id)
        if old.revoked_at is not None or old.replaced_by is not None or (old.expires_at and old.expires_at <= now):
            raise Conflict("only a live key that was not rotated yet can be rotated", field="key")
        key = await _issue_key(conn, tenant_id, scopes=old.scopes, name=old.name, key_id=new_id)
        await conn.execute(sa.update(api_keys).where(api_keys.c.id == key_id).values(
            expires_at=now + timedelta(seconds=overlap_s), replaced_by=new_id))
        row = (await conn.execute(sa.select(*_COLUMNS).where(api_keys.c.id == new_id))).one()
    return KeyIssued(key=_read(row, now), api_key=key)


def _engine(request: Request) -> AsyncEngine:
    return request.app.state.runtime.db.engine


# --- the tenant's door (admin scope: ScopeRules's default for writes, and the planner's rule for reads) ----

router = APIRouter(prefix="/api-keys", tags=["API keys"])


@router.get("", response_model=Page[KeyRead], summary="The tenant's API keys (never the keys themselves), one page")
async def tenant_list_keys(tenant_id: TenantDep, request: Request, page: PageDep):
    return await keys_page(engine=_engine(request), tenant_id=tenant_id, page=page)


@router.post("", status_code=201, response_model=KeyIssued, summary="Issue a key with scopes")
async def tenant_issue_key(body: KeyCreate, tenant_id: TenantDep, request: Request):
    return await issue(engine=_engine(request), tenant_id=tenant_id, scopes=body.scopes, name=body.name)


@router.post("/{key_id}/revoke", response_model=KeyRead, summary="Revoke a key (refused within seconds)")
async def tenant_revoke_key(key_id: uuid.UUID, tenant_id: TenantDep, request: Request):
    return await revoke(engine=_engine(request), tenant_id=tenant_id, key_id=key_id)


@router.post("/{key_id}/rotate", status_code=201, response_model=KeyIssued,
             summary="Issue a successor; the old key works until the overlap ends")
async def tenant_rotate_key(key_id: uuid.UUID, body: KeyRotate, tenant_id: TenantDep, request: Request):
    return await rotate(engine=_engine(request), tenant_id=tenant_id, key_id=key_id, overlap_s=body.overlap_s)


# --- the operator's door ----------------------------------------------------------------------------

admin_router = APIRouter(prefix="/admin/tenants/{tenant_id}/api-keys", tags=["operator admin"],
                         dependencies=[Depends(require_operator)])


class AdminKeyIssued(KeyIssued):
    tenant: TenantRead
    key_prefix: str


@admin_router.post("", status_code=201, response_model=AdminKeyIssued, summary="Issue a key for a tenant")
async def admin_issue_key(tenant_id: uuid.UUID, request: Request, body: KeyCreate | None = None):
    body = body or KeyCreate()
    issued = await issue(engine=_engine(request), tenant_id=tenant_id, scopes=body.scopes, name=body.name)
    async with _engine(request).connect() as conn:
        tenant = await _tenant(conn, tenant_id)
    return AdminKeyIssued(tenant=TenantRead(**tenant._mapping), key_prefix=issued.key.prefix, **issued.model_dump())


@admin_router.get("", response_model=Page[KeyRead], summary="A tenant's API keys, one page")
async def admin_list_keys(tenant_id: uuid.UUID, request: Request, page: PageDep):
    async with _engine(request).connect() as conn:
        await _tenant(conn, tenant_id)
    return await keys_page(engine=_engine(request), tenant_id=tenant_id, page=page)


@admin_router.post("/{key_id}/revoke", response_model=KeyRead, summary="Revoke a tenant's key")
async def admin_revoke_key(tenant_id: uuid.UUID, key_id: uuid.UUID, request: Request):
    return await revoke(engine=_engine(request), tenant_id=tenant_id, key_id=key_id)


@admin_router.post("/{key_id}/rotate", status_code=201, response_model=KeyIssued, summary="Rotate a tenant's key")
async def admin_rotate_key(tenant_id: uuid.UUID, key_id: uuid.UUID, body: KeyRotate, request: Request):
    return await rotate(engine=_engine(request), tenant_id=tenant_id, key_id=key_id, overlap_s=body.overlap_s)
