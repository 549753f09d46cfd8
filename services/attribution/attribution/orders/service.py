"""Orders in, and joined to the post targets that earned them."""
import uuid
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from attribution.orders.models import Order, OrderCredit, PublishedTarget
from attribution.orders.schemas import OrderIn
from smmkit import events as ev
from smmkit.db import UnitOfWork

ORDER_NAMESPACE = uuid.UUID("7f1c3a52-4a47-4c8e-9d55-6a2f0b1e9c11")
LAST_TOUCH = "last_touch"


def order_id_for(tenant_id: uuid.UUID, source: str, external_id: str) -> uuid.UUID:
    """The same shop order always gets the same id, so a redelivery counts once."""
    return uuid.uuid5(ORDER_NAMESPACE, f"{tenant_id}:{source}:{external_id}")


def submit(*, uow: UnitOfWork, tenant_id: uuid.UUID, order_in: OrderIn, source: str = "api") -> uuid.UUID:
    order_id = order_id_for(tenant_id, source, order_in.id)
    uow.emit(ev.new_event(ev.OrderCreated(
        order_id=order_id, external_id=order_in.id, source=source, ordered_at=order_in.ordered_at,
        customer_id=order_in.customer_id, visitor_id=order_in.visitor_id, total_minor=order_in.total_minor,
        currency=order_in.currency, line_items=order_in.line_items, promo_codes=order_in.promo_codes,
        landing_url=order_in.landing_url, utm=order_in.utm, click_id=order_in.click_id,
    ), tenant_id=tenant_id))
    return order_id


def _utm_content(order: ev.OrderCreated) -> str | None:
    if order.utm.content:
        return order.utm.content
    if order.landing_url:
        values = parse_qs(urlsplit(order.landing_url).query).get("utm_content")
        return values[0] if values else None
    return None


async def record(*, uow: UnitOfWork, event: ev.Envelope[ev.OrderCreated]) -> None:
    o = event.payload
    inserted = await uow.session.scalar(pg_insert(Order).values(
        id=o.order_id, tenant_id=event.tenant_id, external_id=o.external_id, source=o.source,
        ordered_at=o.ordered_at, customer_id=o.customer_id, visitor_id=o.visitor_id, total_minor=o.total_minor,
        currency=o.currency, utm_content=_utm_content(o), click_id=o.click_id, promo_codes=o.promo_codes,
    ).on_conflict_do_nothing().returning(Order.id))
    if inserted is not None:
        await _attribute(uow, await uow.session.get(Order, inserted))


async def _attribute(uow: UnitOfWork, order: Order) -> None:
    target_id = _as_uuid(order.utm_content)
    if target_id is None:
        return
    target = await uow.session.scalar(select(PublishedTarget).where(
        PublishedTarget.tenant_id == order.tenant_id, PublishedTarget.target_id == target_id))
    if target is None:
        return  # its post.published has not arrived yet; joined in on_post_published
    await uow.session.execute(pg_insert(OrderCredit).values(
        order_id=order.id, model=LAST_TOUCH, target_id=target_id, tenant_id=order.tenant_id,
        amount_minor=order.total_minor, currency=order.currency).on_conflict_do_nothing())
    order.attributed_at = ev.utcnow()


def _as_uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


async def track_target(*, uow: UnitOfWork, event: ev.Envelope[ev.PostPublished]) -> None:
    p = event.payload
    await uow.session.execute(pg_insert(PublishedTarget).values(
        target_id=p.target_id, tenant_id=event.tenant_id, post_id=p.post_id, account_id=p.account_id,
        network=p.network, campaign=p.campaign, pillar=p.pillar, brand_id=p.brand_id, published_at=p.published_at,
    ).on_conflict_do_nothing())
    waiting = await uow.session.scalars(select(Order).where(
        Order.tenant_id == event.tenant_id, Order.utm_content == str(p.target_id), Order.attributed_at.is_(None)))
    for order in waiting:
        await _attribute(uow, order)
