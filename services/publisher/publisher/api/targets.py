import uuid

from fastapi import APIRouter

from publisher.targets import service
from publisher.targets.schemas import PublishTargetRead, TargetResolve
from smmkit.deps import TenantDep, UowDep
from smmkit.events import utcnow

router = APIRouter(prefix="/targets", tags=["publishing"])


@router.get("/{target_id}", response_model=PublishTargetRead, summary="A target's publishing state")
async def get_target(target_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get(uow=uow, tenant_id=tenant_id, target_id=target_id)


@router.post("/{target_id}/resolve", response_model=PublishTargetRead)
async def resolve_target(target_id: uuid.UUID, body: TargetResolve, tenant_id: TenantDep, uow: UowDep):
    """Settle a target in ``needs_review`` (its outcome could not be checked automatically):
    mark it published with the post's URL, or have it published again."""
    return await service.resolve(uow=uow, tenant_id=tenant_id, target_id=target_id, outcome=body.outcome,
                                 url=body.url, external_id=body.external_id, now=utcnow())
