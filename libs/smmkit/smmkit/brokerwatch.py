"""Notices that the broker lost its data, and makes this service recover by itself.

A broker that comes back empty answers with a new cluster id: a Kafka cluster formatted anew gets one, and
``smmkit.stack.Broker`` starts tansu (which keeps nothing) with a fresh one each time. Everything the old
broker held is gone: events not yet consumed, consumer groups and their offsets. The database is the source
of truth, so the service:
- creates its topics again, with their partition counts;
- sends again every outbox row it still keeps (``OutboxRelay.keep_sent``): consumers dedupe on ``event_id``
  through their inbox, so what was consumed already is skipped;
- restarts its consumers: a running one keeps its old positions and would skip the new broker's first records.

The cluster id last sent to is stored per service (``broker_epoch``): a service that was down while the broker
was replaced recovers when it starts, and of several replicas only the first to notice re-sends the outbox.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import sqlalchemy as sa
from aiokafka.protocol.metadata import MetadataRequest
from sqlalchemy.dialects.postgresql import insert

from smmkit.bus import ensure_topics
from smmkit.db import Database
from smmkit.observability import BROKER_RECOVERIES, get_logger
from smmkit.settings import CommonSettings

log = get_logger(__name__)


async def cluster_id(client) -> str:
    """The cluster id the broker answers with (metadata v2 and later), from an aiokafka client."""
    node = client.get_random_node()
    if node is None:
        await client.bootstrap()
        node = client.get_random_node()
    response = await client.send(node, MetadataRequest([]))
    return response.cluster_id


async def record_cluster_id(db: Database, seen: str) -> bool:
    """Store ``seen`` as the broker this service sends to. When it replaces another id, mark every outbox row
    still kept as unsent, in the same transaction, and return True: the caller's replica re-sends."""
    epoch, outbox = db.messaging.broker_epoch, db.messaging.outbox
    async with db.engine.begin() as conn:
        previous = await conn.scalar(sa.select(epoch.c.cluster_id).where(epoch.c.id == 1).with_for_update())
        if previous == seen:
            return False
        if previous is None:  # the first broker this service has known: nothing was lost
            await conn.execute(insert(epoch).values(id=1, cluster_id=seen).on_conflict_do_nothing())
            return False
        await conn.execute(sa.update(epoch).where(epoch.c.id == 1).values(cluster_id=seen, seen_at=sa.func.now()))
        resent = await conn.execute(sa.update(outbox).where(outbox.c.sent_at.is_not(None)).values(sent_at=None))
    log.warning("the broker lost its data; sending the outbox again", previous_cluster_id=previous,
                cluster_id=seen, events=resent.rowcount)
    return True


class BrokerWatch:
    """Checks the broker's cluster id every ``broker_check_interval_s``; on a new one, recovers (see above)."""

    def __init__(self, db: Database, producer, settings: CommonSettings, *,
                 restart_consumers: Callable[[], Awaitable[None]], service: str):
        self.db = db
        self.producer = producer
        self.settings = settings
        self.restart_consumers = restart_consumers
        self.service = service
        self.seen: str | None = None  # what this process's consumers were started against

    async def run(self) -> None:
        while True:
            await self.check()
            await asyncio.sleep(self.settings.broker_check_interval_s)

    async def check(self) -> None:
        try:
            current = await asyncio.wait_for(cluster_id(self.producer.client), 10)
        except Exception as exc:  # noqa: BLE001 - the broker is down or restarting: look again later
            log.info("broker not answering", error=repr(exc))
            return
        if current == self.seen:
            return
        await ensure_topics(self.settings)  # before the relay's sends create them with the broker's default count
        if await record_cluster_id(self.db, current):
            self.db.outbox_written.set()
        if self.seen is not None:
            await self.restart_consumers()
            BROKER_RECOVERIES.labels(self.service).inc()
        self.seen = current
