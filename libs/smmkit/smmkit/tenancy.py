"""Tenants and their API keys, plus the operator admin API.

Tenancy is shared plumbing: the ``tenancy`` schema is written only through the
operator admin API (mounted on the planner) and read by every service to
authenticate ``Authorization: Bearer <key>``. Keys are shown once and stored as a
SHA-256 hash (they are 256-bit random, so a slow hash adds nothing).

A key carries scopes (``SCOPES``); every tenant route needs one, declared per service in one
``ScopeRules`` table (``current_tenant`` checks it). Keys are issued, listed, rotated and revoked
in ``smmkit.apikeys``.
"""
from __future__ import annotations

import asyncio
import hmac
import re
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

import sqlalchemy as sa
from cachetools import LRUCache, TTLCache
from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from smmkit.apilimit import depends_on, rate_limited
from smmkit.crypto import sha256_hex
from smmkit.observability import bind_context
from smmkit.pagination import Page, PageDep
from smmkit.problems import DomainError
from smmkit import audit, usage
from smmkit.validation import Name

metadata = sa.MetaData(schema="tenancy")

tenants = sa.Table(
    "tenants", metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default="active"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    # every process reads the suspended ones each second (``Suspensions``): a partial index keeps that tiny
    sa.Index("ix_tenants_suspended", "id", postgresql_where=sa.text("status = 'suspended'")),
)
api_keys = sa.Table(
    "api_keys", metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("tenant_id", UUID(as_uuid=True), sa.ForeignKey("tenancy.tenants.id"), nullable=False, index=True),
    sa.Column("key_hash", sa.Text, nullable=False, unique=True),
    sa.Column("prefix", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
    # keys issued before scopes existed keep full (admin) scope
    sa.Column("scopes", ARRAY(sa.Text), nullable=False, server_default="{admin}"),
    sa.Column("name", sa.Text),
    sa.Column("expires_at", sa.DateTime(timezone=True)),  # set by a rotation: the old key's overlap ends then
    sa.Column("last_used_at", sa.DateTime(timezone=True)),  # to the minute, at most
    sa.Column("replaced_by", UUID(as_uuid=True)),
)
audit_log = audit.audit_table(metadata)  # written by every service's ``smmkit.audit.AuditLog``

# What a key may do. ``admin`` implies every scope and ``publish`` implies ``read-only`` (a publishing
# client reads back what it wrote); ``orders-ingest`` is only that, for a shop's backend.
Scope = Literal["read-only", "publish", "orders-ingest", "admin"]
SCOPES: tuple[str, ...] = ("read-only", "publish", "orders-ingest", "admin")
_IMPLIED = {"admin": set(SCOPES), "publish": {"publish", "read-only"}}


def grants(scopes, needed: str) -> bool:
    return any(needed in _IMPLIED.get(s, {s}) for s in scopes)


class ScopeRules:
    """The scope each tenant route needs, for one service, in one place.

    By default a GET (or HEAD) needs ``read-only`` and any other method ``admin``; ``rules`` names the
    exceptions as ``"METHOD /path/prefix"`` → scope, the longest prefix winning; METHOD may be ``*`` (any)
    or ``WRITE`` (any but GET and HEAD). Paths are route templates (``/posts/{post_id}``).
    """

    def __init__(self, rules: dict[str, str] | None = None):
        parsed = []
        for rule, scope in (rules or {}).items():
            method, _, prefix = rule.partition(" ")
            if scope not in SCOPES:
                raise ValueError(f"unknown scope {scope!r} in rule {rule!r}")
            parsed.append((method.upper(), prefix, scope))
        self._rules = sorted(parsed, key=lambda r: (-len(r[1]), r[0] == "*"))

    def needed(self, method: str, path: str) -> str:
        for rule_method, prefix, scope in self._rules:
            matches = rule_method in ("*", method) or (rule_method == "WRITE" and method not in ("GET", "HEAD"))
            if matches and (path == prefix or path.startswith(prefix.rstrip("/") + "/")):
                return scope
        return "read-only" if method in ("GET", "HEAD") else "admin"


DEFAULT_SCOPE_RULES = ScopeRules()


def takes_tenant_key(route: object) -> bool:
    """Whether a route authenticates a tenant's key (depends on ``current_tenant``, however deep)."""
    return depends_on(route, {current_tenant})


def document_scope(operation: dict, needed: str) -> None:
    """The scope in the operation's OpenAPI (``x-required-scope``) and its 403 answer."""
    operation["x-required-scope"] = needed
    operation["description"] = (operation.get("description", "") + f"\n\nAPI key scope: `{needed}`.").strip()
    operation["responses"].setdefault("403", {
        "description": f"The API key lacks the `{needed}` scope (the problem names it in `missing_scope`), or "
                       "its tenant is suspended (title `Tenant suspended`)",
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})


class MissingScope(DomainError):
    status = 403
    title = "Missing scope"


@dataclass(frozen=True)
class KeyGrant:
    """What a valid key grants: its tenant and scopes, until ``expires_at`` when a rotation set one."""

    key_id: uuid.UUID
    tenant_id: uuid.UUID
    scopes: tuple[str, ...]
    expires_at: datetime | None
    name: str | None = None
    tenant_active: bool = True  # as read with the key (``Suspensions`` is the fresher word on it)

    def live(self, now: datetime) -> bool:
        return self.expires_at is None or now < self.expires_at


def new_api_key() -> str:
    return "smm_" + secrets.token_urlsafe(32)


_KEY_SHAPE = re.compile(r"smm_[A-Za-z0-9_-]{43}")  # what ``new_api_key`` makes


class TenantAuth:
    """Resolves bearer keys to their tenants and scopes, with short in-process caches (revocation applies within
    ``ttl_s``; a rotated key's overlap deadline applies exactly once the rotation is read, which is within
    ``ttl_s``). A suspended tenant's key still resolves: ``current_tenant`` refuses it by ``Suspensions``, with 403.

    Known keys and unknown ones are cached apart, each bounded with its own TTL, so a client
    spraying random keys only evicts other unknown keys, never a tenant's real one. A string
    that is not shaped like one of our keys is refused without a database round trip.
    """

    def __init__(self, engine: AsyncEngine, *, ttl_s: float = 5.0, max_keys: int = 10_000,
                 timer: Callable[[], float] = time.monotonic, clock: Callable[[], datetime] | None = None):
        self.engine = engine
        self._known: TTLCache[str, KeyGrant] = TTLCache(max_keys, ttl_s, timer=timer)
        self._unknown: TTLCache[str, bool] = TTLCache(max_keys, ttl_s, timer=timer)
        self._clock = clock or (lambda: datetime.now(UTC))

    async def tenant_for_key(self, key: str) -> uuid.UUID | None:
        """The key's tenant while it is active (a suspended tenant's key resolves to None)."""
        grant = await self.grant_for_key(key)
        return grant.tenant_id if grant and grant.tenant_active else None

    async def grant_for_key(self, key: str) -> KeyGrant | None:
        if not _KEY_SHAPE.fullmatch(key):
            return None
        digest = sha256_hex(key)
        if (grant := self._known.get(digest)) is not None:
            return grant if grant.live(self._clock()) else None
        if digest in self._unknown:
            return None
        stmt = (
            sa.select(api_keys.c.id, api_keys.c.tenant_id, api_keys.c.scopes, api_keys.c.expires_at,
                      api_keys.c.name, tenants.c.status)
            .join(tenants, tenants.c.id == api_keys.c.tenant_id)
            .where(api_keys.c.key_hash == digest, api_keys.c.revoked_at.is_(None))
        )
        async with self.engine.begin() as conn:
            row = (await conn.execute(stmt)).one_or_none()
            if row is not None:
                # last use to the minute: at most one write per key, process and cache TTL
                await conn.execute(sa.update(api_keys).where(
                    api_keys.c.id == row.id, sa.or_(api_keys.c.last_used_at.is_(None),
                                                    api_keys.c.last_used_at < sa.func.now() - sa.text("interval '1 minute'"))
                ).values(last_used_at=sa.func.now()))
        if row is None:
            self._unknown[digest] = True
            return None
        grant = KeyGrant(row.id, row.tenant_id, tuple(row.scopes), row.expires_at, row.name, row.status == "active")
        self._known[digest] = grant
        return grant if grant.live(self._clock()) else None


class TenantSuspended(DomainError):
    status = 403
    title = "Tenant suspended"


class Suspensions:
    """The tenants the operator suspended, as this process last read them: every service refuses them within
    ``refresh_s`` (one indexed query a second per process, so a check costs no round trip).

    ``tenancy.tenants.status`` stays the one fact; each process keeps only this read of it. What stops while
    a tenant is suspended, and what goes on, is in docs/tenancy.md.
    """

    def __init__(self, engine: AsyncEngine, *, refresh_s: float = 1.0):
        self.engine, self.refresh_s = engine, refresh_s
        self._ids: frozenset[uuid.UUID] = frozenset()
        # Suspended, then gone from the table (offboarded): still refused, or a key this process cached before
        # the deletion would work again for the cache's lifetime (and count usage into a deleted tenant's keys).
        self._deleted: set[uuid.UUID] = set()

    @property
    def ids(self) -> list[uuid.UUID]:
        """For SQL: ``tenant_id <> ALL(:held)`` leaves their rows where they are."""
        return list(self._ids)

    def __contains__(self, tenant_id: object) -> bool:
        return tenant_id in self._ids

    def refuse(self, tenant_id: uuid.UUID | str) -> None:
        """Raise ``TenantSuspended`` for a suspended tenant (an id that is not a UUID is no tenant of ours)."""
        try:
            tenant_id = tenant_id if isinstance(tenant_id, uuid.UUID) else uuid.UUID(str(tenant_id))
        except ValueError:
            return
        if tenant_id in self._ids:
            raise TenantSuspended("this tenant is suspended; the operator can reactivate it",
                                  tenant_id=str(tenant_id))

    async def refresh(self) -> None:
        async with self.engine.connect() as conn:
            held = {r.id for r in await conn.execute(sa.select(tenants.c.id).where(tenants.c.status == "suspended"))}
            vanished = self._ids - held - self._deleted
            if vanished:  # reactivated, or deleted
                still = {r.id for r in await conn.execute(sa.select(tenants.c.id).where(tenants.c.id.in_(vanished)))}
                for tenant_id in vanished - still:
                    self._deleted.add(tenant_id)
                    _existing_tenants.pop(tenant_id, None)
        self._ids = frozenset(held | self._deleted)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.refresh_s)
            await self.refresh()


