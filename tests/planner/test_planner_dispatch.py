"""Handing targets to the publisher: exactly once across replicas, cancel/reschedule racing the dispatcher,
the sweeper, and the status updates that come back."""
import asyncio
import json
import uuid
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from planner.db import Base
from planner.posts import service as posts
from planner.posts.models import PostStatus
from planner.posts.schemas import PostReschedule
from smmkit import events as ev
from smmkit.db import Database
from smmkit.problems import Conflict
from tests.utils.polling import eventually

UTC = timezone.utc


async def _import_due(tenant, account_id: str, n: int, text: str) -> list[str]:
    past = datetime.now(UTC) - timedelta(seconds=5)
    csv = "scheduled_at,accounts,text\n" + "".join(f"{past.isoformat()},{account_id},{text} {i}\n" for i in range(n))
    resp = await tenant.post("/imports/posts", content=csv)
    assert resp.status_code == 201, resp.text
    return resp.json()["post_ids"]


async def _targets_of(runtime, post_ids: list[str]) -> dict[str, str]:
    async with runtime.db.engine.connect() as conn:
        rows = await conn.execute(sa.text("SELECT id, post_id FROM planner.post_targets WHERE post_id = ANY(:p)"),
                                  {"p": [uuid.UUID(p) for p in post_ids]})
        return {str(r.post_id): str(r.id) for r in rows}


async def _outbox_count(runtime, target_ids) -> dict[str, int]:
    async with runtime.db.engine.connect() as conn:
        rows = await conn.execute(sa.text(
            "SELECT key, count(*) FROM planner.outbox WHERE topic = 'post.scheduled' AND key = ANY(:k) GROUP BY key"),
            {"k": list(target_ids)})
        return dict(rows.all())


async def _end_offsets(settings, topic="post.scheduled"):
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        if not tps:
            await consumer.force_metadata_update()
            tps = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        return await consumer.end_offsets(tps)
    finally:
        await consumer.stop()


async def _read_until(settings, start: dict, done, timeout_s: float = 30.0) -> list[ev.Envelope]:
    """Read the topic from ``start`` until ``done(events)`` holds, then on to the end offsets of that moment."""
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    out: list[ev.Envelope] = []
    try:
        tps = list(start)
        consumer.assign(tps)
        for tp in tps:
            consumer.seek(tp, start[tp])

        async def more():
            for tp, msgs in (await consumer.getmany(timeout_ms=200)).items():
                out.extend(ev.decode(tp.topic, m.value) for m in msgs)
            return done(out)
        await eventually(more, timeout_s=timeout_s, interval_s=0, what="events on the topic")
        end = await consumer.end_offsets(tps)
        while any([await consumer.position(tp) < end[tp] for tp in tps]):
            await more()
    finally:
        await consumer.stop()
    return out


async def _outbox_drained(runtime) -> bool:
    async with runtime.db.engine.connect() as conn:
        return not await conn.scalar(sa.text("SELECT count(*) FROM planner.outbox WHERE sent_at IS NULL"))


async def test_two_replicas_dispatch_2000_due_targets_each_exactly_once(tenant, runtime, planner_settings):
    acc = await tenant.account("mastodon")
    post_ids = await _import_due(tenant, acc, 2000, "due")
    targets = set((await _targets_of(runtime, post_ids)).values())
    assert len(targets) == 2000
    before = await _end_offsets(planner_settings)
    replicas = [Database(planner_settings.database_url, Base.messaging, pool_size=2) for _ in range(2)]
    claimed = [0, 0]

    async def replica(i: int) -> None:
        while True:
            async with replicas[i].uow() as uow:
                n = await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=50)
            claimed[i] += n
            if n == 0:
                return
            await asyncio.sleep(0)

    try:
        await asyncio.gather(replica(0), replica(1))
    finally:
        for db in replicas:
            await db.dispose()
    assert sum(claimed) == 2000 and all(claimed), f"both replicas worked, neither twice: {claimed}"
    runtime.db.outbox_written.set()  # wake the relay of the app
    await eventually(lambda: _outbox_drained(runtime), what="outbox relayed")
    events = await _read_until(planner_settings, before,
                               lambda evs: targets <= {str(e.payload.target_id) for e in evs})
    ours = [e.payload.target_id for e in events if str(e.payload.target_id) in targets]
    counts = {}
    for t in ours:
        counts[str(t)] = counts.get(str(t), 0) + 1
    assert set(counts) == targets, f"{len(targets - set(counts))} targets never emitted"
    assert max(counts.values()) == 1, "a target was emitted twice"
    sample = next(e for e in events if str(e.payload.target_id) in targets)
    assert sample.payload.network == "mastodon" and sample.payload.text.startswith("due ")
    assert str(sample.payload.account_id) == acc and sample.payload.dispatch_count == 1
    assert "token" not in sample.model_dump_json().lower()


