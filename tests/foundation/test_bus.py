"""The consumer path on a real broker and database: dead letters, retries, the inbox and the outbox."""
import asyncio
import json
import uuid
from collections import Counter

import pytest
import sqlalchemy as sa

from smmkit import events as ev
from smmkit.bus import EventConsumer, Subscription
from smmkit.deadletters import Unprocessable, list_dead_letters, replay
from smmkit.outbox import OutboxRelay
from smmkit.problems import Conflict
from tests.foundation.conftest import read_topic
from tests.utils.events import sample_event
from tests.utils.polling import eventually


class Recorder:
    """A handler that remembers what it saw and can be told to fail for some events."""

    def __init__(self, tenant_id: uuid.UUID, fail_for: set[uuid.UUID] = frozenset()):
        self.tenant_id = tenant_id
        self.fail_for = set(fail_for)
        self.seen: list[uuid.UUID] = []
        self.calls = 0

    async def __call__(self, event: ev.Envelope, uow) -> None:
        if event.tenant_id != self.tenant_id:
            return  # other tests' events on the same topic
        self.calls += 1
        if event.event_id in self.fail_for:
            raise RuntimeError("handler exploded")
        self.seen.append(event.event_id)


async def run_consumer(settings, db, producer, handlers: dict):
    consumer = EventConsumer(Subscription(f"test-{uuid.uuid4().hex[:8]}", handlers), db=db, producer=producer,
                             settings=settings)
    task = asyncio.create_task(consumer.run())
    return consumer, task


async def stop(task):
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def test_malformed_messages_on_every_topic_go_to_the_dead_letter_topic_and_processing_goes_on(
        settings, db, producer):
    tenant = uuid.uuid4()
    marker = uuid.uuid4().hex.encode()
    recorder = Recorder(tenant)
    handlers = {topic: recorder for topic in ev.TOPICS}
    consumer, task = await run_consumer(settings, db, producer, handlers)
    try:
        expected = []
        for topic in ev.TOPICS:
            bad_version = ev.encode(sample_event(topic, tenant)).replace(b'"schema_version":1', b'"schema_version":7')
            for garbage in (b"{broken " + marker, bad_version.replace(b"}", b',"m":"' + marker + b'"}', 1)):
                await producer.send_and_wait(topic, garbage, key=b"k")
            good = sample_event(topic, tenant)
            await producer.send_and_wait(topic, ev.encode(good), key=ev.key_of(good))
            expected.append(good.event_id)

        await eventually(lambda: _async(set(expected) <= set(recorder.seen)), what="valid events after garbage")
        for topic in ev.TOPICS:
            # Only our consumer's dead letters: other consumers of the topic (a running platform) add their own.
            dead = await read_topic(settings, f"{topic}.dlq", want=2, match=marker,
                                    header=("dlq-consumer", consumer.sub.consumer.encode()))
            assert len(dead) == 2, topic
            headers = dict(dead[0].headers)
            assert headers["dlq-reason"] == b"malformed"
            assert headers["dlq-source-topic"] == topic.encode()
            assert headers["dlq-consumer"] == consumer.sub.consumer.encode()
    finally:
        await stop(task)


async def test_a_failing_handler_is_retried_then_dead_lettered_without_blocking_its_neighbours(settings, db, producer):
    tenant = uuid.uuid4()
    poison, after = sample_event("order.created", tenant), sample_event("order.created", tenant)
    recorder = Recorder(tenant, fail_for={poison.event_id})
    consumer, task = await run_consumer(settings, db, producer, {"order.created": recorder})
    try:
        for e in (poison, after):
            await producer.send_and_wait("order.created", ev.encode(e), key=ev.key_of(e))
        await eventually(lambda: _async(after.event_id in recorder.seen), what="the event after the poison one")
        dead = await read_topic(settings, "order.created.dlq", want=1, match=str(poison.event_id).encode(),
                                header=("dlq-consumer", consumer.sub.consumer.encode()))
        assert dict(dead[0].headers)["dlq-reason"] == b"handler_failed"
        assert dict(dead[0].headers)["dlq-attempts"] == str(settings.consumer_max_attempts).encode()
        assert b"handler exploded" in dict(dead[0].headers)["dlq-error"]
        assert poison.event_id not in recorder.seen
    finally:
        await stop(task)


