"""Bad input gets a 4xx problem, never a 500, and an accepted order is always storable (issue 13 findings)."""
import base64
import json
import uuid

import pytest

from smmkit.crypto import hmac_sha256
from smmkit.validation import MAX_MONEY_MINOR
from tests.attribution.test_attribution_shops import SHOPIFY_SECRET, WOO_SECRET, shop_tenant


def order(**overrides):
    return {"id": f"o-{uuid.uuid4().hex[:8]}", "ordered_at": "2026-11-20T10:00:00Z", "total_minor": 1000,
            "currency": "EUR", **overrides}


@pytest.mark.parametrize("overrides,field", [
    ({"total_minor": 2**63}, "total_minor"),
    ({"total_minor": MAX_MONEY_MINOR + 1}, "total_minor"),
    ({"total_minor": -1}, "total_minor"),
    ({"id": "a\u0000b"}, "id"),
    ({"customer_id": "c\u0000"}, "customer_id"),
    ({"currency": "XYZ"}, "currency"),
    ({"currency": "QQQ"}, "currency"),
    ({"currency": "XAU"}, "currency"),
    ({"ordered_at": "9999-12-31T00:00:00Z"}, "ordered_at"),
    ({"ordered_at": "1970-01-01T00:00:00Z"}, "ordered_at"),
    ({"line_items": [{"sku": "s", "price_minor": 2**63}]}, "price_minor"),
])
async def test_orders_out_of_bounds_are_refused_with_a_problem_naming_the_field(attr, overrides, field):
    tenant = await attr.tenant("bounds")
    resp = await tenant.client.post("/orders", json=order(**overrides))
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert field in resp.text


async def test_the_largest_order_is_accepted_and_stored(attr):
    tenant = await attr.tenant("largest")
    body = order(total_minor=MAX_MONEY_MINOR, currency="JPY", ordered_at="2099-12-31T23:59:59Z")
    resp = await tenant.client.post("/orders", json=body)
    assert resp.status_code == 202, resp.text
    stored = await attr.wait_order(tenant.id, body["id"], joined=False)
    assert (stored.total_minor, stored.currency) == (MAX_MONEY_MINOR, "JPY")


def _signed(secret: str, body: dict) -> tuple[bytes, str]:
    raw = json.dumps(body).encode()
    return raw, base64.b64encode(hmac_sha256(secret, raw)).decode()


async def _shopify(attr, tenant, body: dict, topic: str = "orders/create"):
    raw, sig = _signed(SHOPIFY_SECRET, body)
    return await attr.public.post(f"/webhooks/shopify/{tenant.id}", content=raw, headers={
        "X-Shopify-Hmac-Sha256": sig, "X-Shopify-Topic": topic, "X-Shopify-Webhook-Id": str(uuid.uuid4()),
        "content-type": "application/json"})


async def _woo(attr, tenant, body: dict, topic: str = "order.created"):
    raw, sig = _signed(WOO_SECRET, body)
    return await attr.public.post(f"/webhooks/woocommerce/{tenant.id}", content=raw, headers={
        "X-WC-Webhook-Signature": sig, "X-WC-Webhook-Topic": topic, "X-WC-Webhook-Delivery-ID": str(uuid.uuid4())})


@pytest.mark.parametrize("total", ["-5.00", "1e400", "Infinity", "NaN", "10000000000000.01", "1.001"])
async def test_signed_shopify_orders_with_impossible_totals_are_422(attr, total):
    tenant = await shop_tenant(attr, "shopify-bounds")
    resp = await _shopify(attr, tenant, {"id": 1, "created_at": "2026-11-20T10:00:00Z", "currency": "EUR",
                                         "total_price": total})
    assert resp.status_code == 422, resp.text


@pytest.mark.parametrize("body", [
    {"currency": "XYZ", "total_price": "5.00"},
    {"currency": "EUR", "total_price": "5.00", "created_at": "9999-12-31T00:00:00Z"},
    {"currency": "EUR", "total_price": "5.00", "landing_site": "/?x=\u0000"},
])
async def test_signed_shopify_orders_with_unstorable_fields_are_422(attr, body):
    tenant = await shop_tenant(attr, "shopify-fields")
    resp = await _shopify(attr, tenant, {"id": 2, "created_at": "2026-11-20T10:00:00Z", **body})
    assert resp.status_code == 422, resp.text


async def test_signed_woocommerce_order_with_a_negative_total_is_422(attr):
    tenant = await shop_tenant(attr, "woo-bounds")
    resp = await _woo(attr, tenant, {"id": 3, "status": "processing", "currency": "EUR", "total": "-5.00",
                                     "date_created_gmt": "2026-11-20T10:00:00"})
    assert resp.status_code == 422, resp.text


