from fastapi import APIRouter

from attribution.orders import service
from attribution.orders.schemas import OrderAccepted, OrderIn
from smmkit.bodylimit import MiB, body_limit
from smmkit.deps import TenantDep, UowDep

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post("", status_code=202, response_model=OrderAccepted, openapi_extra=body_limit(1 * MiB))
async def submit_order(body: OrderIn, tenant_id: TenantDep, uow: UowDep):
    """Accepted orders become ``order.created`` events; attribution happens when that event is consumed."""
    order_id = service.submit(uow=uow, tenant_id=tenant_id, order_in=body)
    await uow.commit()
    return OrderAccepted(order_id=str(order_id))
