"""Helpers for metrics tests (a module, not conftest, so imports are unambiguous)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa

from metrics.handlers import on_account_created
from smmkit import events as ev
from tests.utils.events import account_created

FB_SECRET = "test-fb-app-secret"
FB_VERIFY = "test-fb-verify"


def published(tenant_id: uuid.UUID, *, network: str, external_id: str, account_id: uuid.UUID | None = None,
              published_at: datetime | None = None, target_id: uuid.UUID | None = None) -> ev.Envelope:
    at = published_at or datetime.now(timezone.utc)
    return ev.new_event(ev.PostPublished(
        target_id=target_id or uuid.uuid4(), post_id=uuid.uuid4(), account_id=account_id or uuid.uuid4(),
        network=network, external_id=external_id, url=f"https://example.test/{external_id}", scheduled_at=at,
        published_at=at), tenant_id=tenant_id)


async def announce(db, tenant_id: uuid.UUID, network: str, account_ref: str, account_id: uuid.UUID) -> None:
    """The planner created the account: its ``account.created`` reaches metrics' handler, so read
    credentials are accepted for it from now on. Announcing it again changes nothing."""
    async with db.uow() as uow:
        await on_account_created(account_created(tenant_id, network, account_ref, account_id=account_id), uow)
        await uow.commit()


async def events_of(db, target_id: uuid.UUID) -> list[dict]:
    """The engagement.updated payloads written to the outbox for one target, in seq order."""
    async with db.engine.connect() as conn:
        rows = (await conn.execute(sa.text(
            "SELECT body FROM metrics.outbox WHERE topic = 'engagement.updated' AND key = :key"),
            {"key": str(target_id)})).scalars().all()
    payloads = [json.loads(bytes(b))["payload"] for b in rows]
    return sorted(payloads, key=lambda p: p["seq"])


async def points_of(db, target_id: uuid.UUID) -> list[dict]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(sa.text(
            "SELECT * FROM metrics.engagement_points WHERE target_id = :t ORDER BY observed_at"), {"t": target_id})
        return [dict(r._mapping) for r in rows]


async def target_row(db, target_id: uuid.UUID) -> dict:
    async with db.engine.connect() as conn:
        row = (await conn.execute(sa.text("SELECT * FROM metrics.tracked_targets WHERE target_id = :t"),
                                  {"t": target_id})).one()
        return dict(row._mapping)