def suspensions_of(request: Request) -> Suspensions:
    return request.app.state.runtime.suspensions


_existing_tenants: LRUCache[uuid.UUID, bool] = LRUCache(100_000)


async def tenant_exists(session: AsyncSession, tenant_id: uuid.UUID) -> bool:
    """Whether the operator created this tenant (suspended or not), for events that arrive with any tenant id.
    A yes is cached until ``Suspensions`` sees the tenant deleted (offboarding suspends it first)."""
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
    grant = await runtime.tenant_auth.grant_for_key(key) if key else None
    if grant is None:
        await runtime.api_limits.for_client(request)  # guessing keys is limited per address
        raise _unauthorized("invalid, expired or revoked API key" if key else "missing bearer token")
    runtime.suspensions.refuse(grant.tenant_id)  # a real key of a suspended tenant: say so, not "unauthorized"
    await runtime.api_limits.for_key(key, tenant_id=grant.tenant_id)  # at its plan's rate
    audit.identify(request, tenant_id=grant.tenant_id, actor=f"key:{grant.key_id}", actor_name=grant.name)
    bind_context(tenant_id=str(grant.tenant_id))  # this request's log lines, ours and the libraries', carry it
    route = request.scope.get("route")
    rules = getattr(request.app.state, "scope_rules", DEFAULT_SCOPE_RULES)
    needed = rules.needed(request.method, getattr(route, "path_format", request.url.path))
    if not grants(grant.scopes, needed):
        raise MissingScope(f"this API key lacks the {needed!r} scope", missing_scope=needed,
                           key_scopes=list(grant.scopes))
    await usage.count_api_call(runtime, grant.tenant_id)
    return grant.tenant_id


