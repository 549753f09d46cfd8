"""Background loops of the attribution service."""
import asyncio
import os
import socket

from attribution.clicks import service as clicks
from smmkit.app import Runtime
from smmkit.observability import get_logger

log = get_logger(__name__)


async def ship_clicks(runtime: Runtime) -> None:
    """Pipeline the redirect's in-memory click buffer into the Redis stream (one round trip per wake-up)."""
    cfg = runtime.service_settings
    buffer = clicks.buffer_of(runtime)
    try:
        while True:
            await buffer.ready.wait()
            await clicks.ship(runtime.redis, cfg.click_stream, buffer.take())
    finally:
        items = buffer.take()   # shutting down: a last best-effort shipment
        if items:
            await asyncio.shield(clicks.ship(runtime.redis, cfg.click_stream, items))


async def flush_clicks(runtime: Runtime) -> None:
    """Move clicks from the Redis stream into PostgreSQL in batches (the redirect never waits for the DB)."""
    cfg = runtime.service_settings
    consumer = f"{socket.gethostname()}-{os.getpid()}"
    while True:
        moved = await clicks.flush_batch(db=runtime.db, redis=runtime.redis, stream=cfg.click_stream,
                                         consumer=consumer, count=cfg.click_flush_batch)
        if moved < cfg.click_flush_batch:
            await asyncio.sleep(cfg.click_flush_interval_s)


async def ship_visits(runtime: Runtime) -> None:
    """Count the site tag's buffered page views against the rate limits (Redis) and pipeline the admitted
    ones into their stream: two round trips per wake-up, none on the beacon's path."""
    from attribution.visits import service as visits

    buffer = visits.buffer_of(runtime)
    try:
        while True:
            await buffer.ready.wait()
            await visits.ship(runtime, buffer.take())
    finally:
        items = buffer.take()
        if items:
            await asyncio.shield(visits.ship(runtime, items))


async def flush_visits(runtime: Runtime) -> None:
    """Move page views from the Redis stream into PostgreSQL in batches (the beacon never waits for the DB)."""
    from attribution.channels import service as channels
    from attribution.visits import service as visits

    cfg = runtime.service_settings
    channels.CACHE.max_age_s = cfg.channel_rules_refresh_s
    consumer = f"{socket.gethostname()}-{os.getpid()}"
    while True:
        moved = await visits.flush_batch(db=runtime.db, redis=runtime.redis, stream=cfg.visit_stream,
                                         consumer=consumer, count=cfg.visit_flush_batch, click_param=cfg.click_param)
        if moved < cfg.visit_flush_batch:
            await asyncio.sleep(cfg.visit_flush_interval_s)


async def reclassify_visits(runtime: Runtime) -> None:
    """Run reclassification jobs (``channels.reclassify``), a batch per transaction; the cursor and progress are
    committed with each batch, so a job whose worker died is resumed by another once its lease has run out."""
    from datetime import timedelta

    from attribution.channels import reclassify
    from smmkit.events import utcnow

    cfg = runtime.service_settings
    lease = timedelta(seconds=cfg.reclassify_lease_s)
    while True:
        async with runtime.db.uow() as uow:
            job_id = await reclassify.claim(uow=uow, now=utcnow(), lease=lease, held=runtime.suspensions.ids)
            await uow.commit()
        if job_id is None:
            await asyncio.sleep(cfg.reclassify_interval_s)
            continue
        try:
            more = True
            while more:
                async with runtime.db.uow() as uow:
                    more = await reclassify.run_batch(uow=uow, job_id=job_id, size=cfg.reclassify_batch,
                                                      now=utcnow(), lease=lease)
                    await uow.commit()
                await asyncio.sleep(0)   # a long job leaves the event loop to the API between batches
        except asyncio.CancelledError:
            raise
        except Exception as exc:   # a batch that cannot be done: the job fails, saying why, instead of looping
            log.exception("reclassification failed", job_id=str(job_id))
            async with runtime.db.uow() as uow:
                await reclassify.fail(uow=uow, job_id=job_id, now=utcnow(), error=f"{type(exc).__name__}: {exc}")
                await uow.commit()


async def refresh_site_keys(runtime: Runtime) -> None:
    """Reload the revoked site keys, so a revocation in one process reaches every process."""
    from attribution.visits import keys

    revoked = keys.revoked_of(runtime)
    while True:
        await revoked.refresh(runtime.db)
        await asyncio.sleep(runtime.service_settings.site_key_refresh_s)


async def rebuild_report_rollup(runtime: Runtime) -> None:
    """Roll up the days marked dirty (``reports.rollup``); reports read those days raw until then."""
    from attribution.reports import rollup

    cfg = runtime.service_settings
    while True:
        async with runtime.db.uow() as uow:
            rebuilt = await rollup.rebuild_dirty(uow=uow, max_days=cfg.rollup_batch_days)
            await uow.commit()
        if rebuilt < cfg.rollup_batch_days:
            await asyncio.sleep(cfg.rollup_interval_s)


async def raise_roi_alerts(runtime: Runtime) -> None:
    """Check every tenant with costs for N consecutive weeks of negative ROI (see ``alerts.service``)."""
    from attribution.alerts import service as alerts
    from attribution.config.models import DEFAULT_ROI_ALERT_WEEKS
    from smmkit.events import utcnow

    cfg = runtime.service_settings
    while True:
        now = utcnow()
        async with runtime.db.uow() as uow:
            tenants = await alerts.tenants_with_costs(uow=uow, since=alerts.week_starts(now, 52)[0])
        for tenant_id in tenants:
            async with runtime.db.uow() as uow:
                raised = await alerts.check_roi(uow=uow, tenant_id=tenant_id, now=now)
                await uow.commit()
            for event in raised:
                log.warning("ROI below zero for consecutive weeks", tenant_id=str(tenant_id),
                            currency=event.payload.currency, weeks=event.payload.weeks)
        await asyncio.sleep(cfg.roi_alert_interval_s)


async def deliver_webhooks(runtime: Runtime) -> None:
    """Send queued tenant webhooks, signed, retried with back-off."""
    from datetime import timedelta

    from attribution.alerts import service as alerts
    from smmkit.events import utcnow
    from smmkit.urlguard import guarded_client

    cfg = runtime.service_settings
    async with guarded_client(runtime.settings.webhook_allowed_cidrs, timeout_s=cfg.webhook_timeout_s) as http:
        while True:
            async with runtime.db.uow() as uow:
                due = await alerts.claim_due(uow=uow, now=utcnow(), lease=timedelta(seconds=cfg.webhook_timeout_s * 3),
                                             held=runtime.suspensions.ids)
                await uow.commit()
            for delivery in due:
                attempt = await alerts.deliver(delivery, http=http, box=runtime.secrets,
                                               timeout_s=cfg.webhook_timeout_s)
                async with runtime.db.uow() as uow:
                    await alerts.record_attempt(uow=uow, delivery_id=delivery.id, attempt=attempt, now=utcnow(),
                                                max_attempts=cfg.webhook_max_attempts,
                                                retry_base_s=cfg.webhook_retry_base_s,
                                                disable_after=cfg.webhook_disable_after)
                    await uow.commit()
                if not attempt.ok:
                    log.warning("tenant webhook failed; will retry", tenant_id=str(delivery.tenant_id),
                                delivery_id=str(delivery.id), error=attempt.error)
            if not due:
                await asyncio.sleep(cfg.webhook_delivery_interval_s)
