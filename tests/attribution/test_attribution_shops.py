"""Shop webhooks: signatures on the raw body (known vectors), dedupe, parsing, reversals, isolation.

Deliveries come from the sandbox shop over real HTTP, signed as Shopify / WooCommerce sign them.
"""
import base64
import uuid

import httpx
import pytest

from attribution.shops import parsing
from smmkit.crypto import verify_hmac_b64
from tests.utils.polling import eventually

SHOPIFY_SECRET = "shpss_test_vector_secret"
WOO_SECRET = "wc_test_vector_secret"
# Known vectors, computed independently with
#   printf '%s' BODY | openssl dgst -sha256 -hmac SECRET -binary | base64
SHOPIFY_BODY = b'{"id":1001,"created_at":"2026-11-20T10:00:00Z","currency":"EUR","total_price":"24.90"}'
SHOPIFY_SIG = "v+43mP9ihCrQySevMDjScB552vc/fz9ze9Gs2MwOb3I="
WOO_BODY = b'{"id":727,"status":"processing","currency":"EUR","total":"29.35","date_created_gmt":"2026-11-20T10:00:00"}'
WOO_SIG = "+wGnuTuoe6vgxgGZo74jE+33EmTynVA5XROpAKnOGh8="


def test_hmac_matches_rfc4231_and_openssl_vectors():
    # RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?")
    rfc = base64.b64encode(bytes.fromhex(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")).decode()
    assert rfc == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
    assert verify_hmac_b64("Jefe", b"what do ya want for nothing?", rfc)
    assert verify_hmac_b64(SHOPIFY_SECRET, SHOPIFY_BODY, SHOPIFY_SIG)
    assert verify_hmac_b64(WOO_SECRET, WOO_BODY, WOO_SIG)
    assert not verify_hmac_b64(SHOPIFY_SECRET, SHOPIFY_BODY.replace(b"24.90", b"24.91"), SHOPIFY_SIG)
    assert not verify_hmac_b64(SHOPIFY_SECRET, SHOPIFY_BODY, None)


@pytest.fixture
async def shop(sandbox_server):
    async with httpx.AsyncClient(base_url=sandbox_server.control, timeout=20) as client:
        yield client


async def shop_tenant(attr, name):
    tenant = await attr.tenant(name)
    assert (await tenant.client.put("/shop-secrets/shopify", json={"secret": SHOPIFY_SECRET})).status_code == 204
    assert (await tenant.client.put("/shop-secrets/woocommerce", json={"secret": WOO_SECRET})).status_code == 204
    return tenant


async def deliver(shop, attr, tenant_id, platform="shopify", **body):
    body.setdefault("secret", SHOPIFY_SECRET if platform == "shopify" else WOO_SECRET)
    resp = await shop.post(f"/_sandbox/shop/{platform}/deliver",
                           json={"url": f"{attr.url}/webhooks/{platform}/{tenant_id}", **body})
    assert resp.status_code == 200, resp.text
    return resp.json()


async def test_the_literal_known_vector_is_accepted_and_a_changed_byte_is_refused(attr):
    tenant = await shop_tenant(attr, "vectors")
    headers = {"X-Shopify-Hmac-Sha256": SHOPIFY_SIG, "X-Shopify-Topic": "orders/create",
               "X-Shopify-Webhook-Id": str(uuid.uuid4()), "content-type": "application/json"}
    tampered = await attr.public.post(f"/webhooks/shopify/{tenant.id}", content=SHOPIFY_BODY.replace(b"1001", b"1002"),
                                      headers=headers)
    assert tampered.status_code == 401
    ok = await attr.public.post(f"/webhooks/shopify/{tenant.id}", content=SHOPIFY_BODY, headers=headers)
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    order = await attr.wait_order(tenant.id, "1001", "shopify", joined=False)
    assert (order.total_minor, order.currency) == (2490, "EUR")
    assert await attr.order(tenant.id, "1002", "shopify") is None

    woo = await attr.public.post(f"/webhooks/woocommerce/{tenant.id}", content=WOO_BODY, headers={
        "X-WC-Webhook-Signature": WOO_SIG, "X-WC-Webhook-Topic": "order.created",
        "X-WC-Webhook-Delivery-ID": str(uuid.uuid4())})
    assert woo.status_code == 200
    assert (await attr.wait_order(tenant.id, "727", "woocommerce", joined=False)).total_minor == 2935


async def test_shopify_order_is_parsed_joined_and_counted_once(attr, shop):
    tenant = await shop_tenant(attr, "shopify")
    target = await attr.publish_target(tenant.id)
    sent = await deliver(shop, attr, tenant.id, order={
        "id": 5001, "total_price": "59.80", "currency": "eur",
        "landing_site": f"/products/autumn?UTM_Source=Mastodon&utm_campaign=Autumn+Sale&utm_content={str(target).upper()}",
        "referring_site": "https://mastodon.example/@shop",
        "discount_codes": [{"code": "AUTUMN10", "amount": "6.00", "type": "percentage"}],
    })
    assert sent["status"] == 200 and sent["body"]["status"] == "accepted"
    order = await attr.wait_order(tenant.id, "5001", "shopify")
    assert (order.total_minor, order.currency, order.evidence) == (5980, "EUR", "utm_content")
    assert order.promo_codes == ["AUTUMN10"] and order.referrer == "https://mastodon.example/@shop"
    assert await attr.credits(tenant.id, "5001", source="shopify") == {str(target): 5980}

    # Shopify redelivers the same webhook: answered 200, nothing happens
    again = await deliver(shop, attr, tenant.id, order={"id": 5001, "total_price": "59.80"},
                          webhook_id=sent["delivery_id"])
    assert again["status"] == 200 and again["body"]["status"] == "duplicate"
    # the same order under a new webhook id (e.g. a replayed subscription) still counts once
    other = await deliver(shop, attr, tenant.id, order={"id": 5001, "total_price": "59.80"})
    assert other["body"]["status"] == "accepted"
    report = await eventually(lambda: _report(tenant), what="report")
    assert [(r["target_id"], r["revenue_minor"], r["orders"]) for r in report] == [(str(target), 5980, 1)]


async def _report(tenant):
    return (await tenant.client.get("/reports/posts")).json()["rows"]


async def test_bad_signature_is_401_and_nothing_is_stored(attr, shop):
    tenant = await shop_tenant(attr, "badsig")
    other = await shop_tenant(attr, "other")
    bad = await deliver(shop, attr, tenant.id, order={"id": 6001}, bad_signature=True)
    assert bad["status"] == 401
    # tenant isolation: a delivery signed with another tenant's secret is refused too
    await other.client.put("/shop-secrets/shopify", json={"secret": "another-tenants-secret"})
    foreign = await deliver(shop, attr, tenant.id, order={"id": 6002}, secret="another-tenants-secret")
    assert foreign["status"] == 401
    unknown = await deliver(shop, attr, uuid.uuid4(), order={"id": 6003})
    assert unknown["status"] == 401
    not_a_tenant = await deliver(shop, attr, "not-a-uuid", order={"id": 6004})
    assert not_a_tenant["status"] == 401
    woo_bad = await deliver(shop, attr, tenant.id, "woocommerce", order={"id": 6005}, bad_signature=True)
    assert woo_bad["status"] == 401
    assert await attr.scalar("SELECT count(*) FROM attribution.webhook_receipts WHERE tenant_id = :t",
                             t=tenant.id) == 0
    assert await attr.scalar("SELECT count(*) FROM attribution.outbox WHERE tenant_id = :t", t=tenant.id) == 0


async def test_signed_but_malformed_bodies_are_422(attr, shop):
    tenant = await shop_tenant(attr, "malformed")
    missing_total = await deliver(shop, attr, tenant.id, raw={"id": 1, "created_at": "2026-11-20T10:00:00Z",
                                                               "currency": "EUR"})
    assert missing_total["status"] == 422
    bad_amount = await deliver(shop, attr, tenant.id, order={"total_price": "12.345"})
    assert bad_amount["status"] == 422
    not_object = await deliver(shop, attr, tenant.id, raw=None, order={"id": None})
    assert not_object["status"] == 422
    body = b"not json"
    sig = base64.b64encode(__import__("hmac").new(SHOPIFY_SECRET.encode(), body, "sha256").digest()).decode()
    resp = await attr.public.post(f"/webhooks/shopify/{tenant.id}", content=body,
                                  headers={"X-Shopify-Hmac-Sha256": sig, "X-Shopify-Topic": "orders/create"})
    assert resp.status_code == 422 and resp.headers["content-type"].startswith("application/problem+json")


async def test_cancellation_and_refunds_reverse_the_credit(attr, shop):
    tenant = await shop_tenant(attr, "reversals")
    target = await attr.publish_target(tenant.id)
    for oid in (7001, 7002):
        await deliver(shop, attr, tenant.id, order={"id": oid, "total_price": "100.00",
                                                   "landing_site": f"/?utm_content={target}"})
        await attr.wait_order(tenant.id, str(oid), "shopify")
    cancelled = await deliver(shop, attr, tenant.id, topic="orders/cancelled",
                              raw={"id": 7001, "cancelled_at": "2026-11-21T10:00:00Z", "cancel_reason": "customer"})
    assert cancelled["status"] == 200
    refund = {"id": 99, "order_id": 7002, "transactions": [
        {"kind": "refund", "status": "success", "amount": "30.00", "currency": "EUR"}]}
    assert (await deliver(shop, attr, tenant.id, topic="refunds/create", raw=refund))["status"] == 200
    # the same refund delivered again under a new webhook id is applied once
    assert (await deliver(shop, attr, tenant.id, topic="refunds/create", raw=refund))["status"] == 200
    rows = await _report(tenant)
    assert [(r["revenue_minor"], r["orders"]) for r in rows] == [(7000, 1)]
    # a refund that arrives before its order is applied when the order arrives
    await deliver(shop, attr, tenant.id, topic="refunds/create", raw={
        "id": 100, "order_id": 7003, "transactions": [{"kind": "refund", "amount": "100.00", "currency": "EUR"}]})
    await deliver(shop, attr, tenant.id, order={"id": 7003, "total_price": "100.00",
                                               "landing_site": f"/?utm_content={target}"})
    order = await attr.wait_order(tenant.id, "7003", "shopify")
    assert order.status == "refunded"
    assert [(r["revenue_minor"], r["orders"]) for r in await _report(tenant)] == [(7000, 1)]


async def test_woocommerce_ping_meta_and_isolation(attr, shop):
    tenant = await shop_tenant(attr, "woo")
    target = await attr.publish_target(tenant.id)
    ping = await shop.post("/_sandbox/shop/woocommerce/ping", json={"url": f"{attr.url}/webhooks/woocommerce/{tenant.id}",
                                                                   "webhook_id": 12})
    assert ping.json()["status"] == 200
    sent = await deliver(shop, attr, tenant.id, "woocommerce", order={"id": 901, "total": "19.99", "meta_data": [
        {"id": 1, "key": "_wc_order_attribution_source_type", "value": "utm"},
        {"id": 2, "key": "_wc_order_attribution_utm_source", "value": "mastodon"},
        {"id": 3, "key": "_wc_order_attribution_utm_content", "value": str(target)},
        {"id": 4, "key": "_wc_order_attribution_referrer", "value": "https://mastodon.example/"},
        {"id": 5, "key": "_wc_order_attribution_session_entry", "value": "https://shop.example/p?utm_source=mastodon"},
    ], "coupon_lines": [{"code": "woo5"}]})
    assert sent["status"] == 200 and sent["body"]["status"] == "accepted"
    order = await attr.wait_order(tenant.id, "901", "woocommerce")
    assert (order.total_minor, order.utm_content, order.evidence) == (1999, str(target), "utm_content")
    assert order.referrer == "https://mastodon.example/" and order.promo_codes == ["WOO5"]
    dup = await deliver(shop, attr, tenant.id, "woocommerce", order={"id": 901, "total": "19.99"},
                        delivery_id=sent["delivery_id"])
    assert dup["body"]["status"] == "duplicate"
    # another tenant's webhook URL with this tenant's secret is refused; its order never appears anywhere
    other = await attr.tenant("woo-other")
    await other.client.put("/shop-secrets/woocommerce", json={"secret": "other-woo-secret"})
    cross = await deliver(shop, attr, other.id, "woocommerce", order={"id": 902})
    assert cross["status"] == 401
    assert (await other.client.get("/shop-secrets")).json() == {"configured": ["woocommerce"]}
    assert (await tenant.client.get("/shop-secrets")).json() == {"configured": ["shopify", "woocommerce"]}
    stored = await attr.rows("SELECT secret FROM attribution.shop_secrets WHERE tenant_id = :t", t=tenant.id)
    assert all(WOO_SECRET.encode() not in bytes(r.secret) and SHOPIFY_SECRET.encode() not in bytes(r.secret)
               for r in stored)


def _order_id(ext):
    return uuid.uuid5(uuid.NAMESPACE_OID, ext)


BASE = {"id": 1, "created_at": "2026-11-20T10:00:00+01:00", "currency": "EUR", "total_price": "10.00"}


@pytest.mark.parametrize("landing, expected", [
    ("/products/x?utm_source=ig&utm_content=abc", {"source": "ig", "content": "abc"}),
    ("/?utm_campaign=Autumn+Sale&utm_term=big%20cup", {"campaign": "Autumn Sale", "term": "big cup"}),
    ("/?UTM_SOURCE=IG&Utm_Medium=Social", {"source": "IG", "medium": "Social"}),
    ("https://shop.example/p?utm_content=x%2By", {"content": "x+y"}),
    (None, {}),
    ("", {}),
    ("/plain/path", {}),
])
def test_shopify_landing_site_parsing(landing, expected):
    order = parsing.shopify_order({**BASE, "landing_site": landing}, order_id_for=_order_id)
    assert {k: v for k, v in order.utm.model_dump().items() if v} == expected
    assert order.landing_url == landing


def test_shopify_note_attributes_carry_click_visitor_and_utms_and_win_over_the_landing_site():
    order = parsing.shopify_order({**BASE, "landing_site": "/?utm_content=from-landing&utm_source=ig&smm_click=L1",
                                   "note_attributes": [{"name": "SMM_Click", "value": "c-123"},
                                                       {"name": "smm_vid", "value": "visitor-1"},
                                                       {"name": "utm_content", "value": "from-note"},
                                                       {"name": "empty", "value": None}],
                                   "customer": None}, order_id_for=_order_id)
    assert order.click_id == "c-123" and order.visitor_id == "visitor-1"
    assert order.utm.content == "from-note" and order.utm.source == "ig"
    assert order.customer_id is None
    assert order.ordered_at.utcoffset().total_seconds() == 0 and order.ordered_at.hour == 9


def test_money_is_exact_minor_units_per_currency():
    assert parsing.to_minor("24.90", "EUR") == 2490
    assert parsing.to_minor(24.9, "USD") == 2490
    assert parsing.to_minor("1500", "JPY") == 1500
    assert parsing.to_minor("1.234", "KWD") == 1234
    with pytest.raises(parsing.Malformed):
        parsing.to_minor("1.5", "JPY")
    with pytest.raises(parsing.Malformed):
        parsing.to_minor("abc", "EUR")
