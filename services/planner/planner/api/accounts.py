import uuid

from fastapi import APIRouter

from planner.accounts import service
from planner.accounts.schemas import AccountCreate, AccountRead
from smmkit.deps import TenantDep, UowDep
from smmkit.pagination import Page, PageDep
from smmkit.plans import QUOTA_RESPONSE

router = APIRouter(prefix="/accounts", tags=["accounts"])


@router.post("", status_code=201, response_model=AccountRead, responses=QUOTA_RESPONSE)
async def create_account(body: AccountCreate, tenant_id: TenantDep, uow: UowDep):
    """Connect its credentials on the publisher (and metrics) next: they accept this id once they have
    consumed ``account.created``, usually within a second; until then they answer 404 with Retry-After."""
    return await service.create(uow=uow, tenant_id=tenant_id, account_in=body)


@router.get("", response_model=Page[AccountRead], summary="List the tenant's social accounts, oldest first (one page)")
async def list_accounts(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.list_page(session=uow.session, tenant_id=tenant_id, page=page)


@router.get("/{account_id}", response_model=AccountRead, summary="Get a social account")
async def get_account(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)
