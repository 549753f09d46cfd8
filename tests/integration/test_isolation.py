"""Tenant B can neither read nor change tenant A's resources, through any route that exists."""
import uuid
from datetime import datetime, timezone

from tests.integration.conftest import Api, create_tenant, put_credentials
from tests.integration.test_walking_skeleton import (
    connect_mastodon_account, plan_post, wait_target_status,
)
from tests.utils.polling import eventually_sync


def test_tenant_b_sees_404_or_nothing_for_everything_of_tenant_a(platform, settings):
    a = Api(platform, create_tenant(platform, settings, "Tenant A")["api_key"])
    b = Api(platform, create_tenant(platform, settings, "Tenant B")["api_key"])
    account_a = connect_mastodon_account(a, "2001")
    post_a = plan_post(a, account_a, f"A's secret launch {uuid.uuid4().hex[:6]}", due_in_s=0.5)
    target_a = wait_target_status(a, post_a["id"], "published")["id"]
    eventually_sync(lambda: a.metrics.get(f"/targets/{target_a}/engagement").status_code == 200, what="tracking")

    # planner
    assert b.planner.get(f"/accounts/{account_a}").status_code == 404
    assert b.planner.get(f"/posts/{post_a['id']}").status_code == 404
    assert all(p["id"] != post_a["id"] for p in b.planner.get("/posts").json()["items"])
    assert all(acc["id"] != account_a for acc in b.planner.get("/accounts").json()["items"])
    steal = b.planner.post("/posts", json={"text": "hijack", "scheduled_at": datetime.now(timezone.utc).isoformat(),
                                           "targets": [{"account_id": account_a}]})
    assert steal.status_code == 404
    # publisher
    assert b.publisher.get(f"/accounts/{account_a}").status_code == 404
    takeover = b.publisher.put(f"/accounts/{account_a}/credentials", json={
        "network": "mastodon", "account_ref": "666", "credentials": {"access_token": "sbx-666"}})
    assert takeover.status_code == 404
    assert a.publisher.get(f"/accounts/{account_a}").json()["account_ref"] == "2001", "A's connection unchanged"
    assert b.publisher.get(f"/targets/{target_a}").status_code == 404
    # metrics
    assert b.metrics.get(f"/targets/{target_a}/engagement").status_code == 404
    # attribution: B's order pointing at A's post is never credited to A, and B's report stays empty
    assert b.attribution.post("/orders", json={
        "id": "B-1", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 777, "currency": "EUR",
        "utm": {"content": target_a}}).status_code == 202
    assert a.attribution.post("/orders", json={
        "id": "A-1", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 100, "currency": "EUR",
        "utm": {"content": target_a}}).status_code == 202
    rows_a = eventually_sync(lambda: a.attribution.get("/reports/posts").json()["rows"], what="A's report")
    assert [(r["target_id"], r["revenue_minor"]) for r in rows_a] == [(target_a, 100)]
    assert b.attribution.get("/reports/posts").json()["rows"] == []
    # the operator API is not for tenants
    assert b.planner.get("/admin/tenants").status_code == 401


def test_no_tenant_can_claim_an_account_another_tenant_created_but_has_not_connected(platform, settings):
    b = Api(platform, create_tenant(platform, settings, "Squatter B")["api_key"])
    c = Api(platform, create_tenant(platform, settings, "Owner C")["api_key"])
    resp = c.planner.post("/accounts", json={"network": "mastodon", "handle": "@owner", "account_ref": "2101"})
    assert resp.status_code == 201, resp.text
    account_c = resp.json()["id"]
    own = {"network": "mastodon", "account_ref": "2101", "credentials": {"access_token": "sbx-2101"}}
    for service in ("publisher", "metrics"):
        squatter, owner = getattr(b, service), getattr(c, service)
        squat = squatter.put(f"/accounts/{account_c}/credentials", json={
            "network": "mastodon", "account_ref": "666", "credentials": {"access_token": "sbx-666"}})
        assert squat.status_code == 404, (service, squat.text)
        assert put_credentials(owner, account_c, own).status_code == 200, service  # C is not locked out
        assert squatter.put(f"/accounts/{account_c}/credentials", json=own).status_code == 404, service
        assert owner.get(f"/accounts/{account_c}").json()["account_ref"] == "2101", service
        assert squatter.get(f"/accounts/{account_c}").status_code == 404, service
