"""Event sizes on the real broker: refused before the outbox, and never a blocked relay or consumer."""
import gzip
import os
import uuid

import pytest
import sqlalchemy as sa
from aiokafka.errors import MessageSizeTooLargeError
from aiokafka.record.default_records import DefaultRecordBatchBuilder

from smmkit import events as ev
from smmkit.bus import make_producer, send_dead_letter
from smmkit.db import EventTooLarge
from smmkit.outbox import OutboxRelay
from smmkit.settings import CommonSettings
from tests.foundation.conftest import read_topic
from tests.utils.events import sample_event


def order_of(tenant: uuid.UUID, label: str) -> ev.Envelope:
    """An order.created of 1000 line items named ``label``: the schema's bounds allow up to ~1.6 MB."""
    payload = ev.OrderCreated(
        order_id=uuid.uuid4(), external_id="big", source="api", ordered_at=ev.utcnow(), total_minor=1,
        currency="EUR", line_items=[ev.LineItem(sku=label[:-4] + f"{i:04}", name=label) for i in range(1000)])
    return ev.new_event(payload, tenant_id=tenant)


LARGEST = "😀" * 200  # the longest label, in four-byte characters


def value_of_size(settings: CommonSettings, key: bytes, size: int) -> bytes:
    """A value whose record is exactly ``size`` bytes as the producer counts it."""
    n = size
    while DefaultRecordBatchBuilder.estimate_size_in_bytes(key, b"x" * n, []) > size:
        n -= 1
    return b"x" * n


async def test_an_event_over_the_limit_is_refused_and_nothing_reaches_the_outbox(db):
    tenant = uuid.uuid4()
    big = order_of(tenant, "é" * 200)  # ~800 kB of two-byte characters: over a 256 KiB limit
    assert len(ev.encode(big)) > 256 * 1024
    db.max_event_bytes = 256 * 1024
    async with db.uow() as uow:
        uow.emit(sample_event("order.created", tenant))
        uow.emit(big)
        with pytest.raises(EventTooLarge) as refused:
            await uow.commit()
    assert refused.value.status == 413
    assert refused.value.extra["event_type"] == "order.created"
    assert refused.value.extra["limit_bytes"] == 256 * 1024
    outbox = db.messaging.outbox
    async with db.engine.connect() as conn:
        assert await conn.scalar(sa.select(sa.func.count()).where(outbox.c.tenant_id == tenant)) == 0, \
            "the whole transaction is refused, its small event too"


async def test_the_default_limit_takes_the_largest_order_of_ordinary_text_and_refuses_a_megabyte(db, settings):
    assert db.max_event_bytes == settings.event_max_bytes
    tenant = uuid.uuid4()
    async with db.uow() as uow:
        uow.emit(order_of(tenant, "e" * 200))  # 1000 line items with the longest ASCII labels: ~450 kB
        await uow.commit()
    async with db.uow() as uow:
        uow.emit(order_of(tenant, LARGEST))  # the finding: an order.created over ~1 MB
        with pytest.raises(EventTooLarge):
            await uow.commit()


async def test_the_producer_takes_a_record_just_under_its_limit_and_refuses_one_over_before_sending(settings):
    producer = make_producer(settings)
    await producer.start()
    try:
        key = uuid.uuid4().hex.encode()
        largest = value_of_size(settings, key, settings.kafka_max_request_bytes)
        await producer.send_and_wait("order.created.dlq", largest, key=key)
        with pytest.raises(MessageSizeTooLargeError):
            await producer.send("order.created.dlq", largest + b"x", key=key)
    finally:
        await producer.stop()
    got = await read_topic(settings, "order.created.dlq", want=1, timeout_s=15, key=key)
    assert [len(m.value) for m in got] == [len(largest)], "consumers fetch what the producer may send"


async def test_a_row_too_large_for_the_broker_is_dead_lettered_and_the_relay_goes_on(settings, db, producer):
    """A row written before the limit (or by SQL that skipped it): the relay must not stall on it for everyone."""
    tenant = uuid.uuid4()
    huge = order_of(tenant, LARGEST)  # ~1.6 MB: over the producer's 1 MiB
    after = sample_event("order.created", tenant)
    outbox = db.messaging.outbox
    async with db.engine.begin() as conn:
        for event in (huge, after):
            await conn.execute(outbox.insert().values(
                event_id=event.event_id, topic="order.created", key=ev.key_of(event).decode(), tenant_id=tenant,
                body=ev.encode(event)))
    relay = OutboxRelay(db, producer)
    while await relay.relay_once():
        pass
    got = await read_topic(settings, "order.created", want=1, match=str(after.event_id).encode(), timeout_s=15)
    assert [ev.decode("order.created", m.value).event_id for m in got] == [after.event_id]
    dead = await read_topic(settings, "order.created.dlq", want=1, timeout_s=15,
                            header=("dlq-event-id", str(huge.event_id).encode()))
    headers = dict(dead[0].headers)
    assert headers["dlq-reason"] == b"too_large"
    assert headers["dlq-content-encoding"] == b"gzip"
    assert headers["dlq-tenant-id"] == str(tenant).encode()
    assert gzip.decompress(dead[0].value) == ev.encode(huge), "nothing lost: the body is in the dead letter"
    async with db.engine.connect() as conn:
        unsent = await conn.scalar(sa.select(sa.func.count()).where(outbox.c.tenant_id == tenant,
                                                                    outbox.c.sent_at.is_(None)))
    assert unsent == 0


async def test_a_dead_letter_too_large_even_gzipped_goes_without_its_value(settings, producer):
    key = uuid.uuid4().hex.encode()
    noise = os.urandom(2 * settings.kafka_max_request_bytes)  # gzip cannot shrink it under the limit
    await send_dead_letter(producer, "post.failed", key=key, value=noise, headers=[("dlq-reason", b"test")])
    dead = await read_topic(settings, "post.failed.dlq", want=1, timeout_s=15, key=key)
    assert dead[0].value is None
    assert dict(dead[0].headers)["dlq-content-encoding"] == b"omitted"
