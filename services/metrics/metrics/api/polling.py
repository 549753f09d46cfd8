from fastapi import APIRouter

from metrics.polling import service
from metrics.polling.schemas import StoppedAccount, StoppedReads, StoppedTarget
from smmkit.deps import TenantDep, UowDep
from smmkit.validation import at_most

router = APIRouter(prefix="/polling", tags=["engagement"])


@router.get("/stopped", response_model=StoppedReads)
async def stopped_reads(tenant_id: TenantDep, uow: UowDep, limit: at_most(1000) = 100):
    """Posts and accounts whose reads stopped after failures retrying cannot fix, latest first.
    Putting an account's read credentials again (``PUT /accounts/{id}/credentials``) resumes them."""
    targets, accounts = await service.stopped(uow=uow, tenant_id=tenant_id, limit=limit)
    return StoppedReads(targets=[StoppedTarget.model_validate(t) for t in targets],
                        accounts=[StoppedAccount.model_validate(a) for a in accounts])
