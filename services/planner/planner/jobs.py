"""Background loops: the dispatcher hands due targets to the publisher; the sweeper re-sends unconfirmed ones;
recurring posts are materialized ahead; webhook deliveries are sent and retried."""
import asyncio
from datetime import timedelta

from planner.posts import service as posts
from planner.schedules import service as schedules
from planner.webhooks import service as webhooks
from smmkit.app import Runtime
from smmkit.events import utcnow
from smmkit.urlguard import guarded_client


async def dispatch_due_targets(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        async with runtime.db.uow() as uow:
            claimed = await posts.dispatch_due(uow=uow, now=utcnow(), limit=cfg.dispatch_batch_size,
                                               lead=timedelta(seconds=cfg.dispatch_lead_s))
        if claimed < cfg.dispatch_batch_size:
            await asyncio.sleep(cfg.dispatch_interval_s)


async def sweep_unconfirmed(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        await asyncio.sleep(cfg.sweep_interval_s)
        async with runtime.db.uow() as uow:
            await posts.redispatch_unconfirmed(uow=uow, now=utcnow(), older_than=timedelta(seconds=cfg.sweep_after_s),
                                               limit=cfg.dispatch_batch_size)


async def materialize_recurrences(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        async with runtime.db.uow() as uow:
            await schedules.materialize(uow=uow, now=utcnow(), horizon=timedelta(seconds=cfg.recurrence_horizon_s))
        await asyncio.sleep(cfg.recurrence_interval_s)


async def deliver_webhooks(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    async with guarded_client(runtime.settings.webhook_allowed_cidrs, timeout_s=cfg.webhook_timeout_s) as http:
        while True:
            async with runtime.db.uow() as uow:
                tried = await webhooks.deliver_due(uow=uow, http=http, box=runtime.secrets, now=utcnow(),
                                                   limit=cfg.webhook_batch_size, max_attempts=cfg.webhook_max_attempts,
                                                   retry_base_s=cfg.webhook_retry_base_s,
                                                   disable_after=cfg.webhook_disable_after,
                                                   held=runtime.suspensions.ids)
            if tried < cfg.webhook_batch_size:
                await asyncio.sleep(cfg.webhook_interval_s)
