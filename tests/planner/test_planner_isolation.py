"""Tenant B can neither see nor change tenant A's planning data, through every planner route."""
import json
import uuid
from datetime import datetime, timedelta, timezone

from planner.posts import review

WHEN = "2033-05-02T10:00:00Z"


async def test_every_planner_route_is_tenant_scoped(new_tenant, client, runtime):
    a, b = await new_tenant("A"), await new_tenant("B")
    brand = (await a.post("/brands", json={"name": "A brand", "approval_required": True})).json()["id"]
    acc = await a.account("mastodon", brand_id=brand, handle="@a-only")
    b_acc = await b.account("mastodon", handle="@b-own")
    campaign = (await a.post("/campaigns", json={"name": "A-secret", "starts_on": "2033-01-01",
                                                 "ends_on": "2033-12-31"})).json()["id"]
    tpl = (await a.post("/templates", json={"name": "A tpl", "text": "A template text"})).json()["id"]
    post = (await a.post("/posts", json={"text": "A secret plan", "scheduled_at": WHEN, "brand_id": brand,
                                         "campaign": "A-secret", "targets": [{"account_id": acc}]})).json()
    pid = post["id"]
    await a.post(f"/posts/{pid}/comments", json={"body": "A's note"})
    await a.put(f"/accounts/{acc}/slots", json={"slots": [{"weekday": 0, "time": "09:00"}]})
    rec = (await a.post("/recurrences", json={"rrule": "FREQ=DAILY", "dtstart": "2033-05-01T09:00:00",
                                              "timezone": "UTC", "text": "A daily", "account_ids": [acc]})).json()["id"]
    hook = (await a.post("/webhooks", json={"url": "https://a.example/hook"})).json()["id"]
    key = (await a.post("/api-keys", json={"scopes": ["read-only"], "name": "A's reader"})).json()["key"]["id"]
    await a.put("/pillars", json={"pillars": [{"name": "a-only", "target_share_pct": 100}]})

    # brands
    assert (await b.get(f"/brands/{brand}")).status_code == 404
    assert (await b.patch(f"/brands/{brand}", json={"approval_required": False})).status_code == 404
    assert (await b.get(f"/brands/{brand}/accounts")).status_code == 404
    assert (await b.get("/brands")).json()["items"] == []
    assert (await b.post("/accounts", json={"network": "vk", "handle": "@x", "account_ref": "1",
                                            "brand_id": brand})).status_code == 404
    assert (await b.post("/posts", json={"text": "x", "scheduled_at": WHEN, "brand_id": brand,
                                         "targets": [{"account_id": b_acc}]})).status_code == 404
    # campaigns, pillars
    assert (await b.get(f"/campaigns/{campaign}")).status_code == 404
    assert (await b.get("/campaigns")).json()["items"] == []
    assert [p["name"] for p in (await b.get("/pillars")).json()] == ["engage", "warm_up", "sell"]
    await b.put("/pillars", json={"pillars": [{"name": "b", "target_share_pct": 100}]})
    assert [p["name"] for p in (await a.get("/pillars")).json()] == ["a-only"]
    # posts and their flow
    assert (await b.get(f"/posts/{pid}")).status_code == 404
    assert all(p["id"] != pid for p in (await b.get("/posts")).json()["items"])
    assert (await b.post("/posts", json={"text": "x", "scheduled_at": WHEN,
                                         "targets": [{"account_id": acc}]})).status_code == 404
    assert (await b.patch(f"/posts/{pid}/schedule", json={"scheduled_at": WHEN})).status_code == 404
    assert (await b.patch(f"/posts/{pid}", json={"language": "de"})).status_code == 404
    for action in ("submit", "approve", "reject", "schedule", "cancel"):
        assert (await b.post(f"/posts/{pid}/{action}")).status_code == 404, action
    assert (await b.get(f"/posts/{pid}/history")).status_code == 404
    assert (await b.get(f"/posts/{pid}/comments")).status_code == 404
    assert (await b.post(f"/posts/{pid}/comments", json={"body": "spam"})).status_code == 404
    assert (await b.post(f"/posts/{pid}/review-links", json={"reviewer": "b"})).status_code == 404
    assert (await b.post("/posts/check", json={"text": "x", "targets": [{"account_id": acc}]})).status_code == 404
    # a review token minted for tenant B cannot reach A's post
    forged, _ = review.sign(secret_keys=runtime.settings.secret_keys, tenant_id=b.id, post_id=pid, reviewer="b",
                            now=datetime.now(timezone.utc), expires_in=timedelta(hours=1))
    assert (await client.get(f"/review/{forged}")).status_code == 404
    assert (await client.post(f"/review/{forged}/approve")).status_code == 404
    # schedules, queue, recurrences
    assert (await b.get(f"/accounts/{acc}/slots")).status_code == 404
    assert (await b.put(f"/accounts/{acc}/slots", json={"slots": []})).status_code == 404
    assert (await b.post("/queue", json={"text": "x", "account_ids": [acc]})).status_code == 404
    assert (await b.post("/recurrences", json={"rrule": "FREQ=DAILY", "dtstart": "2033-05-01T09:00:00",
                                               "timezone": "UTC", "text": "x", "account_ids": [acc]})).status_code == 404
    assert (await b.get("/recurrences")).json()["items"] == []
    assert (await b.get(f"/recurrences/{rec}/occurrences",
                        params={"from": "2033-05-01T00:00:00Z", "to": "2033-05-03T00:00:00Z"})).status_code == 404
    assert (await b.post(f"/recurrences/{rec}/stop")).status_code == 404
    # imports cannot target A's account, by id or handle
    resp = await b.post("/imports/posts", content=json.dumps([
        {"scheduled_at": WHEN, "accounts": [acc], "text": "x"}, {"scheduled_at": WHEN, "accounts": "@a-only",
                                                                 "text": "y"}]), headers={"content-type": "application/json"})
    assert resp.status_code == 422 and [e["reasons"][0][:15] for e in resp.json()["errors"]] == ["unknown account"] * 2
    # calendar, ics, report
    cal = (await b.get("/calendar", params={"date": "2033-05-02"})).json()
    assert cal["total"] == 0
    assert (await b.get("/calendar", params={"date": "2033-05-02", "account_id": acc})).json()["total"] == 0
    assert (await a.get("/calendar", params={"date": "2033-05-02"})).json()["total"] == 1
    ics = (await b.get("/calendar.ics", params={"from": "2033-05-01", "to": "2033-05-31"})).text
    assert "BEGIN:VEVENT" not in ics
    assert (await b.get("/reports/content-mix", params={"from": "2033-05-01", "to": "2033-05-31"})).json()["weeks"] == []
    # templates
    assert (await b.get(f"/templates/{tpl}")).status_code == 404
    assert (await b.delete(f"/templates/{tpl}")).status_code == 404
    assert (await b.get("/templates")).json()["items"] == []
    assert (await b.post("/posts", json={"template_id": tpl, "scheduled_at": WHEN,
                                         "targets": [{"account_id": b_acc}]})).status_code == 404
    # webhooks
    assert (await b.get("/webhooks")).json()["items"] == []
    assert (await b.get(f"/webhooks/{hook}/deliveries")).status_code == 404
    assert (await b.delete(f"/webhooks/{hook}")).status_code == 404
    assert (await b.post(f"/webhooks/{hook}/rotate-secret", json={})).status_code == 404
    assert (await b.post(f"/webhooks/{hook}/enable")).status_code == 404
    assert (await b.post(f"/webhooks/{hook}/deliveries/{uuid.uuid4()}/redeliver")).status_code == 404
    # api keys
    assert key not in {k["id"] for k in (await b.get("/api-keys")).json()["items"]}
    assert (await b.post(f"/api-keys/{key}/revoke")).status_code == 404
    assert (await b.post(f"/api-keys/{key}/rotate", json={"overlap_s": 0})).status_code == 404
    assert (await b.post("/api-keys", json={"scopes": ["admin"]})).json()["key"]["id"] not in {
        k["id"] for k in (await a.get("/api-keys")).json()["items"]}
    # the plan: each its own, with its own use
    assert [(await t.get("/plan")).json()["tenant_id"] for t in (a, b)] == [str(a.id), str(b.id)]
    assert (await b.get("/plan")).json()["use"]["posts_this_month"] == 0, "A's posts are not counted for B"
    assert (await a.get("/plan")).json()["use"]["posts_this_month"] >= 1
    # the audit log and the export: B's hold nothing of A's
    b_audit = await b.get("/audit", params={"limit": 200})
    assert b_audit.status_code == 200 and all(pid not in json.dumps(e) and brand not in json.dumps(e)
                                              for e in b_audit.json()["items"])
    b_export = await b.get("/export")
    assert b_export.status_code == 200 and b_export.text.strip()
    assert not {pid, brand, acc, "A secret plan", str(a.id)} & {word for line in b_export.text.splitlines()
                                                                for word in _strings(json.loads(line))}
    assert pid in (await a.get("/export")).text
    # A's data is untouched
    assert next(k for k in (await a.get("/api-keys")).json()["items"] if k["id"] == key)["status"] == "active"
    assert (await a.get(f"/posts/{pid}")).json()["status"] == "in_review"
    assert (await a.get(f"/brands/{brand}")).json()["approval_required"] is True
    assert len((await a.get(f"/accounts/{acc}/slots")).json()) == 1
    assert [c["body"] for c in (await a.get(f"/posts/{pid}/comments")).json()["items"]] == ["A's note"]
    assert (await a.get(f"/templates/{tpl}")).status_code == 200
    assert len((await a.get("/webhooks")).json()["items"]) == 1
    # no key, no data
    assert (await client.get("/posts")).status_code == 401


