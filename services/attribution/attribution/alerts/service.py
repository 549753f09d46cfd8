"""The weekly ROI alert and signed tenant webhooks.

Weeks are Monday 00:00 UTC to the next Monday, and only complete weeks count. When
the ROI (totals, last-touch credit, the tenant's margin) of each of the last N
complete weeks is below zero in a currency, one ``roi.alert`` event is emitted and
one webhook delivery queued; it is raised once per tenant, currency and week
(a week with no cost has no ROI and breaks the run). N is ``roi_alert_weeks``.

Webhook: ``POST <alert_webhook_url>`` with the event's JSON body, signed per Standard
Webhooks like every outgoing webhook (``smmkit.webhooks``: ``webhook-id`` = the delivery id,
``webhook-timestamp``, ``webhook-signature`` with each live secret of the tenant's ring).
Retried with exponential back-off until a 2xx answer or ``webhook_max_attempts``.
"""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy import func, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from attribution.alerts.models import RoiAlert, WebhookDelivery
from attribution.config import service as config
from attribution.config.models import TenantConfig
from attribution.costs.models import Cost
from attribution.reports import service as reports
from smmkit import events as ev
from smmkit import webhooks as standard
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from smmkit.pagination import PageRequest
from smmkit.problems import NotFound

MODEL = "last_touch"


def week_starts(now: datetime, weeks: int) -> list[date]:
    """Mondays of the last ``weeks`` complete weeks before ``now``, oldest first."""
    this_monday = now.astimezone(timezone.utc).date() - timedelta(days=now.astimezone(timezone.utc).weekday())
    return [this_monday - timedelta(weeks=k) for k in range(weeks, 0, -1)]


def _at(day: date) -> datetime:
    return datetime.combine(day, time(), timezone.utc)


async def tenants_with_costs(*, uow: UnitOfWork, since: date) -> list[uuid.UUID]:
    return list(await uow.session.scalars(select(Cost.tenant_id).where(Cost.period_end >= since).distinct()))


async def check_roi(*, uow: UnitOfWork, tenant_id: uuid.UUID, now: datetime) -> list[ev.Envelope]:
    """Raise the alert for every currency whose ROI stayed below zero for the tenant's N weeks."""
    cfg = await config.get(uow=uow, tenant_id=tenant_id)
    weeks = week_starts(now, cfg.roi_alert_weeks)
    per_currency: dict[str, list[dict | None]] = {}
    for i, monday in enumerate(weeks):
        report = await reports.roi_report(uow=uow, tenant_id=tenant_id, level="campaign", model=MODEL,
                                          since=_at(monday), until=_at(monday + timedelta(days=7)))
        for line in report["totals"]:
            per_currency.setdefault(line["currency"], [None] * len(weeks))[i] = line
    raised = []
    for currency, lines in sorted(per_currency.items()):
        if not all(line is not None and line["roi"] is not None and line["roi"] < 0 for line in lines):
            continue
        alert_id = uuid.uuid4()
        inserted = await uow.session.scalar(pg_insert(RoiAlert).values(
            id=alert_id, tenant_id=tenant_id, currency=currency, week_start=weeks[-1], weeks=len(weeks),
            rois=[line["roi"] for line in lines], raised_at=now,
        ).on_conflict_do_nothing().returning(RoiAlert.id))
        if inserted is None:
            continue
        event = ev.new_event(ev.RoiAlertRaised(
            alert_id=alert_id, currency=currency, weeks=len(weeks), week_start=weeks[-1],
            rois=[line["roi"] for line in lines], revenue_minor=lines[-1]["revenue_minor"],
            cost_minor=lines[-1]["cost_minor"], raised_at=now), tenant_id=tenant_id)
        uow.emit(event)
        if cfg.alert_webhook_url and cfg.alert_webhook_secret:
            uow.session.add(WebhookDelivery(
                id=uuid.uuid4(), tenant_id=tenant_id, url=cfg.alert_webhook_url, secret=cfg.alert_webhook_secret,
                body=ev.encode(event), attempts=0, next_attempt_at=now))
        raised.append(event)
    return raised


