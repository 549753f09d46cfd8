"""The polling loop: claim due targets, read their counters from the network, record what changed."""
import asyncio
from datetime import timedelta

from metrics.collectors import COLLECTORS, PostGone
from metrics.engagement import service as engagement
from smmkit.app import Runtime
from smmkit.events import utcnow
from smmkit.networks import NetworkError
from smmkit.observability import get_logger

log = get_logger(__name__)


async def poll_due_targets(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    while True:
        async with runtime.db.uow() as uow:
            due = await engagement.claim_due(uow=uow, now=utcnow(), limit=cfg.claim_batch_size,
                                             lease=timedelta(seconds=cfg.poll_lease_s))
        await asyncio.gather(*(_poll_one(runtime, t) for t in due))
        if len(due) < cfg.claim_batch_size:
            await asyncio.sleep(cfg.poll_interval_s)


async def _poll_one(runtime: Runtime, target) -> None:
    cfg = runtime.service_settings
    collector_cls = COLLECTORS.get(target.network)
    if collector_cls is None:
        return  # no collector yet: the lease keeps it from being claimed in a tight loop
    try:
        totals = await collector_cls(http=runtime.http_client(
            cfg.base_url(target.network), timeout_s=cfg.http_timeout_s)).fetch_post(target.external_id)
    except PostGone:
        totals = None
    except NetworkError as error:
        log.warning("poll failed; retried after the lease", target_id=str(target.target_id), kind=error.kind)
        return
    async with runtime.db.uow() as uow:
        await engagement.record_poll(uow=uow, target_id=target.target_id, totals=totals, now=utcnow())
