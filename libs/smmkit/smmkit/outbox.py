"""The outbox relay: publishes a service's pending outbox rows in order, then marks them sent.

Only one replica relays at a time (a PostgreSQL advisory lock held on a dedicated
connection), so rows leave in ``id`` order and per-key order holds. A crash between
"sent" and "marked" re-sends rows: delivery is at-least-once and consumers dedupe
on ``event_id`` through their inbox. A row the producer or broker refuses as too large
(written before ``EVENT_MAX_BYTES`` existed, or by SQL that bypassed it) goes to its
topic's dead-letter topic and counts as sent: it must not hold up every tenant's events.
"""
from __future__ import annotations

import asyncio
import zlib
from datetime import timedelta

import sqlalchemy as sa
from aiokafka import AIOKafkaProducer
from aiokafka.errors import MessageSizeTooLargeError

from smmkit import tracing
from smmkit.bus import send_dead_letter
from smmkit.db import Database
from smmkit.events import OFFBOARDING_TOPICS, utcnow
from smmkit.observability import DLQ_EVENTS, EVENTS_PRODUCED, OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE, get_logger

log = get_logger(__name__)


class OutboxRelay:
    def __init__(self, db: Database, producer: AIOKafkaProducer, *, batch_size: int = 1000,
                 idle_poll_s: float = 0.1, keep_sent: timedelta = timedelta(hours=1)):
        self.db = db
        self.producer = producer
        self.batch_size = batch_size
        self.idle_poll_s = idle_poll_s
        self.keep_sent = keep_sent
        outbox = db.messaging.outbox
        self._lock_id = zlib.crc32(f"outbox:{outbox.schema}".encode())
        self._select = (
            sa.select(outbox.c.id, outbox.c.event_id, outbox.c.tenant_id, outbox.c.topic, outbox.c.key, outbox.c.body,
                      outbox.c.traceparent)
            .where(outbox.c.sent_at.is_(None)).order_by(outbox.c.id).limit(batch_size)
        )

    async def run(self) -> None:
        while True:
            try:
                async with self.db.engine.connect() as lock_conn:
                    got = await lock_conn.scalar(sa.select(sa.func.pg_try_advisory_lock(self._lock_id)))
                    await lock_conn.commit()
                    if not got:
                        await asyncio.sleep(1.0)  # another replica is the relay
                        continue
                    await self._relay_while_leader()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - a DB or broker hiccup must not stop the relay
                log.warning("outbox relay error, retrying", error=repr(exc))
                await asyncio.sleep(1.0)

    async def _relay_while_leader(self) -> None:
        last_housekeeping = 0.0
        loop = asyncio.get_running_loop()
        while True:
            self.db.outbox_written.clear()
            sent = await self.relay_once()
            if loop.time() - last_housekeeping > 5:
                await self._housekeeping()
                last_housekeeping = loop.time()
            if sent < self.batch_size:
                try:
                    await asyncio.wait_for(self.db.outbox_written.wait(), self.idle_poll_s)
                except TimeoutError:
                    pass

    async def relay_once(self) -> int:
        """Publish one batch of pending rows; return how many were sent."""
        outbox = self.db.messaging.outbox
        async with self.db.engine.connect() as conn:
            rows = (await conn.execute(self._select)).all()
            if not rows:
                return 0
            sending, dead = [], set()
            for r in rows:
                try:
                    sending.append((r, await self.producer.send(
                        r.topic, value=r.body, key=r.key.encode(),
                        headers=[(tracing.HEADER, r.traceparent.encode())] if r.traceparent else None)))
                except MessageSizeTooLargeError as exc:  # refused before sending: it never would go through
                    await self._dead_letter(r, exc)
                    dead.add(r.id)
            results = await asyncio.gather(*(future for _, future in sending), return_exceptions=True)
            for (r, _), result in zip(sending, results):
                if isinstance(result, MessageSizeTooLargeError):  # the broker's limit is lower than ours
                    await self._dead_letter(r, result)
                    dead.add(r.id)
                elif isinstance(result, BaseException):
                    raise result  # the broker is unwell: the batch is sent again
            await conn.execute(
                sa.update(outbox).where(outbox.c.id.in_([r.id for r in rows])).values(sent_at=sa.func.now())
            )
            if forget := [r.id for r in rows if r.topic in OFFBOARDING_TOPICS]:
                # a deleted tenant's id must not wait here for the hour sent rows are kept (smmkit.offboarding)
                await conn.execute(sa.delete(outbox).where(outbox.c.id.in_(forget)))
            await conn.commit()
        for r in rows:
            if r.id not in dead:
                EVENTS_PRODUCED.labels(r.topic).inc()
        return len(rows)

    async def _dead_letter(self, row, exc: Exception) -> None:
        outbox = self.db.messaging.outbox
        error = f"{len(row.body)} bytes: {exc}"
        await send_dead_letter(self.producer, row.topic, key=row.key.encode(), value=row.body, headers=[
            ("dlq-reason", b"too_large"),
            ("dlq-error", error[:2000].encode()),
            ("dlq-source", f"outbox:{outbox.schema}:{row.id}".encode()),
            ("dlq-event-id", str(row.event_id).encode()),
            ("dlq-tenant-id", str(row.tenant_id).encode()),
        ])
        DLQ_EVENTS.labels(row.topic, "outbox-relay", "too_large").inc()
        EVENTS_PRODUCED.labels(f"{row.topic}.dlq").inc()
        log.error("outbox row dead-lettered", topic=row.topic, event_id=str(row.event_id),
                  tenant_id=str(row.tenant_id), size_bytes=len(row.body), error=str(exc)[:300])

    async def _housekeeping(self) -> None:
        outbox = self.db.messaging.outbox
        async with self.db.engine.begin() as conn:
            backlog, oldest = (await conn.execute(
                sa.select(sa.func.count(), sa.func.min(outbox.c.created_at)).where(outbox.c.sent_at.is_(None))
            )).one()
            await conn.execute(sa.delete(outbox).where(outbox.c.sent_at < utcnow() - self.keep_sent))
        OUTBOX_BACKLOG.set(backlog)
        OUTBOX_OLDEST_AGE.set((utcnow() - oldest).total_seconds() if oldest else 0)
