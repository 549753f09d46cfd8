import uuid

from fastapi import APIRouter

from attribution.orders import service
from attribution.orders.schemas import OrderAccepted, OrderIn, OrderJourney
from smmkit.bodylimit import MiB, body_limit
from smmkit.deps import TenantDep, UowDep

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post("", status_code=202, response_model=OrderAccepted, openapi_extra=body_limit(1 * MiB))
async def submit_order(body: OrderIn, tenant_id: TenantDep, uow: UowDep):
    """Accepted orders become ``order.created`` events; attribution happens when that event is consumed."""
    order_id = service.submit(uow=uow, tenant_id=tenant_id, order_in=body)
    await uow.commit()
    return OrderAccepted(order_id=str(order_id))


@router.get("/{order_id}/journey", response_model=OrderJourney, responses={404: {"description": "No such order"}},
            summary="The journey behind one order and each model's credit")
async def order_journey(order_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    """Touches in order (tracked clicks and site visits of every channel) and, per per-journey model, the
    credit of each touch key (a post target, or a channel). ``order_id`` is the id ``POST /orders`` answers."""
    return await service.journey(uow=uow, tenant_id=tenant_id, order_id=order_id)
