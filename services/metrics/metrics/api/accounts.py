import uuid

from fastapi import APIRouter

from metrics.accounts import service
from metrics.accounts.schemas import AccountRead, CredentialsPut, FollowerPointRead, FollowerSeries
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.events import utcnow

router = APIRouter(prefix="/accounts", tags=["accounts"])


@router.put("/{account_id}/credentials", response_model=AccountRead)
async def register_read_access(account_id: uuid.UUID, body: CredentialsPut, tenant_id: TenantDep, uow: UowDep,
                               runtime: RuntimeDep):
    """Register or replace the read credentials; a reconnect resumes the account's stopped reads."""
    return await service.connect(uow=uow, box=runtime.secrets, tenant_id=tenant_id, account_id=account_id, body=body,
                                 now=utcnow())


@router.get("/{account_id}", response_model=AccountRead, summary="An account's read access and polling state")
async def get_account(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)


@router.get("/{account_id}/followers", response_model=FollowerSeries, summary="An account's follower count over time")
async def follower_series(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    points = await service.follower_series(session=uow.session, tenant_id=tenant_id, account_id=account_id)
    return FollowerSeries(account_id=account_id, points=[FollowerPointRead.model_validate(p) for p in points])
