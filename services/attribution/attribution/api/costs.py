import uuid

from fastapi import APIRouter

from attribution.costs import service
from attribution.costs.schemas import CostCreate, CostRead
from smmkit.deps import TenantDep, UowDep
from smmkit.pagination import Page, PageDep
from smmkit.validation import Day

router = APIRouter(prefix="/costs", tags=["costs"])


@router.post("", status_code=201, response_model=CostRead)
async def create_cost(body: CostCreate, tenant_id: TenantDep, uow: UowDep):
    """Salaries, content production, boosts ... for a period, optionally per campaign / network / brand."""
    cost = await service.create(uow=uow, tenant_id=tenant_id, cost_in=body)
    await uow.commit()
    return cost


@router.get("", response_model=Page[CostRead], summary="List costs (spend per post, campaign or period), one page")
async def list_costs(tenant_id: TenantDep, uow: UowDep, page: PageDep, since: Day | None = None,
                     until: Day | None = None):
    return await service.costs_page(uow=uow, tenant_id=tenant_id, page=page, since=since, until=until)


@router.delete("/{cost_id}", status_code=204, summary="Delete a cost")
async def delete_cost(cost_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep) -> None:
    await service.delete(uow=uow, tenant_id=tenant_id, cost_id=cost_id)
    await uow.commit()
