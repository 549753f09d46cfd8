import uuid

from fastapi import APIRouter

from publisher.accounts import service
from publisher.accounts.schemas import AccountConnectionRead, CredentialsPut
from smmkit.deps import RuntimeDep, TenantDep, UowDep

router = APIRouter(prefix="/accounts", tags=["account connections"])


@router.put("/{account_id}/credentials", response_model=AccountConnectionRead)
async def connect_account(account_id: uuid.UUID, body: CredentialsPut, tenant_id: TenantDep, uow: UowDep,
                          runtime: RuntimeDep):
    """Only for an account created on the planner for this tenant, with its network and account_ref (else 422).
    An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with Retry-After."""
    return await service.connect(uow=uow, box=runtime.secrets, tenant_id=tenant_id, account_id=account_id,
                                 body=body)


@router.get("/{account_id}", response_model=AccountConnectionRead,
            summary="Whether an account's credentials are connected (never the secrets)")
async def get_account_connection(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)
