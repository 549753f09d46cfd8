"""A stand-in for Shopify and WooCommerce shops: builds realistic order webhooks and delivers them,
signed exactly like the real platforms, to a URL the caller gives.

    POST /_sandbox/shop/shopify/deliver       {url, secret, topic?, order?, webhook_id?, bad_signature?}
    POST /_sandbox/shop/woocommerce/deliver   {url, secret, topic?, order?, delivery_id?, bad_signature?}
    POST /_sandbox/shop/woocommerce/ping      {url, webhook_id?}   the unsigned creation ping
    -> {"status": <HTTP status the receiver answered>, "delivery_id": ..., "body": <its answer>, "sent": <payload>}

Signatures: base64(HMAC-SHA256(secret, raw body)) in ``X-Shopify-Hmac-Sha256`` /
``X-WC-Webhook-Signature``. The body is sent byte for byte as signed. ``order``
fields are merged over a sample order, so a test passes only what it cares about.
Delivering twice with the same ``webhook_id`` / ``delivery_id`` imitates the
platforms' at-least-once redelivery.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import uuid
from datetime import datetime, timezone
from typing import Any

import httpx
from fastapi import APIRouter
from pydantic import BaseModel, Field

router = APIRouter(prefix="/_sandbox/shop", tags=["sandbox shop"])
_ids = itertools.count(820982911946154508)
_woo_ids = itertools.count(700)


def sign(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def shopify_order(**fields: Any) -> dict[str, Any]:
    now = datetime.now(timezone.utc).isoformat()
    order: dict[str, Any] = {
        "id": next(_ids), "admin_graphql_api_id": None, "name": "#1001", "email": "buyer@example.com",
        "created_at": now, "updated_at": now, "currency": "EUR", "presentment_currency": "EUR",
        "total_price": "24.90", "subtotal_price": "24.90", "total_tax": "0.00", "financial_status": "paid",
        "customer": {"id": 115310627314723954, "email": "buyer@example.com"},
        "landing_site": None, "referring_site": None, "source_name": "web",
        "note_attributes": [], "discount_codes": [],
        "line_items": [{"id": 1, "sku": "AUT-1", "title": "Autumn Blend", "name": "Autumn Blend", "quantity": 1,
                        "price": "24.90"}],
    }
    order.update(fields)
    order["admin_graphql_api_id"] = f"gid://shopify/Order/{order['id']}"
    return order


def woo_order(**fields: Any) -> dict[str, Any]:
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0).isoformat()
    order: dict[str, Any] = {
        "id": next(_woo_ids), "status": "processing", "currency": "EUR", "total": "24.90",
        "date_created": now, "date_created_gmt": now, "customer_id": 7,
        "line_items": [{"id": 1, "name": "Autumn Blend", "sku": "AUT-1", "quantity": 1, "price": 24.9}],
        "coupon_lines": [], "meta_data": [], "refunds": [],
    }
    order.update(fields)
    return order


class Delivery(BaseModel):
    url: str
    secret: str
    topic: str | None = None
    order: dict[str, Any] = Field(default_factory=dict, description="Fields merged over the sample order")
    raw: dict[str, Any] | None = Field(None, description="Send exactly this payload (refunds, cancellations)")
    webhook_id: str | None = None
    delivery_id: str | None = None
    bad_signature: bool = False


class Ping(BaseModel):
    url: str
    webhook_id: int = 1


async def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(url, content=body, headers=headers)
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text


@router.post("/shopify/deliver")
async def deliver_shopify(d: Delivery) -> dict[str, Any]:
    payload = d.raw if d.raw is not None else shopify_order(**d.order)
    body = json.dumps(payload).encode()
    webhook_id = d.webhook_id or str(uuid.uuid4())
    signature = sign(d.secret, body)
    if d.bad_signature:
        signature = sign(d.secret + "x", body)
    status, answer = await _post(d.url, body, {
        "Content-Type": "application/json",
        "X-Shopify-Topic": d.topic or "orders/create",
        "X-Shopify-Hmac-Sha256": signature,
        "X-Shopify-Shop-Domain": "sandbox-shop.myshopify.com",
        "X-Shopify-API-Version": "2025-01",
        "X-Shopify-Webhook-Id": webhook_id,
        "X-Shopify-Event-Id": str(uuid.uuid4()),
        "X-Shopify-Triggered-At": datetime.now(timezone.utc).isoformat(),
    })
    return {"status": status, "delivery_id": webhook_id, "body": answer, "sent": payload}


@router.post("/woocommerce/deliver")
async def deliver_woocommerce(d: Delivery) -> dict[str, Any]:
    payload = d.raw if d.raw is not None else woo_order(**d.order)
    body = json.dumps(payload).encode()
    delivery_id = d.delivery_id or str(uuid.uuid4())
    topic = d.topic or "order.created"
    signature = sign(d.secret, body)
    if d.bad_signature:
        signature = sign(d.secret + "x", body)
    status, answer = await _post(d.url, body, {
        "Content-Type": "application/json",
        "User-Agent": "WooCommerce/9.4.0 Hookshot (WordPress/6.7)",
        "X-WC-Webhook-Source": "https://sandbox-shop.example/",
        "X-WC-Webhook-Topic": topic,
        "X-WC-Webhook-Resource": topic.split(".")[0],
        "X-WC-Webhook-Event": topic.split(".")[-1],
        "X-WC-Webhook-Signature": signature,
        "X-WC-Webhook-ID": "1",
        "X-WC-Webhook-Delivery-ID": delivery_id,
    })
    return {"status": status, "delivery_id": delivery_id, "body": answer, "sent": payload}


@router.post("/woocommerce/ping")
async def ping_woocommerce(p: Ping) -> dict[str, Any]:
    status, answer = await _post(p.url, f"webhook_id={p.webhook_id}".encode(), {
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "WooCommerce/9.4.0 Hookshot (WordPress/6.7)",
    })
    return {"status": status, "body": answer}
