"""Read credentials that arrive with a connected account (``credentials.issued``, docs/connections.md).

The publisher seals them for this service (``smmkit.sealed``, our public key): only this service's private
key (``METRICS_SEAL_PRIVATE_KEY``) opens them. They are stored encrypted as if put by hand, and a
reconnect resumes the account's stopped reads.
"""
from datetime import datetime

from smmkit import events as ev
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from smmkit.sealed import open_sealed
from sqlalchemy.dialects.postgresql import insert as pg_insert

from metrics.accounts.models import KnownAccount, MetricsAccount
from metrics.polling import service as polling


async def take(*, uow: UnitOfWork, box: SecretBox, private_key: str, event: ev.Envelope[ev.CredentialsIssued],
               now: datetime) -> None:
    p = event.payload
    credentials = open_sealed(private_key, p.sealed)  # Unsealable: not for us, or altered; dead-lettered
    # The publisher issues credentials only for an account the planner settled: known here from now on,
    # even if its account.created is still on its way.
    await uow.session.execute(pg_insert(KnownAccount).values(
        account_id=p.account_id, tenant_id=event.tenant_id, network=p.network, account_ref=p.account_ref,
        created_at=event.occurred_at).on_conflict_do_nothing())
    row = await uow.session.get(MetricsAccount, p.account_id, with_for_update=True)
    if row is None:
        row = MetricsAccount(account_id=p.account_id, tenant_id=event.tenant_id, next_followers_at=now)
        uow.session.add(row)
    row.tenant_id, row.network, row.account_ref = event.tenant_id, p.network, p.account_ref
    row.secret = box.encrypt(credentials)
    resumed = await polling.resume_account(session=uow.session, account=row, now=now)
    polling.count_resumed(resumed)
