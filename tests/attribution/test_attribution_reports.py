"""Costs and ROI reports: levels, currencies, proration, margins, null ratios, reversals, isolation."""
import base64
import hashlib
import hmac
import json
import uuid

from tests.utils.polling import eventually

NOV = {"since": "2026-11-01T00:00:00+00:00", "until": "2026-12-01T00:00:00+00:00"}


async def order(tenant, external_id, day, total, currency="EUR", customer=None, target=None):
    body = {"id": external_id, "ordered_at": f"2026-{day}T12:00:00+00:00", "total_minor": total,
            "currency": currency, "customer_id": customer}
    if target:
        body["utm"] = {"content": str(target)}
    assert (await tenant.client.post("/orders", json=body)).status_code == 202


async def setup_shop(attr):
    tenant = await attr.tenant("reports")
    brand = uuid.uuid4()
    acc = uuid.uuid4()
    t1 = await attr.publish_target(tenant.id, network="mastodon", campaign="autumn", pillar="sell", brand_id=brand,
                                   account_id=acc)
    t2 = await attr.publish_target(tenant.id, network="x", campaign="winter", pillar="educate", brand_id=brand)
    await order(tenant, "o1", "11-10", 10000, customer="c1", target=t1)
    await order(tenant, "o2", "11-20", 5000, customer="c1", target=t1)
    await order(tenant, "o3", "11-12", 3000, customer="c2", target=t2)
    await order(tenant, "o4", "11-12", 2000, "USD", customer="c3", target=t1)
    await order(tenant, "old", "10-05", 900, customer="c4")              # c4 is not new in November
    await order(tenant, "o5", "11-15", 1000, customer="c4", target=t1)
    await order(tenant, "outside", "12-02", 7777, customer="c5", target=t1)
    # a Shopify order on t2, cancelled afterwards: reversed in every report
    secret = "shpss_reports_secret"
    await tenant.client.put("/shop-secrets/shopify", json={"secret": secret})
    for topic, payload in (("orders/create", {"id": 42, "created_at": "2026-11-13T09:00:00Z", "currency": "EUR",
                                              "total_price": "40.00", "landing_site": f"/?utm_content={t2}",
                                              "customer": {"id": 9}}),
                           ("orders/cancelled", {"id": 42})):
        raw = json.dumps(payload).encode()
        sig = base64.b64encode(hmac.new(secret.encode(), raw, hashlib.sha256).digest()).decode()
        resp = await attr.public.post(f"/webhooks/shopify/{tenant.id}", content=raw, headers={
            "X-Shopify-Hmac-Sha256": sig, "X-Shopify-Topic": topic, "X-Shopify-Webhook-Id": str(uuid.uuid4())})
        assert resp.status_code == 200, resp.text
    for ext in ("o1", "o2", "o3", "o4", "o5", "outside"):
        await attr.wait_order(tenant.id, ext)
    await attr.wait_order(tenant.id, "42", "shopify")
    costs = [
        {"kind": "content", "amount_minor": 6000, "currency": "EUR", "period_start": "2026-11-01",
         "period_end": "2026-11-30", "campaign": "autumn"},
        {"kind": "boost", "amount_minor": 1000, "currency": "EUR", "period_start": "2026-11-01",
         "period_end": "2026-11-30", "network": "x", "brand_id": str(brand)},
        {"kind": "salaries", "amount_minor": 9000, "currency": "EUR", "period_start": "2026-11-01",
         "period_end": "2026-11-30"},
        {"kind": "boost", "amount_minor": 5000, "currency": "EUR", "period_start": "2026-11-01",
         "period_end": "2026-11-30", "campaign": "spring"},
    ]
    ids = []
    for cost in costs:
        resp = await tenant.client.post("/costs", json=cost)
        assert resp.status_code == 201, resp.text
        ids.append(resp.json()["id"])
    return tenant, t1, t2, brand, acc, ids


def by_key(report):
    return {(r["key"], r["currency"]): r for r in report["rows"]}


