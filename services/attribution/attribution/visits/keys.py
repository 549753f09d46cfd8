"""Tenant site keys: public (they sit in the shop's HTML), signed, so a beacon names its tenant unforgeably.

A key is ``smmsk_`` + base64url(tenant id (16 bytes) + key id (16 bytes) + HMAC-SHA256(...)[:16]). The beacon
is verified with the HMAC alone, no database read; revocation is an in-memory set of key ids every process
reloads each ``site_key_refresh_s`` (and updates at once when it handles the revocation itself).
Anyone can copy a tenant's key from its pages and send visits as that tenant (as with any analytics tag);
what the signature prevents is writing into *another* tenant's data.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from smmkit.db import UnitOfWork
from smmkit.pagination import PageRequest
from smmkit.problems import NotFound

from attribution.visits.models import SiteKey

PREFIX = "smmsk_"
_SIG_BYTES = 16


def _key(secret: str) -> bytes:
    # Derived, so a site key's signature can never double as a tracked-link token's (same tracking secret).
    return hmac.new(secret.encode(), b"attribution site keys v1", hashlib.sha256).digest()


def sign(secret: str, *, tenant_id: uuid.UUID, key_id: uuid.UUID) -> str:
    payload = tenant_id.bytes + key_id.bytes
    sig = hmac.new(_key(secret), payload, hashlib.sha256).digest()[:_SIG_BYTES]
    return PREFIX + base64.urlsafe_b64encode(payload + sig).decode().rstrip("=")


def verify(secret: str, key: str | None) -> tuple[uuid.UUID, uuid.UUID] | None:
    """(tenant id, key id) of a genuine key, else None (forged, altered, truncated or not a key)."""
    if not key or not key.startswith(PREFIX) or len(key) > 80:
        return None
    body = key[len(PREFIX):]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 32 + _SIG_BYTES:
        return None
    payload, sig = raw[:32], raw[32:]
    if not hmac.compare_digest(hmac.new(_key(secret), payload, hashlib.sha256).digest()[:_SIG_BYTES], sig):
        return None
    return uuid.UUID(bytes=payload[:16]), uuid.UUID(bytes=payload[16:])


class Revoked:
    """Revoked key ids of this process (``refresh`` replaces them with the database's list)."""

    def __init__(self) -> None:
        self.ids: frozenset[uuid.UUID] = frozenset()

    def add(self, key_id: uuid.UUID) -> None:
        self.ids = self.ids | {key_id}

    async def refresh(self, db) -> None:
        async with db.uow() as uow:
            self.ids = frozenset(await uow.session.scalars(
                sa.select(SiteKey.id).where(SiteKey.revoked_at.is_not(None))))


def revoked_of(runtime) -> Revoked:
    revoked = getattr(runtime, "revoked_site_keys", None)
    if revoked is None:
        revoked = runtime.revoked_site_keys = Revoked()
    return revoked


# --------------------------------------------------------------------------
# The tenant API


def as_read(row: SiteKey, secret: str) -> dict:
    return {"id": row.id, "label": row.label, "key": sign(secret, tenant_id=row.tenant_id, key_id=row.id),
            "created_at": row.created_at, "revoked_at": row.revoked_at}


async def create(*, uow: UnitOfWork, tenant_id: uuid.UUID, label: str) -> SiteKey:
    row = SiteKey(id=uuid.uuid4(), tenant_id=tenant_id, label=label, created_at=datetime.now(UTC),
                  revoked_at=None)
    uow.session.add(row)
    await uow.session.flush()
    return row


async def keys_page(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest, secret: str) -> dict:
    """One page of the tenant's site keys, oldest first (revoked ones included, marked)."""
    ks = page.keyset(sa.select(SiteKey).where(SiteKey.tenant_id == tenant_id), SiteKey.created_at, SiteKey.id,
                     scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all(), lambda row: as_read(row, secret))


async def revoke(*, uow: UnitOfWork, tenant_id: uuid.UUID, key_id: uuid.UUID, revoked: Revoked) -> SiteKey:
    """Revoke once (a second call keeps the first time); another tenant's key is not found."""
    row = await uow.session.scalar(sa.select(SiteKey).where(SiteKey.tenant_id == tenant_id, SiteKey.id == key_id))
    if row is None:
        raise NotFound("no such site key", key_id=str(key_id))
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
    uow.after_commit(lambda: revoked.add(key_id))
    return row
