"""Publishing one claimed target: reconcile if needed, call the network's adapter, record the outcome."""

from publisher.accounts import service as accounts
from publisher.accounts.models import AccountCredentials, AccountStatus
from publisher.networks import ADAPTERS
from publisher.networks.base import Adapter, MediaItem, Publication
from publisher.targets import service as targets
from publisher.targets.models import PublishTarget
from smmkit.app import Runtime
from smmkit.events import utcnow
from smmkit.networks import NetworkError
from smmkit.observability import bound_context, get_logger

log = get_logger(__name__)


def publication_of(target: PublishTarget) -> Publication:
    return Publication(
        target_id=target.target_id, account_ref=target.account_ref, text=target.text,
        media=tuple(MediaItem(url=m["url"], kind=m.get("kind", "image")) for m in target.media),
        link=target.links[0] if target.links else None, scheduled_at=target.scheduled_at,
    )


def adapter_for(runtime: Runtime, target: PublishTarget, creds: AccountCredentials) -> Adapter:
    cfg = runtime.service_settings
    http = runtime.http_client(cfg.base_url(target.network), timeout_s=cfg.http_timeout_s)
    return ADAPTERS[target.network](http=http, credentials=runtime.secrets.decrypt(creds.secret))


async def publish_one(runtime: Runtime, claim: targets.Claim) -> None:
    cfg = runtime.service_settings
    policy = targets.RetryPolicy(cfg.max_attempts, cfg.retry_base_s, cfg.retry_max_s)
    async with runtime.db.uow() as uow:
        target = await uow.session.get(PublishTarget, claim.target_id)
        creds = await uow.session.get(AccountCredentials, target.account_id)
    with bound_context(tenant_id=str(target.tenant_id), target_id=str(target.target_id)):
        try:
            if creds is None or creds.tenant_id != target.tenant_id:
                raise NetworkError("auth_expired", "the account has no credentials; connect it first")
            if creds.status == AccountStatus.NEEDS_RECONNECT:
                raise NetworkError("auth_expired", creds.status_reason or "the account needs reconnecting")
            adapter = adapter_for(runtime, target, creds)
            publication = publication_of(target)
            found = None
            if claim.reconcile_first and not adapter.has_idempotency_guard:
                found = await adapter.find_published(publication)
                if found:
                    log.info("reconciled: post already on the network", external_id=found.external_id)
            result = found or await adapter.publish(publication)
        except NetworkError as error:
            log.warning("publish attempt failed", network=target.network, kind=error.kind, error=error.message)
            async with runtime.db.uow() as uow:
                if error.kind == "auth_expired" and creds is not None:
                    await accounts.mark_needs_reconnect(session=uow.session, account_id=creds.account_id,
                                                        reason=error.message)
                await targets.record_error(uow=uow, target_id=target.target_id, error=error, now=utcnow(),
                                           policy=policy)
            return
        async with runtime.db.uow() as uow:
            await targets.record_published(uow=uow, target_id=target.target_id, external_id=result.external_id,
                                           url=result.url, now=utcnow())
        log.info("published", network=target.network, external_id=result.external_id)


