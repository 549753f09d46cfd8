"""The post.scheduled envelopes the dispatcher builds in SQL are exactly what the contract says."""
import json
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from planner.posts import service as posts
from smmkit import events as ev


async def test_sql_built_envelope_decodes_and_carries_every_field(tenant, runtime):
    brand = (await tenant.post("/brands", json={"name": "Contract"})).json()["id"]
    acc = await tenant.account("telegram", brand_id=brand)
    due = datetime.now(timezone.utc) - timedelta(seconds=1)
    post = (await tenant.post("/posts", json={
        "text": 'Master "quoted" text ✓ 👨‍👩‍👧', "scheduled_at": due.isoformat(), "brand_id": brand,
        "campaign": "c-1", "pillar": "sell", "links": ["https://shop.example/p?x=1"],
        "media": [{"url": "https://cdn.example/a.jpg"}, {"url": "https://cdn.example/b.mp4", "kind": "video"}],
        "targets": [{"account_id": acc, "text": "Variant for telegram\nsecond line"}]})).json()
    target = post["targets"][0]["id"]
    async with runtime.db.uow() as uow:
        await posts.dispatch_due(uow=uow, now=datetime.now(timezone.utc), limit=1000)
    async with runtime.db.engine.connect() as conn:
        row = (await conn.execute(sa.text(
            "SELECT event_id, topic, key, tenant_id, body FROM planner.outbox WHERE key = :k"), {"k": target})).one()
    event = ev.decode("post.scheduled", row.body)
    assert (row.topic, row.key, row.event_id, row.tenant_id) == ("post.scheduled", target, event.event_id, tenant.id)
    assert ev.key_of(event).decode() == target
    assert event.event_type == "PostScheduled" and event.schema_version == ev.SCHEMA_VERSION
    assert event.correlation_id == event.event_id and event.occurred_at.tzinfo is not None
    p = event.payload
    assert (str(p.target_id), str(p.post_id), str(p.account_id), str(p.brand_id)) == (target, post["id"], acc, brand)
    assert (p.network, p.text, p.campaign, p.pillar) == ("telegram", "Variant for telegram\nsecond line", "c-1", "sell")
    assert [(m.url, m.kind) for m in p.media] == [("https://cdn.example/a.jpg", "image"),
                                                   ("https://cdn.example/b.mp4", "video")]
    assert p.links == ["https://shop.example/p?x=1"] and p.dispatch_count == 1
    assert p.scheduled_at == datetime.fromisoformat(post["targets"][0]["scheduled_at"])
    account_ref = (await tenant.get(f"/accounts/{acc}")).json()["account_ref"]
    assert p.account_ref == account_ref
    # the same keys as the pydantic model would write, nothing more
    assert set(json.loads(row.body)["payload"]) == set(ev.PostScheduled.model_fields)


async def test_post_scheduled_carries_the_language_of_the_target_or_else_the_post(tenant, runtime):
    acc, other, plain = await tenant.account("mastodon"), await tenant.account("bluesky"), await tenant.account()
    due = (datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat()
    post = (await tenant.post("/posts", json={
        "text": "Olá", "scheduled_at": due, "language": "pt-BR",
        "targets": [{"account_id": acc}, {"account_id": other, "text": "Hello", "language": "en-GB"}]})).json()
    untagged = (await tenant.post("/posts", json={"text": "?", "scheduled_at": due,
                                                  "targets": [{"account_id": plain}]})).json()
    async with runtime.db.uow() as uow:
        await posts.dispatch_due(uow=uow, now=datetime.now(timezone.utc), limit=1000)
    own = {acc: "pt-BR", other: "en-GB", plain: None}  # the bluesky target has its own language
    expected = {t["id"]: own[t["account_id"]] for p in (post, untagged) for t in p["targets"]}
    async with runtime.db.engine.connect() as conn:
        rows = (await conn.execute(sa.text("SELECT key, body FROM planner.outbox WHERE key = ANY(:k)"),
                                   {"k": list(expected)})).all()
    assert {row.key: ev.decode("post.scheduled", row.body).payload.language for row in rows} == expected
