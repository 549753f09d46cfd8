"""The publishing loop: claim ready targets (SKIP LOCKED, shared by every replica) and publish them concurrently."""
import asyncio
from datetime import datetime, timedelta

from publisher.accounts import service as accounts
from publisher.networks import ADAPTERS
from publisher.targets import service as targets
from publisher.targets.publishing import http_for, publish_one
from smmkit.app import Runtime
from smmkit.catalogue import CATALOGUE
from smmkit.crypto import SecretBox
from smmkit.events import utcnow
from smmkit.networks import NetworkError
from smmkit.observability import bound_context, get_logger

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
                                                   lease=timedelta(seconds=cfg.lease_s),
                                                   held=runtime.suspensions.ids)
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


RENEWABLE_NETWORKS = tuple(n for n, s in CATALOGUE.items() if s.renewal.renewable)


async def renew_expiring_credentials(runtime: Runtime) -> None:
    """Renew tokens shortly before they expire, so publishing never meets an expired one."""
    cfg = runtime.service_settings
    while True:
        await renew_due_credentials(runtime, before=utcnow() + timedelta(seconds=cfg.renew_before_s))
        await asyncio.sleep(cfg.renew_interval_s)


async def renew_due_credentials(runtime: Runtime, *, before: datetime) -> dict[str, int]:
    """One pass: renew every connected account whose token expires before ``before``.

    A transient failure leaves the account connected (the next pass tries again); only a
    definite rejection of the refresh token marks it "needs reconnect".
    """
    async with runtime.db.uow() as uow:
        due = await accounts.expiring(session=uow.session, box=runtime.secrets, networks=RENEWABLE_NETWORKS,
                                      before=before)
    counts = {"renewed": 0, "transient": 0, "rejected": 0}
    for row in due:
        async def call(current: dict, network: str = row.network, ref: str = row.account_ref) -> dict | None:
            http = http_for(runtime, network, ref)
            return await ADAPTERS[network](http=http, credentials=current).refresh_credentials()

        with bound_context(tenant_id=str(row.tenant_id), account_id=str(row.account_id)):
            try:
                async with runtime.db.uow() as uow:
                    await accounts.refresh(uow=uow, box=runtime.secrets, account_id=row.account_id,
                                           seen=runtime.secrets.decrypt(row.secret), refresher=call)
                counts["renewed"] += 1
            except NetworkError as error:
                if error.kind == "auth_expired":
                    counts["rejected"] += 1
                    async with runtime.db.uow() as uow:
                        await accounts.mark_needs_reconnect(uow=uow, account_id=row.account_id,
                                                            reason=error.message)
                        await uow.commit()
                else:
                    counts["transient"] += 1
                log.warning("token renewal failed", network=row.network, kind=error.kind, error=error.message)
    return counts


async def rotate_credential_keys(runtime: Runtime) -> None:
    """Once at start: re-encrypt stored credentials with the newest of ``SECRET_KEYS``."""
    newest = SecretBox(runtime.settings.secret_keys.split(",")[0])
    async with runtime.db.uow() as uow:
        count = await accounts.rotate_keys(uow=uow, box=runtime.secrets, newest=newest)
    log.info("credentials re-encrypted with the newest key", rows=count)
