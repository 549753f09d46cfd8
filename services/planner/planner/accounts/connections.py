"""The planner's part in connecting an account through the network (docs/connections.md).

The publisher holds the tokens; the planner, which alone creates and announces accounts, decides which
account a connection is: a new one (announced with ``account.created``, as one made by hand), the same one
again (a reconnect keeps the account, so its posts and metrics stay), or none, when another tenant already
has that account on that network. It answers ``connection.settled``; a refusal leaves nothing behind.
"""
import uuid

import sqlalchemy as sa
from smmkit import events as ev
from smmkit.db import UnitOfWork
from sqlalchemy import select

from planner.accounts.models import Account
from planner.webhooks import service as webhooks


async def settle(*, uow: UnitOfWork, event: ev.Envelope[ev.ConnectionAuthorized]) -> None:
    p, tenant_id = event.payload, event.tenant_id
    # One decision at a time per network account: two tenants connecting it at once cannot both win.
    await uow.session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                              {"key": f"account:{p.network}:{p.account_ref}"})
    holders = list(await uow.session.scalars(select(Account).where(
        Account.network == p.network, Account.account_ref == p.account_ref).order_by(Account.created_at)))

    def answer(account_id: uuid.UUID | None, refusal: str | None = None) -> None:
        uow.emit(ev.new_event(ev.ConnectionSettled(connection_id=p.connection_id, network=p.network,
                                                   account_ref=p.account_ref, account_id=account_id, refusal=refusal),
                              tenant_id=tenant_id, correlation_id=event.correlation_id))

    if any(a.tenant_id != tenant_id for a in holders):
        return answer(None, "this account is already connected by another workspace")
    if p.account_id is not None:  # a reconnect names its account: it must be this one
        account = await uow.session.get(Account, p.account_id)
        if account is None or account.tenant_id != tenant_id or account.network != p.network:
            return answer(None, "the account being reconnected no longer exists")
        if account.account_ref != p.account_ref:
            return answer(None, f"signed in as {p.account_ref}, but the account being reconnected is "
                                f"{account.account_ref}")
        return answer(account.id)
    if holders:  # connecting an account the tenant already has: the same account, its history kept
        return answer(holders[0].id)
    account = Account(id=uuid.uuid4(), tenant_id=tenant_id, network=p.network, handle=p.handle,
                      account_ref=p.account_ref)
    uow.session.add(account)
    await uow.session.flush()
    uow.emit(ev.new_event(ev.AccountCreated(account_id=account.id, network=p.network, account_ref=p.account_ref),
                          tenant_id=tenant_id, correlation_id=event.correlation_id))
    return answer(account.id)


async def tell_needs_reconnect(*, uow: UnitOfWork, event: ev.Envelope[ev.AccountNeedsReconnect]) -> None:
    """The tenant's webhooks hear that an account needs reconnecting, and why."""
    await webhooks.enqueue(session=uow.session, tenant_id=event.tenant_id, event_type="account.needs_reconnect",
                           payload=event.payload.model_dump(mode="json"))
