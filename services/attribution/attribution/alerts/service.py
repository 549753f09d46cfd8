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
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from attribution.alerts.models import RoiAlert, WebhookDelivery
from attribution.config import service as config
from attribution.costs.models import Cost
from attribution.reports import service as reports
from smmkit import events as ev
from smmkit import webhooks as standard
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork

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


async def claim_due(*, uow: UnitOfWork, now: datetime, lease: timedelta, limit: int = 50) -> list[WebhookDelivery]:
    """Due deliveries, hidden from other replicas for ``lease`` while this one sends them."""
    rows = list(await uow.session.scalars(
        select(WebhookDelivery).where(WebhookDelivery.delivered_at.is_(None), WebhookDelivery.failed_at.is_(None),
                                      WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.next_attempt_at).limit(limit).with_for_update(skip_locked=True)))
    for row in rows:
        row.next_attempt_at = now + lease
    return rows


async def deliver(delivery: WebhookDelivery, *, http, box: SecretBox, timeout_s: float) -> str | None:
    """Send once; None on success, else what went wrong (never the secret)."""
    attempt = await standard.send(http, delivery.url, secrets=standard.live_secrets(box.decrypt(delivery.secret)),
                                  msg_id=str(delivery.id), body=delivery.body, event_type="roi.alert",
                                  timeout_s=timeout_s)
    return attempt.error


async def record_attempt(*, uow: UnitOfWork, delivery_id: uuid.UUID, error: str | None, now: datetime,
                         max_attempts: int, retry_base_s: float) -> None:
    values: dict = {"attempts": WebhookDelivery.attempts + 1, "last_error": error}
    if error is None:
        values["delivered_at"] = now
    else:
        row = await uow.session.get(WebhookDelivery, delivery_id)
        if row.attempts + 1 >= max_attempts:
            values["failed_at"] = now
        else:
            values["next_attempt_at"] = now + timedelta(seconds=retry_base_s * 2 ** row.attempts)
    await uow.session.execute(sa.update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values))