def _strings(value) -> set[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_strings, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(_strings, value)) if value else set()
    return set()


COVERED = {
    ("POST", "/accounts"), ("GET", "/accounts"), ("GET", "/accounts/{account_id}"),
    ("POST", "/brands"), ("GET", "/brands"), ("GET", "/brands/{brand_id}"), ("PATCH", "/brands/{brand_id}"),
    ("GET", "/brands/{brand_id}/accounts"), ("POST", "/campaigns"), ("GET", "/campaigns"),
    ("GET", "/campaigns/{campaign_id}"), ("GET", "/pillars"), ("PUT", "/pillars"),
    ("POST", "/posts"), ("GET", "/posts"), ("GET", "/posts/{post_id}"), ("PATCH", "/posts/{post_id}"),
    ("PATCH", "/posts/{post_id}/schedule"), ("POST", "/posts/check"),
    ("POST", "/posts/{post_id}/submit"), ("POST", "/posts/{post_id}/approve"), ("POST", "/posts/{post_id}/reject"),
    ("POST", "/posts/{post_id}/schedule"), ("POST", "/posts/{post_id}/cancel"), ("GET", "/posts/{post_id}/history"),
    ("POST", "/posts/{post_id}/comments"), ("GET", "/posts/{post_id}/comments"),
    ("POST", "/posts/{post_id}/review-links"), ("GET", "/review/{token}"), ("POST", "/review/{token}/approve"),
    ("POST", "/review/{token}/reject"), ("PUT", "/accounts/{account_id}/slots"), ("GET", "/accounts/{account_id}/slots"),
    ("POST", "/queue"), ("POST", "/recurrences"), ("GET", "/recurrences"),
    ("GET", "/recurrences/{recurrence_id}/occurrences"), ("POST", "/recurrences/{recurrence_id}/stop"),
    ("POST", "/imports/posts"), ("GET", "/calendar"), ("GET", "/calendar.ics"), ("GET", "/reports/content-mix"),
    ("POST", "/templates"), ("GET", "/templates"), ("GET", "/templates/{template_id}"),
    ("DELETE", "/templates/{template_id}"), ("POST", "/webhooks"), ("GET", "/webhooks"),
    ("DELETE", "/webhooks/{webhook_id}"), ("GET", "/webhooks/{webhook_id}/deliveries"),
    ("POST", "/webhooks/{webhook_id}/rotate-secret"), ("POST", "/webhooks/{webhook_id}/enable"),
    ("POST", "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver"),
    ("GET", "/api-keys"), ("POST", "/api-keys"), ("POST", "/api-keys/{key_id}/revoke"),
    ("POST", "/api-keys/{key_id}/rotate"), ("GET", "/plan"), ("GET", "/audit"), ("GET", "/export"),
}


def test_every_tenant_route_is_in_the_isolation_test(planner_app):
    """A new route must be added to the test above (and to this list) before it ships."""
    routes = {(method.upper(), path) for path, ops in planner_app.openapi()["paths"].items() for method in ops
              if not path.startswith(("/admin", "/healthz", "/readyz"))}
    assert routes == COVERED, f"not covered: {routes - COVERED}; gone: {COVERED - routes}"
