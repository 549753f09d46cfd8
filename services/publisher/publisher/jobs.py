"""The publishing loop: claim ready targets (SKIP LOCKED, shared by every replica) and publish them concurrently."""
import asyncio
from datetime import timedelta

from publisher.targets import service as targets
from publisher.targets.publishing import publish_one
from smmkit.app import Runtime
from smmkit.events import utcnow
from smmkit.observability import get_logger

log = get_logger(__name__)


async def publish_ready_targets(runtime: Runtime) -> None:
    cfg = runtime.service_settings
    in_flight: set[asyncio.Task] = set()
    while True:
        room = min(cfg.claim_batch_size, cfg.max_concurrency - len(in_flight))
        claims = []
        if room > 0:
            async with runtime.db.uow() as uow:
                claims = await targets.claim_ready(uow=uow, now=utcnow(), limit=room,
                                                   lease=timedelta(seconds=cfg.lease_s))
        for claim in claims:
            task = asyncio.create_task(_publish_logged(runtime, claim))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        if not claims:
            await asyncio.sleep(cfg.poll_interval_s)


async def _publish_logged(runtime: Runtime, claim: targets.Claim) -> None:
    try:
        await publish_one(runtime, claim)
    except Exception as exc:  # noqa: BLE001 - the lease runs out and another attempt picks the target up
        log.error("publishing crashed; the lease will expire and the target is retried",
                  target_id=str(claim.target_id), error=repr(exc))
