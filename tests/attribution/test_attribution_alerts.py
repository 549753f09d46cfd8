"""Weekly ROI alert: N weeks below zero → one roi.alert event and one tenant webhook, signed per Standard
Webhooks (verified with the standardwebhooks library) and retried; a new secret overlaps the previous one."""
import asyncio
import json
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
import uvicorn
from aiokafka import AIOKafkaConsumer, TopicPartition
from fastapi import FastAPI, Request, Response
from standardwebhooks import Webhook, WebhookVerificationError

from attribution.alerts import service as alerts
from attribution.alerts.models import WebhookDelivery
from attribution.alerts.service import week_starts
from smmkit import stack
from smmkit.webhooks import new_secret
from tests.utils.polling import eventually

SECRET = new_secret()


@pytest.fixture
async def receiver():
    """The tenant's own server: fails the first ``fail_first`` deliveries (one), then accepts."""
    app = FastAPI()
    app.state.calls = []
    app.state.fail_first = 1

    @app.post("/hook")
    async def hook(request: Request):
        app.state.calls.append((dict(request.headers), await request.body()))
        return Response(status_code=503 if len(app.state.calls) <= app.state.fail_first else 204)

    port = stack.free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off",
                                           timeout_graceful_shutdown=2))
    task = asyncio.create_task(server.serve())
    await eventually(lambda: _started(server), what="receiver up")
    app.state.url = f"http://127.0.0.1:{port}/hook"
    yield app.state
    server.should_exit = True
    await task


async def _started(server):
    return server.started


async def spend(tenant, weeks, amount_per_week):
    resp = await tenant.client.post("/costs", json={
        "kind": "boost", "amount_minor": amount_per_week * len(weeks), "currency": "EUR",
        "period_start": weeks[0].isoformat(), "period_end": (weeks[-1] + timedelta(days=6)).isoformat()})
    assert resp.status_code == 201


async def sell(attr, tenant, target, day, total, ext):
    at = datetime.combine(day, datetime.min.time(), timezone.utc) + timedelta(days=2, hours=10)
    resp = await tenant.client.post("/orders", json={"id": ext, "ordered_at": at.isoformat(), "total_minor": total,
                                                     "currency": "EUR", "utm": {"content": str(target)}})
    assert resp.status_code == 202
    await attr.wait_order(tenant.id, ext)


async def test_two_losing_weeks_raise_one_signed_retried_webhook_and_an_event(attr, receiver):
    weeks = week_starts(datetime.now(timezone.utc), 2)
    losing = await attr.tenant("losing")
    winning = await attr.tenant("winning")
    for tenant in (losing, winning):
        resp = await tenant.client.patch("/settings", json={
            "roi_alert_weeks": 2, "alert_webhook_url": receiver.url, "alert_webhook_secret": SECRET})
        assert resp.status_code == 200 and resp.json()["alert_webhook_secret_set"] is True
        assert SECRET not in resp.text
    target = await attr.publish_target(losing.id)
    await sell(attr, losing, target, weeks[1], 2000, "l1")       # week 1: ROI (2000 - 7000) / 7000 < 0
    win_target = await attr.publish_target(winning.id)
    await sell(attr, winning, win_target, weeks[1], 9000, "w1")  # the winner's last week is positive
    for tenant in (losing, winning):
        await spend(tenant, weeks, 7000)

    calls = await eventually(lambda: _at_least(receiver.calls, 2), timeout_s=30, what="delivered after one retry")
    assert len({h["webhook-id"] for h, _ in calls}) == 1, "the retry is the same delivery"
    headers, body = calls[-1]
    assert Webhook(SECRET).verify(body, headers)["event_type"] == "RoiAlertRaised"
    assert headers["webhook-event"] == "roi.alert" and "x-smm-signature" not in headers
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(body, headers)
    event = json.loads(body)
    assert event["event_type"] == "RoiAlertRaised" and event["tenant_id"] == str(losing.id)
    p = event["payload"]
    assert (p["currency"], p["weeks"], p["week_start"], p["cost_minor"], p["revenue_minor"]) == \
        ("EUR", 2, weeks[1].isoformat(), 7000, 2000)
    assert p["rois"] == [-1.0, round((2000 - 7000) / 7000, 6)]

    # raised once, however often the job runs; never for the tenant that made money
    await eventually(lambda: _delivered(attr, losing.id), what="delivery recorded")
    assert await attr.scalar("SELECT count(*) FROM attribution.roi_alerts WHERE tenant_id = :t", t=losing.id) == 1
    assert await attr.scalar("SELECT count(*) FROM attribution.roi_alerts WHERE tenant_id = :t", t=winning.id) == 0
    on_topic = await read_alerts(attr, str(losing.id))
    assert [m["payload"]["alert_id"] for m in on_topic] == [p["alert_id"]]
    assert all(json.loads(b)["tenant_id"] != str(winning.id) for _, b in receiver.calls)