TenantDep = Annotated[uuid.UUID, Depends(current_tenant)]


@rate_limited
async def require_operator(request: Request) -> None:
    runtime = request.app.state.runtime
    token = _bearer(request)
    if not token or not hmac.compare_digest(token.encode(), runtime.settings.operator_token.encode()):
        await runtime.api_limits.for_client(request)
        raise _unauthorized("invalid operator token" if token else "missing bearer token")
    await runtime.api_limits.for_key(token)
    tenant_id = request.path_params.get("tenant_id")  # the tenant an operator route acts on, if it names one
    audit.identify(request, tenant_id=tenant_id, actor="operator")


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


async def _issue_key(conn, tenant_id: uuid.UUID, *, scopes=("admin",), name: str | None = None,
                     key_id: uuid.UUID | None = None) -> str:
    key = new_api_key()
    await conn.execute(sa.insert(api_keys).values(id=key_id or uuid.uuid4(), tenant_id=tenant_id,
                                                  key_hash=sha256_hex(key), prefix=key[:10],
                                                  scopes=list(scopes), name=name))
    return key


admin_router = APIRouter(prefix="/admin/tenants", tags=["operator admin"], dependencies=[Depends(require_operator)])


def _engine(request: Request) -> AsyncEngine:
    return request.app.state.runtime.db.engine