async def test_the_database_away_for_longer_than_the_retries_is_waited_out_not_dead_lettered(
        settings, db, producer):
    """Found by tests/chaos (PostgreSQL restarted mid-burst): each attempt that met the restarting database
    counted, the last one failed with "not yet accepting connections", and by the time the dead letter was
    written the database was back: the order was taken off its path and missing from the reports."""
    tenant = uuid.uuid4()
    event = sample_event("order.created", tenant)
    away = settings.consumer_max_attempts + 2  # more failures than a handler gets attempts

    async def handler(e: ev.Envelope, uow) -> None:
        nonlocal away
        if e.event_id == event.event_id:
            if away > 0:
                away -= 1
                raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")  # asyncpg's, refused
            seen.append(e.event_id)

    seen: list[uuid.UUID] = []
    consumer, task = await run_consumer(settings, db, producer, {"order.created": handler})
    try:
        await producer.send_and_wait("order.created", ev.encode(event), key=ev.key_of(event))
        await eventually(lambda: _async(seen == [event.event_id]), what="the event, once the database is back")
        listing = await list_dead_letters(db=db, topic="order.created", tenant_id=tenant, status="all", limit=10)
        assert listing == [], "no dead letter for an outage"
    finally:
        await stop(task)


async def test_a_failure_no_retry_can_fix_is_dead_lettered_at_once_with_its_reason(settings, db, producer):
    tenant = uuid.uuid4()
    unstorable, refused, after = (sample_event("order.created", tenant) for _ in range(3))
    calls: Counter = Counter()

    async def handler(event: ev.Envelope, uow) -> None:
        if event.tenant_id != tenant:
            return
        calls[event.event_id] += 1
        if event.event_id == unstorable.event_id:  # a value the column cannot hold: the database says no, always
            await uow.session.execute(sa.text("SELECT CAST('70000' AS smallint)"))
        if event.event_id == refused.event_id:
            raise Unprocessable("unknown_tenant", f"unknown tenant {tenant}")

    consumer, task = await run_consumer(settings, db, producer, {"order.created": handler})
    try:
        for e in (unstorable, refused, after):
            await producer.send_and_wait("order.created", ev.encode(e), key=ev.key_of(e))
        await eventually(lambda: _async(calls[after.event_id] >= 1 and len(calls) == 3), what="all three handled")
        mine = ("dlq-consumer", consumer.sub.consumer.encode())
        [db_dead] = await read_topic(settings, "order.created.dlq", want=1, match=str(unstorable.event_id).encode(),
                                     header=mine)
        [refused_dead] = await read_topic(settings, "order.created.dlq", want=1,
                                          match=str(refused.event_id).encode(), header=mine)
    finally:
        await stop(task)
    headers = dict(db_dead.headers)
    assert headers["dlq-reason"] == b"rejected_by_database" and headers["dlq-attempts"] == b"1"
    assert b'value "70000" is out of range for type smallint (SQLSTATE 22003)' in headers["dlq-error"]
    assert dict(refused_dead.headers)["dlq-reason"] == b"unknown_tenant"
    assert dict(refused_dead.headers)["dlq-attempts"] == b"1"
    # at most once in its batch, then once alone, and never again: settings.consumer_max_attempts is 3
    assert calls[unstorable.event_id] <= 2 and calls[refused.event_id] <= 2


