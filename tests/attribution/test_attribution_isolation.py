"""Tenant isolation on every attribution route and webhook (the others are covered where they are tested:
reports/costs in test_attribution_reports, settings in test_attribution_alerts, webhooks in test_attribution_shops,
clicks in test_attribution_joining)."""
import uuid
from datetime import datetime, timezone

TENANT_ROUTES = [
    ("POST", "/orders"), ("GET", "/settings"), ("PATCH", "/settings"), ("PUT", "/promo-codes"),
    ("GET", "/promo-codes"), ("POST", "/costs"), ("GET", "/costs"), ("DELETE", f"/costs/{uuid.uuid4()}"),
    ("PUT", "/shop-secrets/shopify"), ("GET", "/shop-secrets"), ("GET", "/reports/posts"), ("GET", "/reports/roi"),
    ("GET", "/reports/selling?since=2026-01-01&until=2026-02-01"), ("GET", "/settings/alert-webhook/deliveries"),
    ("POST", f"/settings/alert-webhook/deliveries/{uuid.uuid4()}/redeliver"), ("POST", "/settings/alert-webhook/enable"),
]


async def test_every_tenant_route_needs_a_valid_key(attr):
    for method, path in TENANT_ROUTES:
        for headers in ({}, {"Authorization": "Bearer smm_not-a-key"}):
            resp = await attr.public.request(method, path, headers=headers, json={})
            assert resp.status_code == 401, (method, path, resp.status_code)


async def test_promo_codes_are_per_tenant_and_never_join_another_tenants_target(attr):
    a = await attr.tenant("promo-a")
    b = await attr.tenant("promo-b")
    target_a = await attr.publish_target(a.id)
    target_b = await attr.publish_target(b.id)
    assert (await a.client.put("/promo-codes", json={"code": "SAME", "target_id": str(target_a)})).status_code == 200
    # the same code in another tenant is that tenant's own business
    assert (await b.client.put("/promo-codes", json={"code": "same", "target_id": str(target_b)})).status_code == 200
    # B pointing a code at A's target: A's target does not exist for B, and nothing is stored
    steal = await b.client.put("/promo-codes", json={"code": "STEAL", "target_id": str(target_a)})
    assert steal.status_code == 404 and steal.headers["content-type"].startswith("application/problem+json")
    assert sorted(p["code"] for p in (await b.client.get("/promo-codes")).json()["items"]) == ["SAME"]
    # a target nobody has published yet may get its code ahead of time
    assert (await b.client.put("/promo-codes", json={"code": "EARLY", "target_id": str(uuid.uuid4())})).status_code \
        == 200
    conflict = await a.client.put("/promo-codes", json={"code": "same", "target_id": str(uuid.uuid4())})
    assert conflict.status_code == 409 and conflict.headers["content-type"].startswith("application/problem+json")
    assert [p["code"] for p in (await a.client.get("/promo-codes")).json()["items"]] == ["SAME"]
    now = datetime.now(timezone.utc).isoformat()
    for ext, code in (("b-same", "SAME"), ("b-steal", "STEAL")):
        resp = await b.client.post("/orders", json={"id": ext, "ordered_at": now, "total_minor": 500, "currency": "EUR",
                                                    "promo_codes": [code]})
        assert resp.status_code == 202
    assert (await attr.wait_order(b.id, "b-same")).target_id == target_b
    assert (await attr.wait_order(b.id, "b-steal", joined=False)).attributed_at is None
    assert await attr.scalar("SELECT count(*) FROM attribution.order_credits WHERE target_id = :t",
                             t=target_a) == 0
    assert (await a.client.get("/reports/posts")).json()["rows"] == []


async def test_the_same_external_order_id_in_two_tenants_is_two_orders(attr):
    a = await attr.tenant("dup-a")
    b = await attr.tenant("dup-b")
    target_a = await attr.publish_target(a.id)
    now = datetime.now(timezone.utc).isoformat()
    body = {"id": "1001", "ordered_at": now, "total_minor": 100, "currency": "EUR", "utm": {"content": str(target_a)}}
    assert (await a.client.post("/orders", json=body)).status_code == 202
    assert (await b.client.post("/orders", json={**body, "total_minor": 999})).status_code == 202
    assert (await attr.wait_order(a.id, "1001")).total_minor == 100
    b_order = await attr.wait_order(b.id, "1001", joined=False)
    assert (b_order.total_minor, b_order.attributed_at) == (999, None)
