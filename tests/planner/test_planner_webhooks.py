"""Webhooks out: signed with HMAC, retried after a failure, delivered to a small local HTTP receiver."""
import hashlib
import hmac
import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from planner.posts import service as posts
from planner.webhooks import service as webhooks
from smmkit import events as ev
from tests.utils.polling import eventually

UTC = timezone.utc


@pytest.fixture
def receiver():
    """Answers 500 to the first request, 200 afterwards; keeps every request."""
    got: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["content-length"]))
            got.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
            self.send_response(500 if len(got) == 1 else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", got
    server.shutdown()


async def test_published_post_is_delivered_signed_and_retried(tenant, runtime, planner_settings, receiver):
    url, got = receiver
    hook = (await tenant.post("/webhooks", json={"url": url, "events": ["post.published"]})).json()
    secret = hook["secret"]
    assert secret.startswith("whsec_")
    assert "secret" not in (await tenant.get("/webhooks")).json()[0], "the secret is shown once"
    async with runtime.db.engine.connect() as conn:
        import sqlalchemy as sa
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

    async def deliver():
        async with httpx.AsyncClient(timeout=5) as http:
            async with runtime.db.uow() as uow:
                await webhooks.deliver_due(uow=uow, http=http, box=runtime.secrets,
                                           now=datetime.now(UTC) + timedelta(seconds=60), limit=50, max_attempts=5,
                                           retry_base_s=0.01)
        rows = (await tenant.get(f"/webhooks/{hook['id']}/deliveries")).json()
        return rows if rows and rows[0]["status"] == "delivered" else None
    [delivery] = await eventually(deliver, what="webhook delivered")
    assert (delivery["attempts"], delivery["last_error"]) == (2, None)
    assert len(got) == 2, "one failure, one retry"
    first, second = got
    assert first["body"] == second["body"] and first["headers"]["x-smm-delivery"] == delivery["id"]
    ts, sig = second["headers"]["x-smm-timestamp"], second["headers"]["x-smm-signature"]
    expected = hmac.new(secret.encode(), ts.encode() + b"." + second["body"], hashlib.sha256).hexdigest()
    assert sig == f"sha256={expected}"
    body = json.loads(second["body"])
    assert (body["type"], body["data"]["target_id"], body["data"]["url"]) == (
        "post.published", target, "https://m.example/9")
    # the failure event did not change the published target, and this hook did not ask for failures
    assert (await tenant.get(f"/posts/{post['id']}")).json()["targets"][0]["status"] == "published"
    assert len((await tenant.get(f"/webhooks/{hook['id']}/deliveries")).json()) == 1


async def test_undeliverable_webhook_gives_up_after_max_attempts(tenant, runtime):
    from planner.webhooks.schemas import WebhookCreate

    async with runtime.db.uow() as uow:
        hook, _ = await webhooks.create(session=uow.session, tenant_id=tenant.id, box=runtime.secrets,
                                        webhook_in=WebhookCreate(url="http://127.0.0.1:9/closed"))
        await webhooks.enqueue(session=uow.session, tenant_id=tenant.id, event_type="post.failed",
                               payload={"target_id": "x"})
        await uow.commit()
    now = datetime.now(UTC)
    async with httpx.AsyncClient(timeout=2) as http:
        for i in range(3):
            async with runtime.db.uow() as uow:
                await webhooks.deliver_due(uow=uow, http=http, box=runtime.secrets, now=now + timedelta(hours=i),
                                           limit=50, max_attempts=3, retry_base_s=1)
    [d] = (await tenant.get(f"/webhooks/{hook.id}/deliveries")).json()
    assert (d["status"], d["attempts"]) == ("failed", 3) and d["last_error"]


async def test_webhook_to_an_internal_address_is_refused(tenant):
    answer = await tenant.post("/webhooks", json={"url": "http://169.254.169.254/latest/meta-data",
                                                  "events": ["post.published"]})
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("application/problem+json")
    assert "not a public address" in answer.json()["detail"]
    assert (await tenant.get("/webhooks")).json() == []