async def test_roi_report_levels_currencies_costs_and_reversals(attr):
    tenant, t1, t2, brand, acc, _ = await setup_shop(attr)
    report = (await tenant.client.get("/reports/roi", params={"level": "campaign", **NOV})).json()
    lines = by_key(report)
    autumn = lines[("autumn", "EUR")]
    assert (autumn["revenue_minor"], autumn["orders"], autumn["customers"], autumn["new_customers"]) == (16000, 3, 2, 1)
    assert (autumn["cost_minor"], autumn["roas"], autumn["romi"], autumn["roi"], autumn["cac_minor"]) == \
        (6000, round(16000 / 6000, 6), round(10000 / 6000, 6), round(10000 / 6000, 6), 6000)
    winter = lines[("winter", "EUR")]          # the cancelled Shopify order is reversed; no cost: null ratios
    assert (winter["revenue_minor"], winter["orders"], winter["cost_minor"]) == (3000, 1, 0)
    assert winter["roas"] is winter["romi"] is winter["roi"] is winter["cac_minor"] is None
    assert lines[("autumn", "USD")]["revenue_minor"] == 2000 and lines[("autumn", "USD")]["roi"] is None
    spring = lines[("spring", "EUR")]            # spent, sold nothing
    assert (spring["revenue_minor"], spring["cost_minor"], spring["roi"]) == (0, 5000, -1.0)
    totals = {t["currency"]: t for t in report["totals"]}
    assert (totals["EUR"]["revenue_minor"], totals["EUR"]["cost_minor"], totals["EUR"]["orders"]) == (19000, 21000, 4)
    assert (totals["USD"]["revenue_minor"], totals["USD"]["cost_minor"], totals["USD"]["roi"]) == (2000, 0, None)

    network = by_key((await tenant.client.get("/reports/roi", params={"level": "network", **NOV})).json())
    assert (network[("x", "EUR")]["cost_minor"], network[("x", "EUR")]["roas"]) == (1000, 3.0)
    brand_lines = by_key((await tenant.client.get("/reports/roi", params={"level": "brand", **NOV})).json())
    assert (brand_lines[(str(brand), "EUR")]["revenue_minor"], brand_lines[(str(brand), "EUR")]["cost_minor"]) == \
        (19000, 1000)
    for level, key in (("post", None), ("target", str(t1)), ("account", str(acc)), ("pillar", "sell")):
        lines = (await tenant.client.get("/reports/roi", params={"level": level, **NOV})).json()["rows"]
        assert sum(r["revenue_minor"] for r in lines if r["currency"] == "EUR") == 19000, level
        if key:
            assert by_key({"rows": lines})[(key, "EUR")]["revenue_minor"] == 16000, level

    # half the month: the cost is prorated by days, December orders are outside
    half = (await tenant.client.get("/reports/roi", params={
        "level": "campaign", "since": NOV["since"], "until": "2026-11-16T00:00:00+00:00"})).json()
    autumn = by_key(half)[("autumn", "EUR")]
    assert (autumn["revenue_minor"], autumn["cost_minor"]) == (11000, 3000)

    # a 40 % gross margin makes ROI differ from ROMI
    assert (await tenant.client.patch("/settings", json={"gross_margin_bp": 4000})).status_code == 200
    autumn = by_key((await tenant.client.get("/reports/roi", params={"level": "campaign", **NOV})).json())[
        ("autumn", "EUR")]
    assert (autumn["gross_profit_minor"], autumn["roi"]) == (6400, round((6400 - 6000) / 6000, 6))

    # other models work on the same data; an unknown model or level is refused
    linear = (await tenant.client.get("/reports/roi", params={"level": "campaign", "model": "linear", **NOV})).json()
    assert by_key(linear)[("autumn", "EUR")]["revenue_minor"] == 16000
    assert (await tenant.client.get("/reports/roi", params={"model": "magic"})).status_code == 422
    assert (await tenant.client.get("/reports/roi", params={"level": "galaxy"})).status_code == 422


async def test_costs_and_reports_are_tenant_isolated(attr):
    tenant, t1, *_, ids = await setup_shop(attr)
    other = await attr.tenant("reports-other")
    assert (await other.client.get("/costs")).json()["items"] == []
    assert (await other.client.delete(f"/costs/{ids[0]}")).status_code == 404
    assert len((await tenant.client.get("/costs")).json()["items"]) == 4
    report = (await other.client.get("/reports/roi", params={"level": "target"})).json()
    assert report["rows"] == [] and report["totals"] == []
    assert (await other.client.get("/reports/posts")).json()["rows"] == []
    assert (await tenant.client.delete(f"/costs/{ids[0]}")).status_code == 204
    assert len((await tenant.client.get("/costs")).json()["items"]) == 3
    assert (await attr.public.get("/costs")).status_code == 401
    assert (await attr.public.get("/reports/roi")).status_code == 401
