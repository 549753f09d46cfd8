"""Webhooks out: tenants' URLs told when a post is published or fails, signed with HMAC and retried.

A confirmation writes one delivery row per matching webhook in the same transaction as the status change;
``deliver_due`` (the ``deliver_webhooks`` job) claims due rows with SKIP LOCKED, POSTs them and backs off on failure.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from datetime import datetime, timedelta

import httpx
import sqlalchemy as sa
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from planner.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery
from planner.webhooks.schemas import WebhookCreate
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from smmkit.problems import NotFound

SCHEMA = Webhook.__table__.schema


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


async def create(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_in: WebhookCreate,
                 box: SecretBox) -> tuple[Webhook, str]:
    secret = "whsec_" + secrets.token_urlsafe(24)
    hook = Webhook(tenant_id=tenant_id, url=str(webhook_in.url), events=list(webhook_in.events),
                   secret_encrypted=box.encrypt({"secret": secret}))
    session.add(hook)
    await session.flush()
    return hook, secret


async def get(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID) -> Webhook:
    hook = await session.scalar(select(Webhook).where(Webhook.tenant_id == tenant_id, Webhook.id == webhook_id))
    if hook is None:
        raise NotFound(f"webhook {webhook_id} not found")
    return hook


async def list_all(*, session: AsyncSession, tenant_id: uuid.UUID) -> list[Webhook]:
    return list(await session.scalars(select(Webhook).where(Webhook.tenant_id == tenant_id)
                                      .order_by(Webhook.created_at)))


async def remove(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID) -> None:
    result = await session.execute(delete(Webhook).where(Webhook.tenant_id == tenant_id, Webhook.id == webhook_id))
    if not result.rowcount:
        raise NotFound(f"webhook {webhook_id} not found")


async def deliveries(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID) -> list[WebhookDelivery]:
    await get(session=session, tenant_id=tenant_id, webhook_id=webhook_id)
    return list(await session.scalars(
        select(WebhookDelivery).where(WebhookDelivery.tenant_id == tenant_id, WebhookDelivery.webhook_id == webhook_id)
        .order_by(WebhookDelivery.created_at)))


async def enqueue(*, session: AsyncSession, tenant_id: uuid.UUID, event_type: str, payload: dict) -> None:
    """One delivery per active webhook of the tenant that asked for this event."""
    await enqueue_many(session=session, events=[(tenant_id, event_type, payload)])


async def enqueue_many(*, session: AsyncSession, events: list[tuple[uuid.UUID, str, dict]]) -> None:
    """For each (tenant, event type, payload), one delivery per active webhook of that tenant that asked for
    the event type: one statement for all of them."""
    if not events:
        return
    await session.execute(sa.text(
        f"INSERT INTO {SCHEMA}.webhook_deliveries (id, tenant_id, webhook_id, event_type, payload, status, attempts, "
        "next_attempt_at, created_at) "
        "SELECT gen_random_uuid(), w.tenant_id, w.id, e.event_type, CAST(e.payload AS jsonb), 'pending', 0, now(), now() "
        f"FROM unnest(:tenants, :event_types, :payloads) AS e(tenant_id, event_type, payload) "
        f"JOIN {SCHEMA}.webhooks w ON w.tenant_id = e.tenant_id AND w.active AND e.event_type = ANY(w.events)"
    ).bindparams(sa.bindparam("tenants", type_=ARRAY(UUID(as_uuid=True))),
                 sa.bindparam("event_types", type_=ARRAY(sa.Text)), sa.bindparam("payloads", type_=ARRAY(sa.Text))),
        {"tenants": [t for t, _, _ in events], "event_types": [e for _, e, _ in events],
         "payloads": [json.dumps(p, default=str) for _, _, p in events]})


def backoff(attempts: int, base_s: float) -> timedelta:
    return timedelta(seconds=min(base_s * 2 ** (attempts - 1), 3600))


async def deliver_due(*, uow: UnitOfWork, http: httpx.AsyncClient, box: SecretBox, now: datetime, limit: int,
                      max_attempts: int, retry_base_s: float) -> int:
    """Claim due deliveries (SKIP LOCKED), POST each signed body, record the outcome; return how many were tried."""
    rows = (await uow.session.execute(
        select(WebhookDelivery, Webhook.url, Webhook.secret_encrypted)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(WebhookDelivery.status == DeliveryStatus.PENDING, WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.next_attempt_at).limit(limit)
        .with_for_update(of=WebhookDelivery, skip_locked=True))).all()
    for delivery, url, secret_encrypted in rows:
        body = json.dumps({"id": str(delivery.id), "type": delivery.event_type, "tenant_id": str(delivery.tenant_id),
                           "data": delivery.payload}, separators=(",", ":")).encode()
        ts = str(int(time.time()))
        secret = box.decrypt(secret_encrypted)["secret"]
        delivery.attempts += 1
        error = None
        try:
            resp = await http.post(url, content=body, headers={
                "content-type": "application/json", "X-SMM-Event": delivery.event_type,
                "X-SMM-Delivery": str(delivery.id), "X-SMM-Timestamp": ts,
                "X-SMM-Signature": "sha256=" + signature(secret, ts, body)})
            if resp.status_code >= 300:
                error = f"HTTP {resp.status_code}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        if error is None:
            delivery.status, delivery.delivered_at, delivery.last_error = DeliveryStatus.DELIVERED, now, None
        else:
            delivery.last_error = error
            if delivery.attempts >= max_attempts:
                delivery.status = DeliveryStatus.FAILED
            else:
                delivery.next_attempt_at = now + backoff(delivery.attempts, retry_base_s)
    await uow.commit()
    return len(rows)
