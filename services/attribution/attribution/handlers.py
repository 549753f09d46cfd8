from attribution.engagement import service as engagement
from attribution.orders import service as orders
from smmkit import events as ev
from smmkit.db import UnitOfWork
from attribution.tenant_data import TENANT_DATA
from smmkit.offboarding import deletion_handler


async def on_order_created(event: ev.Envelope[ev.OrderCreated], uow: UnitOfWork) -> None:
    await orders.record(uow=uow, event=event)


async def on_post_published(event: ev.Envelope[ev.PostPublished], uow: UnitOfWork) -> None:
    await orders.track_target(uow=uow, event=event)


async def on_engagement_updated(event: ev.Envelope[ev.EngagementUpdated], uow: UnitOfWork) -> None:
    await engagement.record(uow=uow, event=event)


on_tenant_deletion_requested = deletion_handler(TENANT_DATA)  # its rows, Redis keys and secrets; then it confirms