async def _delivered(attr, tenant_id):
    return await attr.scalar("SELECT delivered_at IS NOT NULL FROM attribution.webhook_deliveries "
                             "WHERE tenant_id = :t", t=tenant_id)


async def _at_least(items, n):
    return list(items) if len(items) >= n else None


async def read_alerts(attr, tenant_id: str) -> list[dict]:
    return await read_topic_events(attr, "roi.alert", tenant_id)


async def test_alert_settings_are_validated_and_isolated(attr):
    tenant = await attr.tenant("alert-settings")
    other = await attr.tenant("alert-settings-other")
    assert (await tenant.client.patch("/settings", json={"roi_alert_weeks": 0})).status_code == 422
    assert (await tenant.client.patch("/settings", json={"alert_webhook_url": "not a url"})).status_code == 422
    internal = await tenant.client.patch("/settings", json={"alert_webhook_url": "http://10.1.2.3/hook"})
    assert internal.status_code == 422 and "not a public address" in internal.json()["detail"]
    assert (await tenant.client.get("/settings")).json()["alert_webhook_url"] is None
    assert (await tenant.client.patch("/settings", json={"roi_alert_weeks": 5})).json()["roi_alert_weeks"] == 5
    assert (await other.client.get("/settings")).json()["roi_alert_weeks"] == 3
    assert (await attr.public.patch("/settings", json={"roi_alert_weeks": 5})).status_code == 401


async def test_a_new_alert_secret_overlaps_the_previous_one_and_a_bad_one_is_refused(attr, receiver):
    tenant = await attr.tenant("rotating")
    old, new = new_secret(), new_secret()
    for secret in (old, new):
        resp = await tenant.client.patch("/settings", json={"alert_webhook_url": receiver.url,
                                                            "alert_webhook_secret": secret})
        assert resp.status_code == 200, resp.text
    for bad in ("whsec_short", "x" * 40, "whsec_" + "!" * 40):
        refused = await tenant.client.patch("/settings", json={"alert_webhook_secret": bad})
        assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    ring = await attr.scalar("SELECT alert_webhook_secret FROM attribution.tenant_config WHERE tenant_id = :t",
                             t=tenant.id)
    delivery = WebhookDelivery(id=uuid.uuid4(), tenant_id=tenant.id, url=receiver.url, secret=ring,
                               body=b'{"event_type":"RoiAlertRaised"}', attempts=0,
                               next_attempt_at=datetime.now(timezone.utc))
    async with httpx.AsyncClient(timeout=5) as http:
        for _ in range(2):  # the receiver fails the first
            attempt = await alerts.deliver(delivery, http=http, box=attr.runtime.secrets, timeout_s=5)
    assert (attempt.ok, attempt.status_code) == (True, 204)
    headers, body = receiver.calls[-1]
    assert headers["webhook-id"] == str(delivery.id)
    assert Webhook(old).verify(body, headers) == Webhook(new).verify(body, headers) == {"event_type": "RoiAlertRaised"}
    assert len(headers["webhook-signature"].split(" ")) == 2


