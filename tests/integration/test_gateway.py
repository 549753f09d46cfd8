"""The gateway (smmkit.gateway) in front of the real running platform: every service answers on one origin
under /v1, the root routes reach theirs, and what a client sends and gets back passes through unchanged."""
from __future__ import annotations

import json
import secrets
import uuid
from datetime import date

import httpx
import pytest
import yaml

from smmkit import demo, stack
from smmkit.gateway import Gateway, RouteTable, default_table_path
from tests.integration.conftest import create_tenant
from tests.utils.polling import eventually_sync


@pytest.fixture(scope="module")
def gateway(platform):
    """The gateway as `smm up` runs it; the web app is not started, so its upstream is a closed port."""
    port, closed = stack.free_ports(2)
    proc = stack.gateway_process(platform, port, web_url=f"http://127.0.0.1:{closed}").start()
    try:
        proc.wait_healthy(30)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop()


def _is_problem(resp: httpx.Response, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["status"] == status
    return body


def _spans(platform, trace_id: str) -> list[dict]:
    path = platform.log_dir / "spans.jsonl"
    lines = path.read_text().splitlines() if path.exists() else []
    return [s for s in map(json.loads, lines) if s["trace_id"] == trace_id]


def test_every_service_answers_through_the_gateway(platform, settings, gateway):
    key = create_tenant(platform, settings, "Front Door Roasters")["api_key"]
    auth = {"Authorization": f"Bearer {key}"}
    v1 = httpx.Client(base_url=f"{gateway}/v1", headers=auth, timeout=15)

    for service in stack.SERVICE_PORTS:  # each service's own operations, qualified by its name
        assert v1.get(f"/{service}/healthz").json()["status"] == "ok"

    # planner: a body, a status, a header of the client's and a traceparent, all through
    trace_id = secrets.token_hex(16)
    resp = v1.post("/accounts", json={"network": "mastodon", "handle": "@door", "account_ref": "2718",
                                      "timezone": "Europe/Berlin"},
                   headers={"X-Correlation-Id": "door-test-1", "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    assert resp.status_code == 201, resp.text
    assert resp.headers["x-correlation-id"] == "door-test-1"  # the planner saw the client's header
    account_id = resp.json()["id"]
    eventually_sync(lambda: any(s["service"] == "planner" and s["name"] == "POST /accounts"
                                for s in _spans(platform, trace_id)), what="the planner continued the client's trace")
    assert v1.get(f"/accounts/{account_id}").json()["handle"] == "@door"
    # a query string and the service's own problem answer
    assert v1.get("/posts", params={"tz": "Europe/Berlin"}).status_code == 200
    _is_problem(v1.get("/posts", params={"tz": "Mars/Olympus"}), 422)  # the query reached the planner
    _is_problem(v1.get(f"/posts/{uuid.uuid4()}"), 404)
    _is_problem(httpx.get(f"{gateway}/v1/posts"), 401)  # no Authorization: the planner refuses, not the gateway

    # publisher and metrics both serve /accounts/{id}/credentials: each under its own name
    for service in ("publisher", "metrics"):
        resp = demo.put_credentials(f"{gateway}/v1/{service}/accounts/{account_id}/credentials", headers=auth, json={
            "network": "mastodon", "account_ref": "2718", "credentials": {"access_token": "sbx-2718"}})
        assert resp.status_code == 200, resp.text
        assert v1.get(f"/{service}/accounts/{account_id}").status_code == 200

    # metrics and attribution on their unqualified paths
    assert v1.get(f"/accounts/{account_id}/followers").status_code == 200
    today = date.today().isoformat()
    resp = v1.post("/costs", json={"campaign": "door", "amount_minor": 5000, "currency": "EUR",
                                   "period_start": today, "period_end": today})
    assert resp.status_code == 201, resp.text
    assert resp.json()["id"] in [c["id"] for c in v1.get("/costs", params={"since": today}).json()["items"]]

    # root routes: a tracked link answers from attribution (an unknown token: its 404, not the web app's)
    _is_problem(httpx.get(f"{gateway}/r/{secrets.token_urlsafe(12)}", follow_redirects=False), 404)

    # the gateway's own answers
    _is_problem(v1.get("/no-such-thing"), 404)
    for internal in ("/metrics", "/openapi.json", "/docs"):  # the site's, but for operators inside only
        _is_problem(httpx.get(f"{gateway}{internal}"), 404)
    _is_problem(httpx.get(f"{gateway}/calendar"), 503)  # the web app is down: 503, not a hang or a 500


async def test_deprecated_routes_carry_deprecation_and_sunset(platform, settings):
    """The table marks a route deprecated; the gateway adds the headers to the real planner's answers."""
    data = yaml.safe_load(default_table_path().read_text())
    data["api"]["/admin/tenants"] = {"service": "planner", "deprecated": date(2026, 1, 1), "sunset": date(2027, 1, 1)}
    table = RouteTable.parse(data)
    gateway = Gateway(table, {name: platform.url(name) for name in stack.SERVICE_PORTS})
    operator = {"Authorization": f"Bearer {settings.operator_token}"}
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway), base_url="http://door") as client:
            resp = await client.get("/v1/admin/tenants", headers=operator)
            assert resp.status_code == 200, resp.text
            assert resp.headers["deprecation"] == "@1767225600"
            assert resp.headers["sunset"] == "Fri, 01 Jan 2027 00:00:00 GMT"
            resp = await client.get("/v1/planner/healthz")
            assert resp.status_code == 200 and "deprecation" not in resp.headers and "sunset" not in resp.headers
    finally:
        await gateway.aclose()