async def test_cancel_racing_the_dispatcher_is_either_cancelled_or_409(tenant, runtime):
    acc = await tenant.account("mastodon")
    post_ids = await _import_due(tenant, acc, 60, "race")
    target_of = await _targets_of(runtime, post_ids)
    outcome: dict[str, str] = {}

    async def dispatcher():
        while True:
            async with runtime.db.uow() as uow:
                if await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=3) == 0:
                    return
            await asyncio.sleep(0)

    async def cancel(post_id: str):
        async with runtime.db.uow() as uow:
            try:
                await posts.transition(uow=uow, tenant_id=tenant.id, post_id=uuid.UUID(post_id),
                                       to_status=PostStatus.CANCELLED, actor="racer")
                await uow.commit()
                outcome[post_id] = "cancelled"
            except Conflict:
                outcome[post_id] = "409"

    await asyncio.gather(dispatcher(), dispatcher(), *(cancel(p) for p in post_ids))
    emitted = await _outbox_count(runtime, target_of.values())
    for post_id, result in outcome.items():
        post = (await tenant.get(f"/posts/{post_id}")).json()
        n = emitted.get(target_of[post_id], 0)
        if result == "cancelled":
            assert (post["status"], post["targets"][0]["status"], n) == ("cancelled", "cancelled", 0)
        else:
            assert (post["status"], post["targets"][0]["status"], n) == ("scheduled", "dispatched", 1)
    assert len(outcome) == 60


async def test_reschedule_until_dispatch_then_409(tenant, runtime):
    acc = await tenant.account("mastodon")
    soon = datetime.now(UTC) + timedelta(days=365)
    post = (await tenant.post("/posts", json={"text": "move me", "scheduled_at": soon.isoformat(),
                                              "targets": [{"account_id": acc}]})).json()
    moved = await tenant.patch(f"/posts/{post['id']}/schedule", json={"scheduled_at": "2020-01-01T10:00:00",
                                                                      "timezone": "Europe/Berlin"})
    assert moved.status_code == 200
    assert moved.json()["targets"][0]["scheduled_at"] == "2020-01-01T09:00:00Z"
    history = (await tenant.get(f"/posts/{post['id']}/history")).json()["items"]
    assert "rescheduled to 2020-01-01T09:00:00+00:00" in history[-1]["note"]
    async with runtime.db.uow() as uow:
        assert await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=100) >= 1
    late = await tenant.patch(f"/posts/{post['id']}/schedule", json={"scheduled_at": soon.isoformat()})
    assert late.status_code == 409 and late.json()["target_status"] == "dispatched"
    assert (await tenant.post(f"/posts/{post['id']}/cancel")).status_code == 409


async def test_reschedule_and_dispatch_race(tenant, runtime):
    acc = await tenant.account("mastodon")
    post_ids = await _import_due(tenant, acc, 30, "move-race")
    target_of = await _targets_of(runtime, post_ids)
    far = datetime.now(UTC) + timedelta(days=400)
    outcome = {}

    async def dispatcher():
        while True:
            async with runtime.db.uow() as uow:
                if await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=2) == 0:
                    return

    async def move(post_id):
        async with runtime.db.uow() as uow:
            try:
                await posts.reschedule(uow=uow, tenant_id=tenant.id, post_id=uuid.UUID(post_id),
                                       body=PostReschedule(scheduled_at=far), actor="mover")
                await uow.commit()
                outcome[post_id] = "moved"
            except Conflict:
                outcome[post_id] = "409"

    await asyncio.gather(dispatcher(), *(move(p) for p in post_ids))
    emitted = await _outbox_count(runtime, target_of.values())
    for post_id, result in outcome.items():
        target = (await tenant.get(f"/posts/{post_id}")).json()["targets"][0]
        if result == "moved":
            assert target["status"] == "scheduled" and emitted.get(target_of[post_id], 0) == 0
            assert datetime.fromisoformat(target["scheduled_at"]) == far.replace(microsecond=far.microsecond)
        else:
            assert target["status"] == "dispatched" and emitted[target_of[post_id]] == 1


async def test_sweeper_redispatches_with_the_same_target_id(tenant, runtime):
    acc = await tenant.account("mastodon")
    [post_id] = await _import_due(tenant, acc, 1, "lost")
    target = (await _targets_of(runtime, [post_id]))[post_id]
    async with runtime.db.uow() as uow:
        await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=100)
    later = datetime.now(UTC) + timedelta(minutes=10)
    while True:  # every unconfirmed target of the session is due again by then; sweep them all
        async with runtime.db.uow() as uow:
            if not await posts.redispatch_unconfirmed(uow=uow, now=later, older_than=timedelta(minutes=5), limit=1000):
                break
    async with runtime.db.engine.connect() as conn:
        bodies = (await conn.execute(sa.text(
            "SELECT body FROM planner.outbox WHERE key = :k ORDER BY id"), {"k": target})).scalars().all()
    payloads = [json.loads(b)["payload"] for b in bodies]
    assert [(p["target_id"], p["dispatch_count"]) for p in payloads] == [(target, 1), (target, 2)]