async def test_a_negative_shopify_refund_is_refused_and_revenue_stays(attr):
    tenant = await shop_tenant(attr, "refund-sign")
    ok = await _shopify(attr, tenant, {"id": 77, "created_at": "2026-11-20T10:00:00Z", "currency": "EUR",
                                       "total_price": "10.00"})
    assert ok.status_code == 200
    await attr.wait_order(tenant.id, "77", "shopify", joined=False)
    refund = {"id": 9, "order_id": 77, "transactions": [{"kind": "refund", "amount": "-5.00", "currency": "EUR"}]}
    assert (await _shopify(attr, tenant, refund, topic="refunds/create")).status_code == 422
    no_currency = {"id": 10, "order_id": 77, "transactions": [{"kind": "refund", "amount": "5.00"}]}
    assert (await _shopify(attr, tenant, no_currency, topic="refunds/create")).status_code == 422
    stored = await attr.order(tenant.id, "77", "shopify")
    assert (stored.status, stored.refunded_minor, stored.total_minor) == ("created", 0, 1000)


@pytest.mark.parametrize("path,params", [
    ("/reports/selling", {"since": "9999-12-01", "until": "9999-12-31"}),
    ("/reports/selling", {"since": "2026-01-01", "until": "2026-02-01", "currency": "XYZ"}),
    ("/reports/roi", {"since": "9999-12-01T00:00:00Z"}),
    ("/reports/posts", {"until": "0001-01-01T00:00:00Z"}),
])
async def test_reports_refuse_dates_and_currencies_out_of_range(attr, path, params):
    tenant = await attr.tenant("report-bounds")
    resp = await tenant.client.get(path, params=params)
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("change,field", [({"half_life_s": 3_000_000_000}, "half_life_s"),
                                          ({"half_life_s": 10**19}, "half_life_s")])
async def test_settings_out_of_range_are_422_and_the_connection_stays_usable(attr, change, field):
    tenant = await attr.tenant("settings-bounds")
    resp = await tenant.client.patch("/settings", json=change)
    assert resp.status_code == 422 and field in resp.text
    assert (await tenant.client.get("/settings")).status_code == 200


@pytest.mark.parametrize("change,field", [
    ({"amount_minor": 10**19}, "amount_minor"),
    ({"currency": "QQQ"}, "currency"),
    ({"period_start": "9999-12-31", "period_end": "9999-12-31"}, "period_start"),
    ({"note": "n\u0000"}, "note"),
    ({"network": "~nope"}, "network"),
])
async def test_costs_out_of_bounds_are_422(attr, change, field):
    tenant = await attr.tenant("cost-bounds")
    cost = {"kind": "boost", "amount_minor": 1000, "currency": "EUR", "period_start": "2026-11-01",
            "period_end": "2026-11-30", **change}
    resp = await tenant.client.post("/costs", json=cost)
    assert resp.status_code == 422, resp.text
    assert field in resp.text


async def test_attributed_revenue_is_counted_once_per_order_for_the_dashboard(attr):
    from prometheus_client import REGISTRY

    def counted() -> float:
        return REGISTRY.get_sample_value("smm_attributed_revenue_minor_total", {"currency": "SEK"}) or 0.0

    tenant = await attr.tenant("revenue-counter")
    target = await attr.publish_target(tenant.id)
    before = counted()
    body = order(total_minor=4321, currency="SEK", landing_url=f"https://shop.example/?utm_content={target}")
    assert (await tenant.client.post("/orders", json=body)).status_code == 202
    await attr.wait_order(tenant.id, body["id"])
    assert counted() - before == 4321
    # the same order again (a redelivery) is not counted twice
    assert (await tenant.client.post("/orders", json=body)).status_code == 202
    unjoined = order(currency="SEK")
    assert (await tenant.client.post("/orders", json=unjoined)).status_code == 202
    await attr.wait_order(tenant.id, unjoined["id"], joined=False)
    assert counted() - before == 4321


async def test_null_puts_a_setting_back_to_its_default(attr):
    """Found by tests/fuzz: an explicit null for a required setting was written as NULL (a 500)."""
    tenant = await attr.tenant("settings-null")
    defaults = (await tenant.client.get("/settings")).json()
    changed = await tenant.client.patch("/settings", json={"half_life_s": 3600, "click_window_s": 7200,
                                                           "roi_alert_weeks": 5, "gross_margin_bp": 4000})
    assert changed.status_code == 200, changed.text
    reset = await tenant.client.patch("/settings", json={"half_life_s": None, "click_window_s": None,
                                                         "roi_alert_weeks": None, "gross_margin_bp": None})
    assert reset.status_code == 200, reset.text
    for name in ("half_life_s", "click_window_s", "roi_alert_weeks", "gross_margin_bp"):
        assert reset.json()[name] == defaults[name], name


@pytest.mark.parametrize("path", ["/r/%C3%BC-not-a-token", "/r/" + "a" * 8193])
async def test_a_link_token_that_cannot_be_ours_is_a_422(attr, path):
    """Found by tests/fuzz: a long non-ASCII token overflowed the HTTP request line (a 400 text/plain)."""
    resp = await attr.public.get(path)
    assert resp.status_code == 422 and "token" in resp.text, resp.text
