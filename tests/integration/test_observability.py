"""Every service process: HTTP request metrics per route template, and its log (uvicorn's included) as JSON
lines carrying the request's tenant and correlation id."""
import json
import re
import uuid

import httpx

from tests.integration.conftest import Api, create_tenant
from tests.utils.polling import eventually_sync


def sample(metrics: str, name: str, **labels) -> float | None:
    for line in metrics.splitlines():
        if line.startswith(name + "{"):
            got = dict(re.findall(r'(\w+)="([^"]*)"', line[len(name):line.rindex("}") + 1]))
            if all(got.get(k) == v for k, v in labels.items()):
                return float(line.rsplit(" ", 1)[1])
    return None


def test_requests_are_counted_and_timed_per_route_template_on_every_service(platform, settings):
    api = Api(platform, create_tenant(platform, settings, "Measured Inc")["api_key"])
    missing = uuid.uuid4()
    for service, method, path, template in (
            ("planner", "GET", f"/posts/{missing}", "/posts/{post_id}"),
            ("publisher", "GET", f"/targets/{missing}", "/targets/{target_id}"),
            ("metrics", "GET", f"/targets/{missing}/engagement", "/targets/{target_id}/engagement"),
            ("attribution", "DELETE", f"/costs/{missing}", "/costs/{cost_id}")):
        client = getattr(api, service)
        before = sample(httpx.get(f"{platform.url(service)}/metrics").text, "http_requests_total",
                        handler=template, method=method, status="4xx") or 0
        for _ in range(3):
            assert client.request(method, path).status_code == 404, (service, path)
        metrics = httpx.get(f"{platform.url(service)}/metrics").text
        assert sample(metrics, "http_requests_total", handler=template, method=method, status="4xx") == before + 3, \
            service
        assert sample(metrics, "http_request_duration_seconds_count", handler=template, method=method) >= 3
        assert f'handler="{path}"' not in metrics, "the template, never the concrete path (unbounded)"


def test_service_logs_are_json_lines_with_tenant_and_correlation_id(platform, settings):
    api = Api(platform, create_tenant(platform, settings, "Logged Inc")["api_key"])
    correlation = f"corr-{uuid.uuid4().hex}"
    resp = api.planner.get("/posts", headers={"X-Correlation-ID": correlation})
    assert resp.status_code == 200 and resp.headers["x-correlation-id"] == correlation
    generated = api.planner.get("/posts", headers={"X-Correlation-ID": "not;a;token" + "x" * 200})
    assert re.fullmatch(r"[0-9a-f]{32}", generated.headers["x-correlation-id"]), "a bad one is replaced"

    def access_line():
        for line in (platform.log_dir / "planner.log").read_text().splitlines():
            if correlation in line:
                return json.loads(line)
    line = eventually_sync(access_line, what="the request's access log line")
    assert line["logger"] == "uvicorn.access" and "GET /posts" in line["event"]
    assert line["correlation_id"] == correlation and line["service"] == "planner"
    uuid.UUID(line["tenant_id"])  # bound once the key resolved to its tenant
    for service in ("planner", "publisher", "metrics", "attribution"):
        for text in (platform.log_dir / f"{service}.log").read_text().splitlines():
            if text.strip():
                assert json.loads(text)["service"] == service, text