async def test_published_and_failed_events_update_targets_and_posts(tenant, runtime, planner_settings):
    a, b = await tenant.account("mastodon"), await tenant.account("telegram")
    now = datetime.now(UTC) - timedelta(seconds=1)
    post = (await tenant.post("/posts", json={"text": "two nets", "scheduled_at": now.isoformat(),
                                              "targets": [{"account_id": a}, {"account_id": b}]})).json()
    async with runtime.db.uow() as uow:
        await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=500)
    t = {x["account_id"]: x["id"] for x in post["targets"]}
    producer = AIOKafkaProducer(bootstrap_servers=planner_settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        ok = ev.new_event(ev.PostPublished(target_id=t[a], post_id=post["id"], account_id=a, network="mastodon",
                                           external_id="m-1", url="https://m.example/1", scheduled_at=now,
                                           published_at=datetime.now(UTC)), tenant_id=tenant.id)
        bad = ev.new_event(ev.PostFailed(target_id=t[b], post_id=post["id"], account_id=b, network="telegram",
                                         error_kind="invalid", reason="chat not found",
                                         failed_at=datetime.now(UTC)), tenant_id=tenant.id)
        for e in (ok, bad, ok):  # a redelivery changes nothing
            await producer.send_and_wait(ev.topic_of(e).name, ev.encode(e), key=ev.key_of(e))
    finally:
        await producer.stop()

    async def settled():
        p = (await tenant.get(f"/posts/{post['id']}")).json()
        return p if p["status"] != "scheduled" else None
    p = await eventually(settled, what="post settled")
    by_acc = {x["account_id"]: x for x in p["targets"]}
    assert (by_acc[a]["status"], by_acc[a]["url"]) == ("published", "https://m.example/1")
    assert (by_acc[b]["status"], by_acc[b]["failure_reason"]) == ("failed", "chat not found")
    assert p["status"] == "failed"
    history = (await tenant.get(f"/posts/{post['id']}/history")).json()["items"]
    assert (history[-1]["from_status"], history[-1]["to_status"], history[-1]["actor"]) == (
        "scheduled", "failed", "system")


async def test_targets_due_within_the_lead_are_handed_over_early_later_ones_wait(tenant, runtime):
    acc = await tenant.account("mastodon")
    now = datetime.now(UTC)
    ids = {}
    for name, due_in in (("soon", 20), ("later", 40)):
        post = (await tenant.post("/posts", json={"text": f"lead {name}", "scheduled_at": (now + timedelta(
            seconds=due_in)).isoformat(), "targets": [{"account_id": acc}]})).json()
        ids[name] = post["id"]
    async with runtime.db.uow() as uow:
        await posts.dispatch_due(uow=uow, now=now, limit=10_000, lead=timedelta(seconds=30))
    status = {name: (await tenant.get(f"/posts/{post_id}")).json()["targets"][0]["status"]
              for name, post_id in ids.items()}
    assert status == {"soon": "dispatched", "later": "scheduled"}
    late = await tenant.post(f"/posts/{ids['soon']}/cancel")
    assert late.status_code == 409, "handed over: too late to cancel"


async def test_a_batch_of_outcomes_settles_each_post_and_never_crosses_tenants(tenant, new_tenant, runtime):
    other = await new_tenant()
    a, b = await tenant.account("mastodon"), await tenant.account("x")
    foreign_account = await other.account("mastodon")
    due = (datetime.now(UTC) + timedelta(days=1)).isoformat()

    async def plan(who, accounts) -> dict:
        return (await who.post("/posts", json={"text": "batch", "scheduled_at": due,
                                               "targets": [{"account_id": x} for x in accounts]})).json()

    ok_post, mixed_post, foreign = await plan(tenant, [a, b]), await plan(tenant, [a, b]), await plan(other, [foreign_account])
    ok, mixed, foreign_target = ok_post["targets"], mixed_post["targets"], foreign["targets"][0]["id"]

    def published(target, who=tenant) -> posts.Outcome:
        return posts.Outcome(who.id, uuid.UUID(target["id"]) if isinstance(target, dict) else target,
                             "post.published", {"n": 1}, external_id="e-1", url="https://n.example/1",
                             published_at=datetime.now(UTC))

    def failed(target) -> posts.Outcome:
        return posts.Outcome(tenant.id, uuid.UUID(target["id"]), "post.failed", {"n": 1}, reason="rejected")

    async with runtime.db.uow() as uow:  # one consumed batch
        for outcome in (published(ok[0]), published(ok[1]), published(mixed[0]), failed(mixed[1]),
                        failed(ok[0]),  # arrives after its post.published: published stays
                        published(uuid.UUID(foreign_target))):  # tenant A naming tenant B's target
            await posts.confirm(uow=uow, outcome=outcome)
        await uow.commit()

    async def state(who, post) -> tuple:
        body = (await who.get(f"/posts/{post['id']}")).json()
        return body["status"], sorted(t["status"] for t in body["targets"])

    assert await state(tenant, ok_post) == ("published", ["published", "published"])
    assert await state(tenant, mixed_post) == ("failed", ["failed", "published"])
    assert await state(other, foreign) == ("scheduled", ["scheduled"]), "another tenant's target is untouched"
    history = (await tenant.get(f"/posts/{ok_post['id']}/history")).json()["items"]
    assert (history[-1]["from_status"], history[-1]["to_status"], history[-1]["actor"]) == ("scheduled", "published", "system")
