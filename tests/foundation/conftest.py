import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

import sqlalchemy as sa

from smmkit.bus import fetch_sizes, make_producer
from smmkit.db import Database, service_base

# A schema of its own: no service's outbox relay (e.g. the integration platform's planner) may see these rows.
BusTestBase = service_base("bus_test")


@pytest.fixture(scope="session")
async def bus_test_schema(settings):
    database = Database(settings.database_url, BusTestBase.messaging)
    async with database.engine.begin() as conn:
        await conn.execute(sa.text("CREATE SCHEMA IF NOT EXISTS bus_test"))
        await conn.run_sync(BusTestBase.metadata.create_all)
    await database.dispose()


@pytest.fixture
async def db(settings, bus_test_schema):
    database = Database(settings.database_url, BusTestBase.messaging)
    yield database
    await database.dispose()


@pytest.fixture
async def producer(settings, topics):
    p = make_producer(settings)
    await p.start()
    yield p
    await p.stop()


async def read_topic(settings, topic: str, *, want: int, match: bytes | None = None, timeout_s: float = 20.0,
                     header: tuple[str, bytes] | None = None, key: bytes | None = None):
    """Messages on ``topic`` (from the start) whose value contains ``match`` (and carry ``header`` and ``key``),
    until ``want``."""
    # No consumer group: assign every partition directly, so there is no group join to wait for.
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers, enable_auto_commit=False,
                                auto_offset_reset="earliest", **fetch_sizes(settings))
    await consumer.start()
    partitions = consumer.partitions_for_topic(topic) or set()
    if not partitions:
        await consumer._client.force_metadata_update()
        partitions = consumer.partitions_for_topic(topic) or set()
    consumer.assign([TopicPartition(topic, p) for p in partitions])
    await consumer.seek_to_beginning()
    found = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while len(found) < want and asyncio.get_running_loop().time() < deadline:
            batches = await consumer.getmany(timeout_ms=200)
            for msgs in batches.values():
                found += [m for m in msgs if (match is None or (m.value and match in m.value))
                          and (header is None or header in list(m.headers or ()))
                          and (key is None or m.key == key)]
    finally:
        await consumer.stop()
    return found
