"""Webhooks out: tenants' URLs told when a post is published or fails, per Standard Webhooks (``smmkit.webhooks``).

A confirmation writes one delivery row per matching webhook in the same transaction as the status change;
``deliver_due`` (the ``deliver_webhooks`` job) claims due rows of enabled endpoints with SKIP LOCKED, POSTs them
signed with every live secret and backs off on failure. An endpoint that fails ``disable_after`` attempts in a
row is disabled and ``webhook.disabled`` emitted; ``enable`` turns it back on, ``redeliver`` sends a delivery
again (same ``webhook-id``), ``rotate_secret`` adds a new secret while the old one signs for an overlap.
"""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

import httpx
import sqlalchemy as sa
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from planner.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery
from planner.webhooks.schemas import WebhookCreate
from smmkit import webhooks as standard
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from smmkit.pagination import PageRequest
from smmkit.problems import NotFound

SCHEMA = Webhook.__table__.schema


async def create(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_in: WebhookCreate,
                 box: SecretBox) -> tuple[Webhook, str]:
    secret = standard.new_secret()
    hook = Webhook(tenant_id=tenant_id, url=str(webhook_in.url), events=list(webhook_in.events),
                   secret_encrypted=box.encrypt({"secrets": [{"secret": secret, "expires_at": None}]}),
                   consecutive_failures=0)
    session.add(hook)
    await session.flush()
    return hook, secret


async def get(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID) -> Webhook:
    hook = await session.scalar(select(Webhook).where(Webhook.tenant_id == tenant_id, Webhook.id == webhook_id))
    if hook is None:
        raise NotFound(f"webhook {webhook_id} not found")
    return hook


async def list_page(*, session: AsyncSession, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's webhook endpoints, oldest first."""
    ks = page.keyset(select(Webhook).where(Webhook.tenant_id == tenant_id), Webhook.created_at, Webhook.id,
                     scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())


async def remove(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID) -> None:
    result = await session.execute(delete(Webhook).where(Webhook.tenant_id == tenant_id, Webhook.id == webhook_id))
    if not result.rowcount:
        raise NotFound(f"webhook {webhook_id} not found")


async def deliveries(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID, page: PageRequest,
                     status: str | None = None) -> dict:
    """One page of the endpoint's delivery log, newest first."""
    await get(session=session, tenant_id=tenant_id, webhook_id=webhook_id)
    query = select(WebhookDelivery).where(WebhookDelivery.tenant_id == tenant_id,
                                          WebhookDelivery.webhook_id == webhook_id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    ks = page.keyset(query, WebhookDelivery.created_at, WebhookDelivery.id, descending=True, scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())


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


async def rotate_secret(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID, box: SecretBox,
                        overlap: timedelta, now: datetime) -> tuple[str, datetime | None]:
    """A new secret that signs from now on; the current one signs beside it until ``now + overlap``."""
    hook = await get(session=session, tenant_id=tenant_id, webhook_id=webhook_id)
    secret = standard.new_secret()
    ring = standard.rotated(box.decrypt(hook.secret_encrypted), secret, overlap=overlap, now=now)
    hook.secret_encrypted = box.encrypt(ring)
    ends = [datetime.fromisoformat(s["expires_at"]) for s in ring["secrets"][1:]]
    return secret, max(ends) if ends else None


async def enable(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID) -> Webhook:
    """Turn a disabled endpoint back on; its pending deliveries go out again."""
    hook = await get(session=session, tenant_id=tenant_id, webhook_id=webhook_id)
    hook.active, hook.consecutive_failures, hook.disabled_at, hook.disabled_reason = True, 0, None, None
    return hook


async def redeliver(*, session: AsyncSession, tenant_id: uuid.UUID, webhook_id: uuid.UUID, delivery_id: uuid.UUID,
                    now: datetime) -> WebhookDelivery:
    """Send a delivery again, whatever became of it (same ``webhook-id``: a receiver that has it skips it),
    with a fresh allowance of attempts."""
    await get(session=session, tenant_id=tenant_id, webhook_id=webhook_id)
    delivery = await session.scalar(select(WebhookDelivery).where(
        WebhookDelivery.tenant_id == tenant_id, WebhookDelivery.webhook_id == webhook_id,
        WebhookDelivery.id == delivery_id).with_for_update())
    if delivery is None:
        raise NotFound(f"delivery {delivery_id} not found")
    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.PENDING, 0, now
    delivery.redeliveries += 1
    return delivery


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps({"id": str(delivery.id), "type": delivery.event_type, "tenant_id": str(delivery.tenant_id),
                       "data": delivery.payload}, separators=(",", ":")).encode()


async def deliver_due(*, uow: UnitOfWork, http: httpx.AsyncClient, box: SecretBox, now: datetime, limit: int,
                      max_attempts: int, retry_base_s: float, disable_after: int = 0,
                      held: list[uuid.UUID] = ()) -> int:
    """Claim due deliveries of enabled endpoints (SKIP LOCKED), POST each signed body, record the outcome and
    the endpoint's run of failures; return how many were tried. ``held`` (suspended tenants) wait."""
    rows = (await uow.session.execute(
        select(WebhookDelivery, Webhook)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(WebhookDelivery.status == DeliveryStatus.PENDING, WebhookDelivery.next_attempt_at <= now,
               Webhook.active, WebhookDelivery.tenant_id.not_in(list(held)))
        .order_by(WebhookDelivery.next_attempt_at).limit(limit)
        .with_for_update(of=WebhookDelivery, skip_locked=True))).all()
    for delivery, hook in rows:
        if not hook.active:  # disabled by an earlier delivery of this batch
            continue
        attempt = await standard.send(http, hook.url, secrets=standard.live_secrets(box.decrypt(hook.secret_encrypted)),
                                      msg_id=str(delivery.id), body=body_of(delivery), event_type=delivery.event_type)
        delivery.attempts += 1
        delivery.last_status_code, delivery.last_attempt_at = attempt.status_code, now
        delivery.last_duration_ms, delivery.last_error = attempt.duration_ms, attempt.error
        if attempt.ok:
            delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, now
            hook.consecutive_failures = 0
            continue
        if delivery.attempts >= max_attempts:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts, retry_base_s)
        hook.consecutive_failures += 1
        if standard.should_disable(hook.consecutive_failures, disable_after):
            _disable(uow, hook, error=attempt.error, now=now)
    await uow.commit()
    return len(rows)


def _disable(uow: UnitOfWork, hook: Webhook, *, error: str, now: datetime) -> None:
    hook.active, hook.disabled_at = False, now
    hook.disabled_reason = standard.disabled_reason(hook.consecutive_failures, error)
    uow.emit(standard.disabled_notice(tenant_id=hook.tenant_id, webhook_id=hook.id, service="planner", url=hook.url,
                                      consecutive_failures=hook.consecutive_failures, error=error, now=now))
