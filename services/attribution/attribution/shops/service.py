"""Shop webhooks in: verify the signature on the raw body, dedupe, normalise into ``order.created``.

A bad or missing signature (or a tenant without a secret for that shop) is answered
401 and nothing is stored; a signed but malformed body is 422. A delivery id
seen before answers 200 ``duplicate`` without doing anything; an order id seen
before is harmless because the order's id is derived from (tenant, shop, order id).
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Mapping

import orjson
from sqlalchemy.dialects.postgresql import insert as pg_insert

from attribution.config import service as config
from attribution.orders import service as orders
from attribution.orders.models import WebhookReceipt
from attribution.shops import parsing
from smmkit import events as ev
from smmkit.crypto import SecretBox, verify_hmac_b64
from smmkit.db import UnitOfWork
from smmkit.problems import DomainError

WOO_PING = re.compile(rb"^webhook_id=\d+$")
# The topics we act on; any other is answered 200 "ignored"
SHOPIFY_TOPICS = ("orders/create", "orders/cancelled", "refunds/create")
WOO_TOPICS = ("order.created", "order.updated")


class Unauthorized(DomainError):
    status = 401
    title = "Unauthorized"


def _json(raw: bytes):
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise parsing.Malformed("the body is not JSON") from None


async def _verified(uow: UnitOfWork, box: SecretBox, platform: str, tenant: str, raw: bytes,
                    signature: str | None) -> uuid.UUID:
    tenant_id = parsing.as_uuid(tenant)
    secret = await config.shop_secret(uow=uow, tenant_id=tenant_id, platform=platform, box=box) if tenant_id else None
    # Same answer for an unknown tenant, a missing secret and a wrong signature: nothing to learn by probing.
    if secret is None or not verify_hmac_b64(secret, raw, signature):
        raise Unauthorized("invalid webhook signature")
    return tenant_id


async def _first_delivery(uow: UnitOfWork, tenant_id: uuid.UUID, platform: str, delivery_id: str | None) -> bool:
    if not delivery_id:
        return True
    inserted = await uow.session.scalar(pg_insert(WebhookReceipt).values(
        tenant_id=tenant_id, platform=platform, delivery_id=delivery_id[:200], received_at=ev.utcnow(),
    ).on_conflict_do_nothing().returning(WebhookReceipt.delivery_id))
    return inserted is not None


async def receive_shopify(*, uow: UnitOfWork, box: SecretBox, tenant: str, headers: Mapping[str, str],
                          raw: bytes) -> dict:
    tenant_id = await _verified(uow, box, "shopify", tenant, raw, headers.get("x-shopify-hmac-sha256"))
    topic = (headers.get("x-shopify-topic") or "orders/create").strip().lower()
    data = _json(raw)

    def order_id_for(external_id: str) -> uuid.UUID:
        return orders.order_id_for(tenant_id, "shopify", external_id)

    if topic == "orders/create":
        payload = parsing.shopify_order(data, order_id_for=order_id_for)
    elif topic == "orders/cancelled":
        external_id = parsing.shopify_cancelled(data)
    elif topic == "refunds/create":
        external_id, refund_id, amount = parsing.shopify_refund(data, data.get("currency") if isinstance(data, dict)
                                                                else None)
    else:
        return {"status": "ignored", "topic": topic}
    if not await _first_delivery(uow, tenant_id, "shopify", headers.get("x-shopify-webhook-id")):
        return {"status": "duplicate"}
    if topic == "orders/create":
        uow.emit(ev.new_event(payload, tenant_id=tenant_id))
        result = {"status": "accepted", "order_id": str(payload.order_id)}
    elif topic == "orders/cancelled":
        await orders.adjust(uow=uow, tenant_id=tenant_id, order_id=order_id_for(external_id), ref="cancel",
                            kind="cancelled")
        result = {"status": "accepted", "order_id": str(order_id_for(external_id))}
    else:
        await orders.adjust(uow=uow, tenant_id=tenant_id, order_id=order_id_for(external_id),
                            ref=f"refund:{refund_id}", kind="refund", amount_minor=amount)
        result = {"status": "accepted", "order_id": str(order_id_for(external_id))}
    await uow.commit()
    return result


async def receive_woocommerce(*, uow: UnitOfWork, box: SecretBox, tenant: str, headers: Mapping[str, str],
                              raw: bytes) -> dict:
    signature = headers.get("x-wc-webhook-signature")
    if not signature and WOO_PING.match(raw.strip()):
        return {"status": "ok", "detail": "ping received"}   # WooCommerce's unsigned creation ping
    tenant_id = await _verified(uow, box, "woocommerce", tenant, raw, signature)
    topic = (headers.get("x-wc-webhook-topic") or "order.created").strip().lower()
    if topic not in WOO_TOPICS:
        return {"status": "ignored", "topic": topic}

    def order_id_for(external_id: str) -> uuid.UUID:
        return orders.order_id_for(tenant_id, "woocommerce", external_id)

    payload, woo = parsing.woo_order(_json(raw), order_id_for=order_id_for)
    if not await _first_delivery(uow, tenant_id, "woocommerce", headers.get("x-wc-webhook-delivery-id")):
        return {"status": "duplicate"}
    if topic == "order.created":
        uow.emit(ev.new_event(payload, tenant_id=tenant_id))
    else:
        for refund in woo.refunds:
            amount = parsing.woo_refund_minor(refund, payload.currency)
            await orders.adjust(uow=uow, tenant_id=tenant_id, order_id=payload.order_id,
                                ref=f"refund:{refund.get('id')}", kind="refund", amount_minor=amount)
        if woo.status in ("cancelled", "failed"):
            await orders.adjust(uow=uow, tenant_id=tenant_id, order_id=payload.order_id, ref="cancel",
                                kind="cancelled")
        elif woo.status == "refunded":
            await orders.adjust(uow=uow, tenant_id=tenant_id, order_id=payload.order_id, ref="refund:full",
                                kind="refund", amount_minor=payload.total_minor)
    await uow.commit()
    return {"status": "accepted", "order_id": str(payload.order_id)}
