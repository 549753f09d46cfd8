import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from planner.accounts.models import Account
from planner.accounts.schemas import AccountCreate
from planner.plans import service as plan
from smmkit import events as ev
from smmkit.db import UnitOfWork
from smmkit.pagination import PageRequest
from smmkit.problems import NotFound


async def create(*, uow: UnitOfWork, tenant_id: uuid.UUID, account_in: AccountCreate) -> Account:
    """Store the account and announce it: the publisher and metrics take credentials only for announced ids."""
    await plan.hold_account(uow.session, tenant_id)  # 402 at the plan's limit; concurrent creates queue here
    if account_in.brand_id is not None:
        from planner.brands import service as brands  # the brand must be this tenant's

        await brands.get_brand(session=uow.session, tenant_id=tenant_id, brand_id=account_in.brand_id)
    account = Account(tenant_id=tenant_id, **account_in.model_dump())
    uow.session.add(account)
    await uow.session.flush()
    uow.emit(ev.new_event(ev.AccountCreated(
        account_id=account.id, network=account.network, account_ref=account.account_ref), tenant_id=tenant_id))
    await uow.commit()
    return account


async def get(*, session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID) -> Account:
    account = await session.scalar(select(Account).where(Account.tenant_id == tenant_id, Account.id == account_id))
    if account is None:
        raise NotFound(f"account {account_id} not found")
    return account


async def get_many(*, session: AsyncSession, tenant_id: uuid.UUID, account_ids: set[uuid.UUID]) -> dict[uuid.UUID, Account]:
    rows = await session.scalars(select(Account).where(Account.tenant_id == tenant_id, Account.id.in_(account_ids)))
    found = {a.id: a for a in rows}
    missing = account_ids - found.keys()
    if missing:
        raise NotFound(f"account(s) not found: {', '.join(sorted(map(str, missing)))}")
    return found


async def list_page(*, session: AsyncSession, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's accounts, oldest first."""
    ks = page.keyset(select(Account).where(Account.tenant_id == tenant_id), Account.created_at, Account.id,
                     scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())