async def test_a_failing_alert_webhook_is_disabled_with_an_event_logged_enabled_and_redelivered(attr, receiver):
    """The running delivery job (ATTRIBUTION_WEBHOOK_DISABLE_AFTER=3 here) against a receiver failing 3 times."""
    tenant, other = await attr.tenant("failing-hook"), await attr.tenant("other")
    secret = new_secret()
    assert (await tenant.client.patch("/settings", json={"alert_webhook_url": receiver.url,
                                                         "alert_webhook_secret": secret})).status_code == 200
    receiver.fail_first = 3
    ring = await attr.scalar("SELECT alert_webhook_secret FROM attribution.tenant_config WHERE tenant_id = :t",
                             t=tenant.id)
    delivery_id = uuid.uuid4()
    async with attr.runtime.db.uow() as uow:
        uow.session.add(WebhookDelivery(id=delivery_id, tenant_id=tenant.id, url=receiver.url, secret=ring,
                                        body=b'{"n":1}', attempts=0, next_attempt_at=datetime.now(timezone.utc)))
        await uow.commit()

    async def disabled():
        s = (await tenant.client.get("/settings")).json()
        return s if not s["alert_webhook_active"] else None
    settings = await eventually(disabled, what="the alert webhook disabled")
    assert settings["alert_webhook_failures"] == 3 and len(receiver.calls) == 3
    assert settings["alert_webhook_disabled_reason"] == "3 failed attempts in a row; last: HTTP 503"
    notice = await read_topic_event(attr, "webhook.disabled", str(tenant.id))
    assert (notice["payload"]["service"], notice["payload"]["webhook_id"], notice["payload"]["url"],
            notice["payload"]["consecutive_failures"]) == ("attribution", str(tenant.id), receiver.url, 3)
    [logged] = (await tenant.client.get("/settings/alert-webhook/deliveries")).json()["items"]
    assert (logged["id"], logged["status"], logged["attempts"], logged["last_status_code"]) == (
        str(delivery_id), "pending", 3, 503)
    async with attr.runtime.db.uow() as uow:  # nothing of a disabled webhook is claimed
        assert all(d.tenant_id != tenant.id for d in await alerts.claim_due(
            uow=uow, now=datetime.now(timezone.utc) + timedelta(days=1), lease=timedelta(seconds=1)))
        await uow.rollback()
    assert (await other.client.get("/settings/alert-webhook/deliveries")).json()["items"] == []
    assert (await other.client.post(f"/settings/alert-webhook/deliveries/{delivery_id}/redeliver")).status_code == 404

    enabled = (await tenant.client.post("/settings/alert-webhook/enable")).json()
    assert (enabled["alert_webhook_active"], enabled["alert_webhook_failures"]) == (True, 0)

    async def delivered():
        [row] = (await tenant.client.get("/settings/alert-webhook/deliveries")).json()["items"]
        return row if row["status"] == "delivered" else None
    row = await eventually(delivered, what="the waiting delivery sent once enabled")
    assert (row["attempts"], row["last_status_code"]) == (4, 204)
    again = await tenant.client.post(f"/settings/alert-webhook/deliveries/{delivery_id}/redeliver")
    assert again.status_code == 202 and again.json()["redeliveries"] == 1
    await eventually(lambda: _at_least(receiver.calls, 5), what="redelivered")
    headers, body = receiver.calls[-1]
    assert headers["webhook-id"] == str(delivery_id) and Webhook(secret).verify(body, headers) == {"n": 1}


async def read_topic_event(attr, topic: str, tenant_id: str) -> dict:
    return (await read_topic_events(attr, topic, tenant_id))[0]


async def read_topic_events(attr, topic: str, tenant_id: str) -> list[dict]:
    """The tenant's events on a topic, from the start. The broker is shared: the bus tests put garbage on every
    topic, and other tests' events are there too."""
    consumer = AIOKafkaConsumer(bootstrap_servers=attr.runtime.settings.kafka_bootstrap_servers,
                                enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    try:
        async def found():
            await consumer._client.force_metadata_update()
            parts = consumer.partitions_for_topic(topic) or set()
            if not parts:
                return None
            consumer.assign([TopicPartition(topic, p) for p in parts])
            await consumer.seek_to_beginning()
            msgs = []
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                msgs += [json.loads(m.value) for m in batch if m.value.startswith(b'{"')]
            return [m for m in msgs if m.get("tenant_id") == tenant_id] or None
        return await eventually(found, what=f"{topic} on its topic")
    finally:
        await consumer.stop()
