import uuid

from fastapi import APIRouter

from planner.accounts import service
from planner.accounts.schemas import AccountCreate, AccountRead
from smmkit.deps import TenantDep, UowDep

router = APIRouter(prefix="/accounts", tags=["accounts"])


@router.post("", status_code=201, response_model=AccountRead)
async def create_account(body: AccountCreate, tenant_id: TenantDep, uow: UowDep):
    account = await service.create(session=uow.session, tenant_id=tenant_id, account_in=body)
    await uow.commit()
    return account


@router.get("", response_model=list[AccountRead])
async def list_accounts(tenant_id: TenantDep, uow: UowDep):
    return await service.list_all(session=uow.session, tenant_id=tenant_id)


@router.get("/{account_id}", response_model=AccountRead)
async def get_account(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)
