import uuid

from fastapi import APIRouter

from metrics.engagement import service
from metrics.engagement.schemas import EngagementHistory, EngagementPointRead
from metrics.polling.schemas import PollingState
from smmkit.deps import TenantDep, UowDep

router = APIRouter(prefix="/targets", tags=["engagement"])


@router.get("/{target_id}/engagement", response_model=EngagementHistory,
            summary="A published target's engagement over time")
async def engagement_history(target_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    target, points = await service.history(uow=uow, tenant_id=tenant_id, target_id=target_id)
    return EngagementHistory(target_id=target.target_id, network=target.network, deleted=target.deleted,
                             points=[EngagementPointRead.model_validate(p) for p in points],
                             **PollingState.model_validate(target).model_dump())
