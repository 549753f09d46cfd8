"""Webhooks out, per Standard Webhooks: a real HTTP receiver verifies every delivery with the ``standardwebhooks``
library; retries, secret rotation (both secrets verify during the overlap), the receiver's replay window,
automatic disabling with a ``webhook.disabled`` event, the delivery log and redelivery."""
import json
import threading
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaProducer
from standardwebhooks import Webhook, WebhookVerificationError

from planner.posts import service as posts
from planner.webhooks import service as webhooks
from planner.webhooks.schemas import WebhookCreate
from smmkit import events as ev
from smmkit import webhooks as standard
from tests.foundation.conftest import read_topic
from tests.utils.polling import eventually

UTC = timezone.utc


class Receiver:
    """A tenant's endpoint: verifies each request with the library and the secrets it knows (401 when none
    verifies), can be told to fail the next requests; keeps every request and the verdicts."""

    def __init__(self):
        self.secrets: list[str] = []
        self.fail_next = 0
        self.got: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["content-length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                verified = receiver.verify(body, headers)
                receiver.got.append({"headers": headers, "body": body, "verified": verified})
                if receiver.fail_next:
                    receiver.fail_next -= 1
                    status = 500
                else:
                    status = 204 if verified else 401
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verify(self, body: bytes, headers: dict, secrets: list[str] | None = None) -> list[str]:
        """The secrets (of ``secrets``, default: those this receiver knows) that verify the request."""
        ok = []
        for secret in self.secrets if secrets is None else secrets:
            try:
                Webhook(secret).verify(body, headers)
                ok.append(secret)
            except WebhookVerificationError:
                pass
        return ok


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()


async def deliver(runtime, now=None, *, max_attempts=5, disable_after=0):
    async with httpx.AsyncClient(timeout=5) as http:
        async with runtime.db.uow() as uow:
            return await webhooks.deliver_due(uow=uow, http=http, box=runtime.secrets,
                                              now=now or datetime.now(UTC) + timedelta(seconds=60), limit=50,
                                              max_attempts=max_attempts, retry_base_s=0.01,
                                              disable_after=disable_after)


async def enqueue(runtime, tenant, event_type="post.failed", payload=None):
    async with runtime.db.uow() as uow:
        await webhooks.enqueue(session=uow.session, tenant_id=tenant.id, event_type=event_type,
                               payload=payload or {"target_id": str(uuid.uuid4())})
        await uow.commit()


async def test_published_post_is_delivered_signed_verified_and_retried(tenant, runtime, planner_settings, receiver):
    hook = (await tenant.post("/webhooks", json={"url": receiver.url, "events": ["post.published"]})).json()
    secret = hook["secret"]
    assert standard.is_secret(secret), "whsec_ and base64, as the library expects"
    receiver.secrets, receiver.fail_next = [secret], 1
    assert "secret" not in (await tenant.get("/webhooks")).json()["items"][0], "the secret is shown once"
    async with runtime.db.engine.connect() as conn:
        stored = await conn.scalar(sa.text("SELECT secret_encrypted FROM planner.webhooks WHERE id = :i"),
                                   {"i": hook["id"]})
    assert secret.encode() not in stored, "encrypted at rest"

    acc = await tenant.account("mastodon")
    post = (await tenant.post("/posts", json={"text": "hooked", "scheduled_at": datetime.now(UTC).isoformat(),
                                              "targets": [{"account_id": acc}]})).json()
    target = post["targets"][0]["id"]
    async with runtime.db.uow() as uow:
        await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=1000)
    producer = AIOKafkaProducer(bootstrap_servers=planner_settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        published = ev.new_event(ev.PostPublished(
            target_id=target, post_id=post["id"], account_id=acc, network="mastodon", external_id="9",
            url="https://m.example/9", scheduled_at=datetime.now(UTC), published_at=datetime.now(UTC)),
            tenant_id=tenant.id)
        failed_elsewhere = ev.new_event(ev.PostFailed(
            target_id=target, post_id=post["id"], account_id=acc, network="mastodon", error_kind="invalid",
            reason="late failure", failed_at=datetime.now(UTC)), tenant_id=tenant.id)
        await producer.send_and_wait("post.published", ev.encode(published), key=ev.key_of(published))
        await producer.send_and_wait("post.failed", ev.encode(failed_elsewhere), key=ev.key_of(failed_elsewhere))
    finally:
        await producer.stop()

    async def delivered():
        await deliver(runtime)
        rows = (await tenant.get(f"/webhooks/{hook['id']}/deliveries")).json()["items"]
        return rows if rows and rows[0]["status"] == "delivered" else None
    [delivery] = await eventually(delivered, what="webhook delivered")
    assert (delivery["attempts"], delivery["last_error"], delivery["last_status_code"]) == (2, None, 204)
    assert len(receiver.got) == 2, "one failure, one retry"
    first, second = receiver.got
    assert first["body"] == second["body"] and first["verified"] == second["verified"] == [secret]
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"] == delivery["id"], \
        "a retry is the same message: receivers deduplicate on webhook-id"
    assert "x-smm-signature" not in second["headers"], "one scheme: no legacy header"
    body = json.loads(second["body"])
    assert (body["type"], body["data"]["target_id"], body["data"]["url"]) == (
        "post.published", target, "https://m.example/9")
    # the failure event did not change the published target, and this hook did not ask for failures
    assert (await tenant.get(f"/posts/{post['id']}")).json()["targets"][0]["status"] == "published"
    assert len((await tenant.get(f"/webhooks/{hook['id']}/deliveries")).json()["items"]) == 1


async def test_during_a_rotation_both_secrets_verify_and_after_the_overlap_only_the_new_one(
        tenant, runtime, receiver):
    hook = (await tenant.post("/webhooks", json={"url": receiver.url})).json()
    old = hook["secret"]
    rotated = await tenant.post(f"/webhooks/{hook['id']}/rotate-secret", json={"overlap_s": 3600})
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["secret"]
    until = datetime.fromisoformat(rotated.json()["previous_expires_at"])
    assert new != old and timedelta(minutes=59) < until - datetime.now(UTC) <= timedelta(hours=1)
    receiver.secrets = [old]  # a receiver not yet told of the new secret
    await enqueue(runtime, tenant)
    await deliver(runtime)
    [during] = receiver.got
    assert receiver.verify(during["body"], during["headers"], [old]) == [old]
    assert receiver.verify(during["body"], during["headers"], [new]) == [new]
    assert len(during["headers"]["webhook-signature"].split(" ")) == 2, "one v1 signature per live secret"

    # the overlap ends (here at once): only the newest secret signs
    newest = (await tenant.post(f"/webhooks/{hook['id']}/rotate-secret", json={"overlap_s": 0})).json()
    assert newest["previous_expires_at"] is None
    receiver.secrets = [newest["secret"]]
    await enqueue(runtime, tenant)
    await deliver(runtime)
    after = receiver.got[-1]
    assert receiver.verify(after["body"], after["headers"], [old, new, newest["secret"]]) == [newest["secret"]]
    assert len(after["headers"]["webhook-signature"].split(" ")) == 1
    bad = await tenant.post(f"/webhooks/{hook['id']}/rotate-secret", json={"overlap_s": 10**9})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")


async def test_the_receiver_refuses_a_delivery_outside_its_replay_window(receiver):
    secret = standard.new_secret()
    receiver.secrets = [secret]
    body = b'{"type":"post.published"}'
    async with httpx.AsyncClient(timeout=5) as http:
        fresh = await standard.send(http, receiver.url, secrets=[secret], msg_id="msg_1", body=body)
        replayed = await standard.send(http, receiver.url, secrets=[secret], msg_id="msg_1", body=body,
                                       at=datetime.now(UTC) - timedelta(minutes=6))
    assert (fresh.status_code, replayed.status_code) == (204, 401)
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(receiver.got[1]["body"], receiver.got[1]["headers"])


async def test_an_endpoint_failing_in_a_row_is_disabled_with_an_event_then_enabled_and_redelivered(
        tenant, runtime, planner_settings, receiver):
    hook = (await tenant.post("/webhooks", json={"url": receiver.url})).json()
    receiver.secrets, receiver.fail_next = [hook["secret"]], 3
    for _ in range(2):
        await enqueue(runtime, tenant)
    now = datetime.now(UTC)
    for i in range(3):  # attempts 1..3 fail; the third in a row disables the endpoint
        await deliver(runtime, now + timedelta(hours=i), disable_after=3)
    [state] = [h for h in (await tenant.get("/webhooks")).json()["items"] if h["id"] == hook["id"]]
    assert (state["active"], state["consecutive_failures"]) == (False, 3)
    assert "3 failed attempts in a row; last: HTTP 500" == state["disabled_reason"]
    sent = len(receiver.got)
    assert await deliver(runtime, now + timedelta(hours=5), disable_after=3) == 0, "nothing goes to a disabled one"
    assert len(receiver.got) == sent

    [notice] = await read_topic(planner_settings, "webhook.disabled", want=1, match=hook["id"].encode())
    event = ev.decode("webhook.disabled", notice.value)
    assert (event.tenant_id, event.payload.webhook_id, event.payload.service) == (tenant.id, uuid.UUID(hook["id"]),
                                                                                  "planner")
    assert (event.payload.consecutive_failures, event.payload.last_error, event.payload.url) == (
        3, "HTTP 500", receiver.url)

    enabled = (await tenant.post(f"/webhooks/{hook['id']}/enable")).json()
    assert (enabled["active"], enabled["consecutive_failures"], enabled["disabled_at"]) == (True, 0, None)
    await deliver(runtime, now + timedelta(hours=6))
    log = (await tenant.get(f"/webhooks/{hook['id']}/deliveries")).json()["items"]
    assert [d["status"] for d in log] == ["delivered", "delivered"] and all(
        d["last_status_code"] == 204 for d in log)

    # redelivery: the same message (webhook-id) again, on request
    delivered_ids = {g["headers"]["webhook-id"] for g in receiver.got if g["verified"]}
    again = await tenant.post(f"/webhooks/{hook['id']}/deliveries/{log[0]['id']}/redeliver")
    assert again.status_code == 202 and (again.json()["status"], again.json()["redeliveries"]) == ("pending", 1)
    await deliver(runtime)
    assert receiver.got[-1]["headers"]["webhook-id"] == log[0]["id"] in delivered_ids
    assert receiver.got[-1]["verified"] == [hook["secret"]]
    assert (await tenant.get(f"/webhooks/{hook['id']}/deliveries", params={"status": "pending"})).json()["items"] == []
    missing = await tenant.post(f"/webhooks/{hook['id']}/deliveries/{uuid.uuid4()}/redeliver")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")


async def test_undeliverable_webhook_gives_up_after_max_attempts(tenant, runtime):
    async with runtime.db.uow() as uow:
        hook, _ = await webhooks.create(session=uow.session, tenant_id=tenant.id, box=runtime.secrets,
                                        webhook_in=WebhookCreate(url="http://127.0.0.1:9/closed"))
        await uow.commit()
    await enqueue(runtime, tenant, payload={"target_id": "x"})
    now = datetime.now(UTC)
    for i in range(3):
        await deliver(runtime, now + timedelta(hours=i), max_attempts=3)
    [d] = (await tenant.get(f"/webhooks/{hook.id}/deliveries")).json()["items"]
    assert (d["status"], d["attempts"], d["last_status_code"]) == ("failed", 3, None) and d["last_error"]


async def test_webhook_to_an_internal_address_is_refused(tenant):
    answer = await tenant.post("/webhooks", json={"url": "http://169.254.169.254/latest/meta-data",
                                                  "events": ["post.published"]})
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("application/problem+json")
    assert "not a public address" in answer.json()["detail"]
    assert (await tenant.get("/webhooks")).json()["items"] == []
