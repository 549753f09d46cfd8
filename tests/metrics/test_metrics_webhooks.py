"""Facebook page webhooks: the sandbox's Facebook side subscribes (handshake) and pushes signed
feed changes to the metrics service over real HTTP; bad signatures store nothing."""
from __future__ import annotations

from datetime import datetime, timezone

import httpx

from metrics.engagement import service as engagement
from metrics_netposts import publish
from metrics_testkit import FB_SECRET, FB_VERIFY, events_of, points_of, target_row
from smmkit import events as ev


def subscribe(control_url: str, metrics_url: str, verify_token: str = FB_VERIFY) -> httpx.Response:
    return httpx.post(f"{control_url}/_sandbox/push/subscriptions", json={
        "network": "facebook", "callback_url": f"{metrics_url}/webhooks/facebook",
        "verify_token": verify_token, "app_secret": FB_SECRET}, timeout=10)


def test_handshake_answers_the_challenge_only_for_the_right_verify_token(sandbox, metrics_server):
    httpx.delete(f"{sandbox.base_url}/_sandbox/push/subscriptions")
    assert subscribe(sandbox.base_url, metrics_server, "wrong-token").status_code == 400
    assert subscribe(sandbox.base_url, metrics_server).status_code == 201
    direct = httpx.get(f"{metrics_server}/webhooks/facebook", params={
        "hub.mode": "subscribe", "hub.challenge": "12345", "hub.verify_token": FB_VERIFY})
    assert direct.status_code == 200 and direct.text == "12345"


async def test_signed_pushes_become_points_and_events_and_bad_signatures_store_nothing(
        db, sandbox, metrics_server, new_tenant, track):
    httpx.delete(f"{sandbox.base_url}/_sandbox/push/subscriptions")
    assert subscribe(sandbox.base_url, metrics_server).status_code == 201
    tenant, _ = await new_tenant()
    external_id, _, _ = publish(sandbox, "facebook")
    target = await track(tenant, network="facebook", external_id=external_id)
    async with db.uow() as uow:
        await engagement.record_poll(uow=uow, target_id=target, now=datetime.now(timezone.utc),
                                     totals=ev.EngagementCounts(likes=10, reposts=0, comments=2, views=100, clicks=3))

    def push(**change) -> list[dict]:
        r = httpx.post(f"{sandbox.base_url}/_sandbox/push/facebook", json={"external_id": external_id, **change},
                       timeout=10)
        assert r.status_code == 200, r.text
        return r.json()["deliveries"]

    assert [d["status"] for d in push(item="reaction")] == [200]
    assert [d["status"] for d in push(item="comment")] == [200]
    row = await target_row(db, target)
    assert row["last_totals"] == {"likes": 11, "reposts": 0, "comments": 3, "views": 100, "clicks": 3}
    assert row["polls"] == 1, "a push is not a poll: the polling schedule is left alone"
    events = await events_of(db, target)
    assert [e["seq"] for e in events] == [1, 2, 3] and events[-1]["deltas"]["comments"] == 1

    # a push signed with the wrong secret, and one without any signature: 401, nothing stored
    assert [d["status"] for d in push(item="reaction", app_secret="not-the-app-secret")] == [401]
    unsigned = httpx.post(f"{metrics_server}/webhooks/facebook", json={"object": "page", "entry": [
        {"id": "555", "changes": [{"field": "feed", "value": {"item": "reaction", "verb": "add",
                                                              "post_id": external_id}}]}]})
    assert unsigned.status_code == 401
    assert unsigned.headers["content-type"].startswith("application/problem+json")
    assert (await target_row(db, target))["last_totals"]["likes"] == 11
    assert len(await points_of(db, target)) == 3 and len(await events_of(db, target)) == 3


def test_a_signed_body_that_is_not_a_page_webhook_is_a_422_naming_the_field(metrics_server):
    from smmkit.crypto import hmac_sha256

    # each of these was a 500 (an AttributeError on a list, a string, a number where an object was read)
    for body in (b"[]", b'"page"', b'{"object": "page", "entry": [{"changes": "x"}]}',
                 b'{"object": "page", "entry": [{"changes": [{"field": "feed", "value": 7}]}]}', b"not json"):
        signature = "sha256=" + hmac_sha256(FB_SECRET, body).hex()
        resp = httpx.post(f"{metrics_server}/webhooks/facebook", content=body,
                          headers={"X-Hub-Signature-256": signature, "Content-Type": "application/json"})
        assert resp.status_code == 422, (body, resp.status_code, resp.text)
        assert resp.headers["content-type"].startswith("application/problem+json")
