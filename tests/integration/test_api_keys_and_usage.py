"""Scoped keys refused with 403 naming the scope on every service, rotation with overlap, and usage per
tenant per day for operators, against the platform's four processes."""
import uuid
from datetime import datetime, timedelta, timezone

import httpx

from tests.integration.conftest import Api, create_tenant
from tests.integration.test_walking_skeleton import connect_mastodon_account, plan_post, wait_target_status
from tests.utils.polling import eventually_sync


def _issue(api: Api, *scopes: str) -> dict:
    resp = api.planner.post("/api-keys", json={"scopes": list(scopes), "name": "-".join(scopes)})
    assert resp.status_code == 201, resp.text
    return resp.json()


def _refused(resp: httpx.Response, scope: str) -> None:
    assert resp.status_code == 403, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["missing_scope"] == scope and scope in resp.json()["detail"]


def _order(order_id: str) -> dict:
    return {"id": order_id, "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 500,
            "currency": "EUR"}


def test_scoped_keys_rotation_and_revocation_on_every_service(platform, settings):
    tenant = create_tenant(platform, settings, "Scoped")
    admin = Api(platform, tenant["api_key"])  # issued before scopes: full (admin) scope
    account_id = admin.planner.post("/accounts", json={"network": "mastodon", "handle": "@scoped",
                                                       "account_ref": "3101"}).json()["id"]
    read = Api(platform, _issue(admin, "read-only")["api_key"])
    publish_issued = _issue(admin, "publish")
    publish = Api(platform, publish_issued["api_key"])
    orders = Api(platform, _issue(admin, "orders-ingest")["api_key"])
    due = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    post = {"text": "scoped", "scheduled_at": due, "targets": [{"account_id": account_id}]}

    # read-only reads everywhere, writes nowhere
    for service, path in (("planner", "/posts"), ("publisher", f"/accounts/{account_id}"),
                          ("metrics", "/settings/schedule"), ("attribution", "/reports/posts")):
        assert getattr(read, service).get(path).status_code in (200, 404), (service, path)
    _refused(read.planner.post("/posts", json=post), "publish")
    _refused(read.attribution.post("/orders", json=_order("R-1")), "orders-ingest")
    _refused(read.publisher.put(f"/accounts/{account_id}/credentials", json={
        "network": "mastodon", "account_ref": "3101", "credentials": {"access_token": "sbx-3101"}}), "admin")
    _refused(read.planner.get("/api-keys"), "admin")
    # publish plans (and reads back) but does not connect accounts
    assert publish.planner.post("/posts", json=post).status_code == 201
    assert publish.planner.get("/posts").status_code == 200
    _refused(publish.planner.post("/accounts", json={"network": "mastodon", "handle": "@x", "account_ref": "1"}),
             "admin")
    # orders-ingest only sends orders
    assert orders.attribution.post("/orders", json=_order("O-1")).status_code == 202
    _refused(orders.attribution.get("/reports/posts"), "read-only")
    _refused(orders.planner.get("/posts"), "read-only")
    _refused(orders.metrics.put("/settings/schedule", json={}), "admin")

    keys = {k["id"]: k for k in admin.planner.get("/api-keys").json()["items"]}
    assert sorted(k["scopes"][0] for k in keys.values()) == ["admin", "orders-ingest", "publish", "read-only"]
    assert all("api_key" not in k and k["prefix"].startswith("smm_") for k in keys.values())
    assert keys[publish_issued["key"]["id"]]["last_used_at"] is not None

    # rotation: the successor has the same scopes; the old key works through the overlap ...
    rotated = admin.planner.post(f"/api-keys/{publish_issued['key']['id']}/rotate", json={"overlap_s": 3600})
    assert rotated.status_code == 201, rotated.text
    successor = Api(platform, rotated.json()["api_key"])
    assert rotated.json()["key"]["scopes"] == ["publish"]
    assert publish.planner.get("/posts").status_code == 200 and successor.planner.get("/posts").status_code == 200
    old = next(k for k in admin.planner.get("/api-keys").json()["items"] if k["id"] == publish_issued["key"]["id"])
    assert old["status"] == "expiring" and old["replaced_by"] == rotated.json()["key"]["id"]
    # ... bounded, once per key, and only the tenant's own
    for body in ({"overlap_s": 8 * 86400}, {"overlap_s": -1}):
        bad = admin.planner.post(f"/api-keys/{rotated.json()['key']['id']}/rotate", json=body)
        assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert admin.planner.post(f"/api-keys/{old['id']}/rotate", json={}).status_code == 409
    other = Api(platform, create_tenant(platform, settings, "Other")["api_key"])
    assert other.planner.post(f"/api-keys/{old['id']}/revoke").status_code == 404
    # a successor rotated with no overlap is refused as soon as caches learn it (seconds), its own successor not
    again = admin.planner.post(f"/api-keys/{rotated.json()['key']['id']}/rotate", json={"overlap_s": 0}).json()
    eventually_sync(lambda: successor.planner.get("/posts").status_code == 401, what="overlap over", timeout_s=10)
    assert Api(platform, again["api_key"]).publisher.get("/targets/" + str(uuid.uuid4())).status_code == 404
    # revocation, by the operator here, applies on every service within seconds
    op = {"Authorization": f"Bearer {settings.operator_token}"}
    read_id = next(k["id"] for k in keys.values() if k["scopes"] == ["read-only"])
    resp = httpx.post(f"{platform.url('planner')}/admin/tenants/{tenant['tenant']['id']}/api-keys/{read_id}/revoke",
                      headers=op)
    assert resp.status_code == 200 and resp.json()["status"] == "revoked"
    eventually_sync(lambda: read.attribution.get("/reports/posts").status_code == 401, what="revoked", timeout_s=10)


