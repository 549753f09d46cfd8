"""One trace across the four service processes: plan → dispatch → publish → engagement → order → ROI.

Every process of the platform writes its spans to one JSON-lines file (``TRACE_FILE``, smmkit.tracing). The
client starts the trace (its ``traceparent`` on ``POST /posts``) and continues it on ``POST /orders`` and the ROI
report, as a caller following one customer journey does; everything in between is carried by the services:
the stored traceparent of the planned target (dispatcher), Kafka record headers written from the outbox, the
publisher's and the poller's stored traceparents."""
import json
import secrets
import uuid
from datetime import datetime, timezone

from tests.integration.conftest import Api, create_tenant
from tests.integration.test_walking_skeleton import connect_mastodon_account, plan_post, wait_target_status
from tests.utils.polling import eventually_sync


def spans_of(platform, trace_id: str) -> list[dict]:
    path = platform.log_dir / "spans.jsonl"
    if not path.exists():
        return []
    return [s for s in map(json.loads, path.read_text().splitlines()) if s["trace_id"] == trace_id]


def test_one_trace_spans_plan_to_roi_across_the_four_services(platform, settings):
    api = Api(platform, create_tenant(platform, settings, "Traced Roasters")["api_key"])
    account_id = connect_mastodon_account(api, "4242")
    trace_id = secrets.token_hex(16)

    def traceparent() -> dict:
        return {"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}

    api.planner.headers.update(traceparent())
    post = plan_post(api, account_id, f"Traced roast {uuid.uuid4().hex[:6]}")
    del api.planner.headers["traceparent"]
    target_id = wait_target_status(api, post["id"], "published")["id"]
    eventually_sync(lambda: any(s["name"] == "consume engagement.updated" for s in spans_of(platform, trace_id)),
                    what="engagement reaches attribution in the trace")
    resp = api.attribution.post("/orders", headers=traceparent(), json={
        "id": f"T-{uuid.uuid4().hex[:8]}", "ordered_at": datetime.now(timezone.utc).isoformat(),
        "total_minor": 1200, "currency": "EUR", "utm": {"content": target_id}})
    assert resp.status_code == 202, resp.text
    eventually_sync(lambda: any(r["target_id"] == target_id for r in api.attribution.get("/reports/posts").json()["rows"]),
                    what="order attributed")
    assert api.attribution.get("/reports/roi", headers=traceparent()).status_code == 200

    def whole():
        spans = spans_of(platform, trace_id)
        names = {(s["service"], s["name"]) for s in spans}
        wanted = {("planner", "POST /posts"), ("planner", "dispatch post.scheduled"),
                  ("publisher", "consume post.scheduled"), ("publisher", "published mastodon"),
                  ("metrics", "consume post.published"), ("metrics", "engagement polled"),
                  ("attribution", "consume post.published"), ("attribution", "consume engagement.updated"),
                  ("attribution", "POST /orders"), ("attribution", "consume order.created"),
                  ("attribution", "GET /reports/roi")}
        return spans if wanted <= names else None
    spans = eventually_sync(whole, what="every step in the one trace")
    by_id = {s["span_id"]: s for s in spans}

    def one(service, name):
        [span] = [s for s in spans if (s["service"], s["name"]) == (service, name)]
        return span

    def parent(span):
        return by_id[span["parent_span_id"]]

    # the causal chain, hop by hop: each step's span is the child of the span that caused it
    assert parent(one("planner", "dispatch post.scheduled")) == one("planner", "POST /posts")
    assert parent(one("publisher", "consume post.scheduled")) == one("planner", "dispatch post.scheduled")
    assert parent(one("publisher", "published mastodon")) == one("publisher", "consume post.scheduled")
    assert parent(one("metrics", "consume post.published")) == one("publisher", "published mastodon")
    assert parent(one("attribution", "consume post.published")) == one("publisher", "published mastodon")
    polled = [s for s in spans if (s["service"], s["name"]) == ("metrics", "engagement polled")]
    assert polled and all(parent(s) == one("metrics", "consume post.published") for s in polled)
    assert [s for s in spans if s["name"] == "consume engagement.updated" and parent(s) in polled]
    assert parent(one("attribution", "consume order.created")) == one("attribution", "POST /orders")
    assert {s["service"] for s in spans} == {"planner", "publisher", "metrics", "attribution"}
    assert len({s["pid"] for s in spans}) == 4, "four processes"
