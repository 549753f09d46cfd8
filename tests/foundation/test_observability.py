"""Consumer lag per group and partition, and library loggers as JSON lines carrying the bound context."""
import asyncio
import json
import logging
import uuid

from prometheus_client import REGISTRY

from smmkit import events as ev
from smmkit.observability import bound_context, configure_logging
from tests.foundation.test_bus import run_consumer, stop
from tests.utils.events import sample_event
from tests.utils.polling import eventually


async def test_consumer_lag_is_reported_per_group_and_partition_while_behind_and_zero_once_caught_up(
        settings, db, producer):
    tenant = uuid.uuid4()
    release = asyncio.Event()
    handled: list[uuid.UUID] = []

    async def slow(event: ev.Envelope, uow) -> None:
        if event.tenant_id == tenant:
            await release.wait()
            handled.append(event.event_id)

    # a topic the other foundation tests leave alone: a new group reads little history before ours
    topic = "webhook.disabled"
    ours = [sample_event(topic, tenant) for _ in range(5)]
    sent = [await (await producer.send(topic, ev.encode(e), key=b"lag-test")) for e in ours]
    [partition] = {m.partition for m in sent}
    consumer, task = await run_consumer(settings, db, producer, {topic: slow})
    labels = {"topic": topic, "partition": str(partition), "consumer": consumer.sub.consumer}

    async def lag():
        return REGISTRY.get_sample_value("smm_consumer_lag", labels)
    try:
        behind = await eventually(lambda: _at_least(lag(), len(ours)), what="lag while the handler is held")
        assert behind >= len(ours), "all of ours are still ahead of the group's position"
        release.set()
        await eventually(lambda: _async({e.event_id for e in ours} <= set(handled)), what="all handled")
        await eventually(lambda: _equals(lag(), 0), what="lag back to zero")
    finally:
        release.set()
        await stop(task)


async def _at_least(value, n):
    v = await value
    return v if v is not None and v >= n else None


async def _equals(value, n):
    return (await value) == n


async def _async(value):
    return value


def test_library_loggers_write_json_with_the_bound_tenant_and_correlation_id(capsys):
    configure_logging("logging-test")
    with bound_context(tenant_id="t-1", correlation_id="c-1"):
        logging.getLogger("aiokafka.consumer").warning("group rebalanced %s", "now")
        logging.getLogger("sqlalchemy.engine").error("pool exhausted")
        logging.getLogger("alembic.runtime.migration").info("Running upgrade a -> b")
        logging.getLogger("uvicorn.error").warning("shutting down")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["logger"], line["event"]) for line in lines] == [
        ("aiokafka.consumer", "group rebalanced now"), ("sqlalchemy.engine", "pool exhausted"),
        ("alembic.runtime.migration", "Running upgrade a -> b"), ("uvicorn.error", "shutting down")]
    assert all((line["tenant_id"], line["correlation_id"], line["service"]) == ("t-1", "c-1", "logging-test")
               for line in lines)
    assert {line["level"] for line in lines} == {"warning", "error", "info"}