def test_operators_read_each_tenants_usage_per_day_from_every_service(platform, settings):
    tenant = create_tenant(platform, settings, "Metered")
    tenant_id = tenant["tenant"]["id"]
    api = Api(platform, tenant["api_key"])
    account_id = connect_mastodon_account(api, "3201")
    post = plan_post(api, account_id, f"Metered {uuid.uuid4().hex[:6]}", due_in_s=0.5)
    wait_target_status(api, post["id"], "published")
    assert api.attribution.post("/orders", json=_order("M-1")).status_code == 202
    op = {"Authorization": f"Bearer {settings.operator_token}"}
    today = datetime.now(timezone.utc).date()
    week = {"since": (today - timedelta(days=6)).isoformat(), "until": today.isoformat()}

    def usage(service: str) -> dict:
        resp = httpx.get(f"{platform.url(service)}/admin/tenants/{tenant_id}/usage", params=week, headers=op)
        assert resp.status_code == 200, resp.text
        days = resp.json()["days"]
        assert [d["day"] for d in days] == [(today - timedelta(days=6 - i)).isoformat() for i in range(7)]
        assert all(d["api_calls"] == 0 for d in days[:-1]), "nothing before today"
        return days[-1]

    assert usage("planner")["active_accounts"] == 1 and usage("planner")["api_calls"] >= 3
    assert usage("publisher")["posts_published"] == 1 and usage("publisher")["api_calls"] >= 1
    assert eventually_sync(lambda: usage("attribution")["orders_ingested"] == 1, what="order counted")
    assert usage("attribution")["tracked_clicks"] == 0 and usage("attribution")["api_calls"] == 1
    assert usage("metrics")["api_calls"] == 0 and usage("metrics")["posts_published"] is None
    # another tenant's usage is its own
    other = create_tenant(platform, settings, "Unmetered")["tenant"]["id"]
    resp = httpx.get(f"{platform.url('publisher')}/admin/tenants/{other}/usage", params=week, headers=op).json()
    assert all(d["posts_published"] == 0 and d["api_calls"] == 0 for d in resp["days"])
    # bounded dates, problem+json; operators only
    url = f"{platform.url('attribution')}/admin/tenants/{tenant_id}/usage"
    for params in ({"since": week["until"], "until": week["since"]}, {"since": "2020-01-01", "until": "2024-01-01"},
                   {"since": "1999-12-31", "until": "2000-01-02"}, {"since": "soon", "until": "later"}, {}):
        bad = httpx.get(url, params=params, headers=op)
        assert bad.status_code == 422, (params, bad.text)
        assert bad.headers["content-type"].startswith("application/problem+json")
    assert api.attribution.get(url.removeprefix(platform.url("attribution")), params=week).status_code == 401
    # Prometheus: totals per service, no label per tenant
    exposition = httpx.get(f"{platform.url('planner')}/metrics").text
    calls = [line for line in exposition.splitlines() if line.startswith("smm_usage_api_calls_total{")]
    assert calls and all(tenant_id not in line and "tenant" not in line for line in calls)
