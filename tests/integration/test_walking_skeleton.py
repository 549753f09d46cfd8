"""One post from plan to revenue report, through four separate service processes and real Kafka topics."""
import uuid
from datetime import datetime, timedelta, timezone

import httpx

from tests.integration.conftest import Api, create_tenant, put_credentials
from tests.utils.polling import eventually_sync


def connect_mastodon_account(api: Api, sandbox_user: str) -> str:
    resp = api.planner.post("/accounts", json={"network": "mastodon", "handle": f"@user{sandbox_user}",
                                               "account_ref": sandbox_user, "timezone": "Europe/Berlin"})
    assert resp.status_code == 201, resp.text
    account_id = resp.json()["id"]
    resp = put_credentials(api.publisher, account_id, {
        "network": "mastodon", "account_ref": sandbox_user, "credentials": {"access_token": f"sbx-{sandbox_user}"}})
    assert resp.status_code == 200, resp.text
    assert "access_token" not in resp.text, "credentials are never returned"
    return account_id


def plan_post(api: Api, account_id: str, text: str, due_in_s: float = 2.0) -> dict:
    due = datetime.now(timezone.utc) + timedelta(seconds=due_in_s)
    resp = api.planner.post("/posts", json={"text": text, "scheduled_at": due.isoformat(), "campaign": "launch",
                                            "pillar": "sell", "targets": [{"account_id": account_id}]})
    assert resp.status_code == 201, resp.text
    return resp.json()


def wait_target_status(api: Api, post_id: str, status: str, timeout_s: float = 30.0) -> dict:
    def probe():
        target = api.planner.get(f"/posts/{post_id}").json()["targets"][0]
        return target if target["status"] == status else None
    return eventually_sync(probe, timeout_s=timeout_s, what=f"target {status}")


def sandbox_posts(platform, text: str) -> list[dict]:
    posts = httpx.get(f"{platform.url('sandbox')}/_sandbox/posts", params={"network": "mastodon"}).json()["posts"]
    return [p for p in posts if p["text"] == text]


def test_a_post_goes_from_plan_to_revenue(platform, settings):
    tenant = create_tenant(platform, settings, "Acme Coffee")
    api = Api(platform, tenant["api_key"])
    account_id = connect_mastodon_account(api, "1001")
    text = f"Fresh roast is here {uuid.uuid4().hex[:6]}"

    post = plan_post(api, account_id, text)
    # due within PLANNER_DISPATCH_LEAD_S: it may already be on its way to the publisher
    assert post["targets"][0]["status"] in ("scheduled", "dispatched")
    target = wait_target_status(api, post["id"], "published")
    target_id = target["id"]

    on_network = sandbox_posts(platform, text)
    assert len(on_network) == 1
    assert target["external_id"] == on_network[0]["external_id"]

    history = eventually_sync(
        lambda: (r := api.metrics.get(f"/targets/{target_id}/engagement")).status_code == 200
        and r.json()["points"] and r.json(), what="engagement points")
    assert history["network"] == "mastodon"
    assert history["points"][0]["likes"] is not None
    assert history["points"][0]["views"] is None, "Mastodon reports no views: null, not zero"

    resp = api.attribution.post("/orders", json={
        "id": "A-1001", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 4900,
        "currency": "EUR", "utm": {"source": "mastodon", "medium": "social", "content": target_id}})
    assert resp.status_code == 202, resp.text

    def revenue():
        rows = api.attribution.get("/reports/posts").json()["rows"]
        return [r for r in rows if r["target_id"] == target_id]
    rows = eventually_sync(revenue, what="attributed revenue")
    assert rows == [{"target_id": target_id, "network": "mastodon", "campaign": "launch", "pillar": "sell",
                     "currency": "EUR", "revenue_minor": 4900, "orders": 1}]

    # The same order delivered again counts once.
    assert api.attribution.post("/orders", json={
        "id": "A-1001", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 4900,
        "currency": "EUR", "utm": {"content": target_id}}).status_code == 202
    resp = api.attribution.post("/orders", json={
        "id": "A-1002", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 100,
        "currency": "EUR", "utm": {"content": target_id}})
    assert resp.status_code == 202, resp.text
    eventually_sync(lambda: revenue()[0]["orders"] == 2, what="second order")
    assert revenue()[0]["revenue_minor"] == 5000


def test_every_service_reports_health_readiness_metrics_and_docs(platform):
    for name in ("planner", "publisher", "metrics", "attribution"):
        base = platform.url(name)
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
        ready = httpx.get(f"{base}/readyz").json()
        assert ready["checks"] == {"database": "ok", "redis": "ok", "kafka": "ok"}, name
        metrics = httpx.get(f"{base}/metrics").text
        assert "smm_outbox_backlog" in metrics and "smm_events_consumed_total" in metrics
        assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == f"SMM {name}"


def test_bad_requests_get_problem_json_not_500(platform, settings):
    tenant = create_tenant(platform, settings, "Problems Inc")
    api = Api(platform, tenant["api_key"])
    resp = api.planner.post("/posts", json={"text": "", "scheduled_at": "tomorrow", "targets": []})
    assert resp.status_code == 422
    assert resp.headers["content-type"] == "application/problem+json"
    assert {tuple(e["loc"])[-1] for e in resp.json()["errors"]} >= {"text", "scheduled_at", "targets"}
    naive = api.planner.post("/posts", json={"text": "x", "scheduled_at": "2030-01-01T10:00:00",
                                             "targets": [{"account_id": str(uuid.uuid4())}]})
    assert naive.status_code == 422, "a time without a zone is refused, never guessed"
    assert httpx.get(f"{platform.url('planner')}/posts").status_code == 401
    bad_key = httpx.get(f"{platform.url('planner')}/posts", headers={"Authorization": "Bearer nope"})
    assert bad_key.status_code == 401 and bad_key.json()["title"] == "Unauthorized"
