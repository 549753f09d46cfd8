"""Background loops: the dispatcher hands due targets to the publisher; the sweeper re-sends unconfirmed ones."""
import asyncio
from datetime import timedelta

from planner.posts import service as posts
from smmkit.app import Runtime
from smmkit.events import utcnow


async def dispatch_due_targets(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        async with runtime.db.uow() as uow:
            claimed = await posts.dispatch_due(uow=uow, now=utcnow(), limit=cfg.dispatch_batch_size)
        if claimed < cfg.dispatch_batch_size:
            await asyncio.sleep(cfg.dispatch_interval_s)


async def sweep_unconfirmed(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        await asyncio.sleep(cfg.sweep_interval_s)
        async with runtime.db.uow() as uow:
            await posts.redispatch_unconfirmed(uow=uow, now=utcnow(), older_than=timedelta(seconds=cfg.sweep_after_s),
                                               limit=cfg.dispatch_batch_size)