@admin_router.post("", status_code=201, response_model=ApiKeyIssued,
                   summary="Create a tenant and its first API key (operator)")
async def admin_create_tenant(body: TenantCreate, request: Request) -> ApiKeyIssued:
    issued = await create_tenant(_engine(request), body.name)
    audit.identify(request, tenant_id=issued.tenant.id, actor="operator")
    return issued


@admin_router.get("", response_model=Page[TenantRead], summary="List tenants, oldest first (operator; one page)")
async def admin_list_tenants(request: Request, page: PageDep):
    ks = page.keyset(sa.select(tenants), tenants.c.created_at, tenants.c.id)
    async with _engine(request).connect() as conn:
        rows = (await conn.execute(ks.stmt)).all()
    return ks.page(rows, lambda r: TenantRead(**r._mapping))


async def _set_status(request: Request, tenant_id: uuid.UUID, new_status: str) -> TenantRead:
    async with _engine(request).begin() as conn:
        row = (await conn.execute(
            sa.update(tenants).where(tenants.c.id == tenant_id).values(status=new_status).returning(*tenants.c)
        )).one_or_none()
    if row is None:
        raise HTTPException(404, "tenant not found")
    await suspensions_of(request).refresh()  # this process at once; every other one within its refresh_s
    return TenantRead(**row._mapping)


@admin_router.post("/{tenant_id}/suspend", response_model=TenantRead, summary="Suspend a tenant (operator)")
async def admin_suspend_tenant(tenant_id: uuid.UUID, request: Request) -> TenantRead:
    return await _set_status(request, tenant_id, "suspended")


@admin_router.post("/{tenant_id}/activate", response_model=TenantRead, summary="Activate a suspended tenant (operator)")
async def admin_activate_tenant(tenant_id: uuid.UUID, request: Request) -> TenantRead:
    return await _set_status(request, tenant_id, "active")


from smmkit import plans as _plans  # noqa: E402,F401 - its tables (plans, tenant_plans) are the tenancy schema's too