async def test_dead_letters_are_kept_listed_and_replayed_through_the_outbox(settings, db, producer):
    tenant = uuid.uuid4()
    event = sample_event("order.created", tenant)
    # valid JSON naming its event and tenant, but no payload: malformed, and listed under its tenant
    garbage = json.dumps({"event_id": str(uuid.uuid4()), "tenant_id": str(tenant), "event_type": "OrderCreated",
                          "schema_version": 1}).encode()
    refusing, seen = [True], []

    async def handler(e: ev.Envelope, uow) -> None:
        if e.tenant_id == tenant:
            if refusing[0]:
                raise Unprocessable("unknown_tenant", f"unknown tenant {tenant}")
            seen.append(e.event_id)

    async def listed(status: str = "open") -> dict:
        rows = await list_dead_letters(db=db, topic="order.created", tenant_id=tenant, status=status, limit=10)
        return {r.reason: r for r in rows}

    relay = OutboxRelay(db, producer)
    consumer, task = await run_consumer(settings, db, producer, {"order.created": handler})
    try:
        await producer.send_and_wait("order.created", ev.encode(event), key=ev.key_of(event))
        await producer.send_and_wait("order.created", garbage, key=b"k")
        dead = await eventually(lambda: _both(listed()), what="both dead letters in the table")
        refused, malformed = dead["unknown_tenant"], dead["malformed"]
        assert (refused.event_id, refused.consumer, refused.attempts) == (event.event_id, consumer.sub.consumer, 1)
        assert refused.body == ev.encode(event).decode() and refused.error == f"unknown tenant {tenant}"
        assert refused.offset >= 0 and refused.partition >= 0 and refused.replayed_at is None
        assert "invalid envelope" in malformed.error and malformed.attempts == 0
        with pytest.raises(Conflict, match="still malformed"):
            await replay(db=db, dead_letter_id=malformed.id)

        # replayed before its cause is fixed: dead-lettered again, and the same row is open again
        assert (await replay(db=db, dead_letter_id=refused.id)).replays == 1
        assert "unknown_tenant" in await listed("replayed")
        await relay.relay_once()
        again = await eventually(lambda: _open_again(listed(), refused.id), what="the replay dead-lettered again")
        assert again.replays == 1 and again.replayed_at is None

        refusing[0] = False  # the cause is fixed
        await replay(db=db, dead_letter_id=refused.id)
        await relay.relay_once()
        await eventually(lambda: _async(event.event_id in seen), what="the replayed event handled")
        assert "unknown_tenant" not in await listed() and (await listed("replayed"))["unknown_tenant"].replays == 2
    finally:
        await stop(task)


async def _both(listing) -> dict | None:
    rows = await listing
    return rows if {"unknown_tenant", "malformed"} <= rows.keys() else None


async def _open_again(listing, dead_letter_id):
    row = (await listing).get("unknown_tenant")
    return row if row is not None and row.id == dead_letter_id else None


async def test_a_redelivered_event_is_handled_once(settings, db, producer):
    tenant = uuid.uuid4()
    event, later = sample_event("post.published", tenant), sample_event("post.published", tenant)
    recorder = Recorder(tenant)
    consumer, task = await run_consumer(settings, db, producer, {"post.published": recorder})
    try:
        for e in (event, event, later, event):
            await producer.send_and_wait("post.published", ev.encode(e), key=ev.key_of(e))
        await eventually(lambda: _async(later.event_id in recorder.seen and recorder.seen.count(event.event_id)),
                         what="both events")
        await asyncio.sleep(0.5)  # give a (wrong) second delivery of ``event`` time to show up
        assert recorder.seen.count(event.event_id) == 1
    finally:
        await stop(task)


async def test_outbox_rows_reach_the_topic_only_when_their_transaction_commits(settings, db, producer):
    tenant = uuid.uuid4()
    committed, rolled_back = sample_event("post.failed", tenant), sample_event("post.failed", tenant)
    async with db.uow() as uow:
        uow.emit(committed)
        await uow.commit()
    async with db.uow() as uow:
        uow.emit(rolled_back)
        await uow.rollback()
    relay = OutboxRelay(db, producer)
    assert await relay.relay_once() >= 1
    assert await relay.relay_once() == 0, "rows are marked sent and not sent again"
    got = await read_topic(settings, "post.failed", want=1, match=str(tenant).encode(), timeout_s=8)
    assert [ev.decode("post.failed", m.value).event_id for m in got] == [committed.event_id]
    assert got[0].key == ev.key_of(committed)


async def _async(value):
    return value


async def test_collected_items_are_flushed_once_at_commit_and_may_emit_events(db):
    tenant = uuid.uuid4()
    flushed: list[list[str]] = []

    async def flush(items: list[str]) -> None:
        flushed.append(list(items))
        uow.emit(sample_event("post.failed", tenant))   # an event caused by the batch joins the same outbox write

    async with db.uow() as uow:
        uow.collect("letters", flush).append("a")
        uow.collect("letters", flush).append("b")   # the same list: one flush for both
        assert flushed == [], "nothing is written before the commit"
        await uow.commit()
        outbox = db.messaging.outbox
        rows = (await uow.session.execute(outbox.select().where(outbox.c.tenant_id == tenant))).all()
    assert flushed == [["a", "b"]]
    assert len(rows) == 1
