"""Shop webhooks (public, signed per tenant) and the tenant API for their secrets."""
from typing import Literal

from fastapi import APIRouter, Request

from attribution.config import service as config
from attribution.config.schemas import ShopSecretIn, ShopSecretsRead
from attribution.shops import service
from smmkit.bodylimit import MiB, body_limit
from attribution.shops.parsing import ShopifyOrder, ShopifyRefund, WooOrder
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.openapi import inline_schema, request_body
from smmkit.validation import Ref

router = APIRouter(tags=["shops"])
# A shop's order with many line items is megabytes of JSON (Shopify sends every item with its tax and discount lines).
SHOP_WEBHOOK_BODY = body_limit(8 * MiB)


def _headers(topic: str, topics: tuple[str, ...], delivery: str) -> list[dict]:
    """The headers the parser reads (the signature header is left out: only the shop can make one)."""
    return [{"name": topic, "in": "header", "schema": {"type": "string", "enum": list(topics)},
             "description": f"default {topics[0]}; another topic is answered 200 ignored"},
            {"name": delivery, "in": "header", "schema": inline_schema(Ref), "description": "deduplicates retries"}]


SHOPIFY = request_body({"application/json": ShopifyOrder | ShopifyRefund},
                       parameters=_headers("X-Shopify-Topic", service.SHOPIFY_TOPICS, "X-Shopify-Webhook-Id"))
WOOCOMMERCE = request_body({"application/json": WooOrder},
                           parameters=_headers("X-WC-Webhook-Topic", service.WOO_TOPICS, "X-WC-Webhook-Delivery-ID"))


@router.post("/webhooks/shopify/{tenant_id}", openapi_extra={**SHOPIFY, **SHOP_WEBHOOK_BODY})
async def shopify_webhook(tenant_id: Ref, request: Request, runtime: RuntimeDep, uow: UowDep) -> dict:
    """Shopify ``orders/create``, ``orders/cancelled`` and ``refunds/create`` (X-Shopify-Hmac-Sha256)."""
    runtime.suspensions.refuse(tenant_id)  # 403: the shop retries later, so orders arrive after reactivation
    return await service.receive_shopify(uow=uow, box=runtime.secrets, tenant=tenant_id, headers=request.headers,
                                         raw=await request.body())


@router.post("/webhooks/woocommerce/{tenant_id}", openapi_extra={**WOOCOMMERCE, **SHOP_WEBHOOK_BODY})
async def woocommerce_webhook(tenant_id: Ref, request: Request, runtime: RuntimeDep, uow: UowDep) -> dict:
    """WooCommerce ``order.created`` / ``order.updated`` (X-WC-Webhook-Signature); the creation ping gets 200."""
    runtime.suspensions.refuse(tenant_id)
    return await service.receive_woocommerce(uow=uow, box=runtime.secrets, tenant=tenant_id,
                                             headers=request.headers, raw=await request.body())


@router.put("/shop-secrets/{platform}", status_code=204)
async def set_shop_secret(platform: Literal["shopify", "woocommerce"], body: ShopSecretIn, tenant_id: TenantDep,
                          uow: UowDep, runtime: RuntimeDep) -> None:
    """Store the shop's webhook signing secret, encrypted; it is never shown again."""
    await config.set_shop_secret(uow=uow, tenant_id=tenant_id, platform=platform, secret=body.secret,
                                 box=runtime.secrets)
    await uow.commit()


@router.get("/shop-secrets", response_model=ShopSecretsRead,
            summary="Which shops have a webhook secret (never the secrets)")
async def list_shop_secrets(tenant_id: TenantDep, uow: UowDep) -> ShopSecretsRead:
    return ShopSecretsRead(configured=await config.configured_platforms(uow=uow, tenant_id=tenant_id))