async def claim_due(*, uow: UnitOfWork, now: datetime, lease: timedelta, limit: int = 50,
                    held: list[uuid.UUID] = ()) -> list[WebhookDelivery]:
    """Due deliveries of enabled alert webhooks, hidden from other replicas for ``lease`` while this one sends
    them; ``held`` (suspended tenants) wait for their reactivation."""
    disabled = select(TenantConfig.tenant_id).where(TenantConfig.alert_webhook_disabled_at.is_not(None))
    rows = list(await uow.session.scalars(
        select(WebhookDelivery).where(WebhookDelivery.delivered_at.is_(None), WebhookDelivery.failed_at.is_(None),
                                      WebhookDelivery.next_attempt_at <= now,
                                      WebhookDelivery.tenant_id.not_in(disabled),
                                      WebhookDelivery.tenant_id.not_in(list(held)))
        .order_by(WebhookDelivery.next_attempt_at).limit(limit).with_for_update(skip_locked=True)))
    for row in rows:
        row.next_attempt_at = now + lease
    return rows


async def deliver(delivery: WebhookDelivery, *, http, box: SecretBox, timeout_s: float) -> standard.Attempt:
    """Send once, signed with every live secret of the ring the delivery was queued with."""
    return await standard.send(http, delivery.url, secrets=standard.live_secrets(box.decrypt(delivery.secret)),
                               msg_id=str(delivery.id), body=delivery.body, event_type="roi.alert",
                               timeout_s=timeout_s)


async def record_attempt(*, uow: UnitOfWork, delivery_id: uuid.UUID, attempt: standard.Attempt, now: datetime,
                         max_attempts: int, retry_base_s: float, disable_after: int = 0) -> None:
    """The attempt's outcome on the delivery, and on the tenant's alert webhook: a success ends its run of
    failures; the ``disable_after``-th failure in a row disables it and emits ``webhook.disabled``."""
    row = await uow.session.get(WebhookDelivery, delivery_id)
    values: dict = {"attempts": WebhookDelivery.attempts + 1, "last_error": attempt.error,
                    "last_status_code": attempt.status_code, "last_attempt_at": now}
    if attempt.ok:
        values["delivered_at"] = now
    elif row.attempts + 1 >= max_attempts:
        values["failed_at"] = now
    else:
        values["next_attempt_at"] = now + timedelta(seconds=retry_base_s * 2 ** row.attempts)
    await uow.session.execute(sa.update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values))
    cfg = await uow.session.get(TenantConfig, row.tenant_id, with_for_update=True)
    if cfg is None:
        return
    if attempt.ok:
        cfg.alert_webhook_failures = 0
        return
    cfg.alert_webhook_failures += 1
    if cfg.alert_webhook_disabled_at is None and standard.should_disable(cfg.alert_webhook_failures, disable_after):
        cfg.alert_webhook_disabled_at = now
        cfg.alert_webhook_disabled_reason = standard.disabled_reason(cfg.alert_webhook_failures, attempt.error)
        uow.emit(standard.disabled_notice(tenant_id=row.tenant_id, webhook_id=row.tenant_id, service="attribution",
                                          url=row.url, consecutive_failures=cfg.alert_webhook_failures,
                                          error=attempt.error, now=now))


async def enable(*, uow: UnitOfWork, tenant_id: uuid.UUID) -> None:
    """Turn the alert webhook back on after it was disabled; its pending deliveries go out again."""
    await uow.session.execute(sa.update(TenantConfig).where(TenantConfig.tenant_id == tenant_id).values(
        alert_webhook_failures=0, alert_webhook_disabled_at=None, alert_webhook_disabled_reason=None))


# rows from before created_at was recorded have none: they sort as the oldest
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CREATED = func.coalesce(WebhookDelivery.created_at, literal(_EPOCH, WebhookDelivery.created_at.type))


async def deliveries(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the alert webhook's delivery log, newest first."""
    ks = page.keyset(select(WebhookDelivery).where(WebhookDelivery.tenant_id == tenant_id),
                     _CREATED, WebhookDelivery.id, descending=True, scope=tenant_id,
                     key=lambda d: (d.created_at or _EPOCH, d.id))
    return ks.page((await uow.session.scalars(ks.stmt)).all())


async def redeliver(*, uow: UnitOfWork, tenant_id: uuid.UUID, delivery_id: uuid.UUID, now: datetime) -> WebhookDelivery:
    """Send a delivery again (same ``webhook-id``) with a fresh allowance of attempts."""
    row = await uow.session.scalar(select(WebhookDelivery).where(
        WebhookDelivery.tenant_id == tenant_id, WebhookDelivery.id == delivery_id).with_for_update())
    if row is None:
        raise NotFound(f"delivery {delivery_id} not found")
    row.attempts, row.next_attempt_at, row.delivered_at, row.failed_at = 0, now, None, None
    row.redeliveries += 1
    return row
