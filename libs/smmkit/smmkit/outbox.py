"""The outbox relay: publishes a service's pending outbox rows in order, then marks them sent.

Only one replica relays at a time (a PostgreSQL advisory lock held on a dedicated
connection), so rows leave in ``id`` order and per-key order holds. A crash between
"sent" and "marked" re-sends rows: delivery is at-least-once and consumers dedupe
on ``event_id`` through their inbox. A row the producer or broker refuses as too large
(written before ``EVENT_MAX_BYTES`` existed, or by SQL that bypassed it) goes to its
topic's dead-letter topic and counts as sent: it must not hold up every tenant's events.

The relay is pipelined: while a full batch's acknowledgements are awaited, the next batch is selected and
handed to the producer, and the previous one is marked sent in that same transaction. The producer keeps
records of one partition in the order they were handed to it (one request in flight per broker), so this
is the same as sending one larger batch: order per key holds, and a failure re-sends every row not yet
marked (at-least-once, as before). See docs/performance/bus.md.
"""
from __future__ import annotations

import asyncio
import contextlib
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from aiokafka import AIOKafkaProducer
from aiokafka.errors import MessageSizeTooLargeError
from sqlalchemy.dialects.postgresql import ARRAY

from smmkit import tracing
from smmkit.bus import send_dead_letter
from smmkit.db import Database
from smmkit.events import OFFBOARDING_TOPICS, utcnow
from smmkit.observability import (
    DLQ_EVENTS,
    EVENTS_PRODUCED,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    get_logger,
)

log = get_logger(__name__)


@dataclass
class _Batch:
    """Rows handed to the producer, with the futures of their acknowledgements."""

    rows: list
    sending: list = field(default_factory=list)  # (row, future)
    dead: set[int] = field(default_factory=set)  # ids dead-lettered instead (too large)

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.rows]

    def abandon(self) -> None:
        """Not to be marked: its rows go again. Whatever its futures end with is nobody's to raise."""
        for _, future in self.sending:
            future.add_done_callback(_retrieve)


def _retrieve(future: asyncio.Future) -> None:
    if not future.cancelled():
        future.exception()


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
        ids = ARRAY(sa.BigInteger)
        # ``skip``: the batch still awaiting its acknowledgements (selected, sent, not yet marked)
        self._select = (
            sa.select(outbox.c.id, outbox.c.event_id, outbox.c.tenant_id, outbox.c.topic, outbox.c.key, outbox.c.body,
                      outbox.c.traceparent)
            .where(outbox.c.sent_at.is_(None), outbox.c.id != sa.all_(sa.bindparam("skip", type_=ids)))
            .order_by(outbox.c.id).limit(batch_size)
        )
        # arrays, not IN lists: one bind parameter and one prepared statement whatever the batch size
        self._mark_sent = sa.update(outbox).where(outbox.c.id == sa.any_(sa.bindparam("ids", type_=ids))
                                                  ).values(sent_at=sa.func.now())
        self._forget = sa.delete(outbox).where(outbox.c.id == sa.any_(sa.bindparam("ids", type_=ids)))
        self._produced: dict[str, object] = {}

    async def run(self) -> None:
        while True:
            try:
                async with self.db.engine.connect() as lock_conn:
                    got = await lock_conn.scalar(sa.select(sa.func.pg_try_advisory_lock(self._lock_id)))
                    await lock_conn.commit()
                    if not got:
                        await asyncio.sleep(1.0)  # another replica is the relay
                        continue
                    try:
                        await self._relay_while_leader(lock_conn)
                    finally:
                        # the connection goes back to the pool: it must not keep the lock there (a later
                        # try from another connection would find it held, and nobody would relay)
                        await _unlock(lock_conn, self._lock_id)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - a DB or broker hiccup must not stop the relay
                log.warning("outbox relay error, retrying", error=repr(exc))
                await asyncio.sleep(1.0)

    async def _relay_while_leader(self, conn) -> None:
        """Relay on the connection holding the lock (no pool checkout per batch). While a full batch's
        acknowledgements are awaited, the next batch is selected and sent; the earlier one is then marked in
        the same transaction."""
        last_housekeeping = 0.0
        loop = asyncio.get_running_loop()
        in_flight: _Batch | None = None
        housekeeping: asyncio.Task | None = None
        try:
            while True:
                if loop.time() - last_housekeeping > 5 and (housekeeping is None or housekeeping.done()):
                    if housekeeping is not None:
                        housekeeping.result()  # its error stops this loop, as it did when it ran inline
                    # beside the relay, on a connection of its own: its count and delete over the whole table
                    # took as long as several batches, and held every event back meanwhile
                    housekeeping = asyncio.create_task(self._housekeeping())
                    last_housekeeping = loop.time()
                self.db.outbox_written.clear()
                batch = await self._send(conn, skip=in_flight.ids if in_flight else [])
                done = [in_flight] if in_flight else []
                in_flight = None
                if batch is not None and len(batch.rows) == self.batch_size:
                    in_flight = batch  # more are waiting: keep it in flight while the next one is selected
                elif batch is not None:
                    done.append(batch)
                await self._mark(conn, done)
                await conn.commit()
                if in_flight is None:
                    await _woken_or_timeout(self.db.outbox_written, self.idle_poll_s)
        finally:
            if in_flight is not None:
                in_flight.abandon()
            if housekeeping is not None and not housekeeping.done():
                housekeeping.cancel()
                await asyncio.gather(housekeeping, return_exceptions=True)

    async def relay_once(self) -> int:
        """Publish one batch of pending rows; return how many were sent."""
        async with self.db.engine.connect() as conn:
            batch = await self._send(conn, skip=[])
            if batch is None:
                return 0
            await self._mark(conn, [batch])
            await conn.commit()
        return len(batch.rows)

    async def _send(self, conn, *, skip: list[int]) -> _Batch | None:
        """Select pending rows (but ``skip``) and hand them to the producer; their acknowledgements come later."""
        rows = (await conn.execute(self._select, {"skip": skip})).all()
        if not rows:
            return None
        batch = _Batch(rows)
        try:
            for r in rows:
                try:
                    batch.sending.append((r, await self.producer.send(
                        r.topic, value=r.body, key=r.key.encode(),
                        headers=[(tracing.HEADER, r.traceparent.encode())] if r.traceparent else None)))
                except MessageSizeTooLargeError as exc:  # refused before sending: it never would go through
                    await self._dead_letter(r, exc)
                    batch.dead.add(r.id)
        except BaseException:
            batch.abandon()
            raise
        return batch

    async def _mark(self, conn, batches: list[_Batch]) -> None:
        """Wait for the batches' acknowledgements, then mark their rows sent (in the caller's transaction)."""
        if not batches:
            return
        try:
            for batch in batches:
                results = await asyncio.gather(*(future for _, future in batch.sending), return_exceptions=True)
                for (r, _), result in zip(batch.sending, results):
                    if isinstance(result, MessageSizeTooLargeError):  # the broker's limit is lower than ours
                        await self._dead_letter(r, result)
                        batch.dead.add(r.id)
                    elif isinstance(result, BaseException):
                        raise result  # the broker is unwell: the batch is sent again
        except BaseException:
            for batch in batches:
                batch.abandon()
            raise
        rows = [r for batch in batches for r in batch.rows]
        await conn.execute(self._mark_sent, {"ids": [r.id for r in rows]})
        if forget := [r.id for r in rows if r.topic in OFFBOARDING_TOPICS]:
            # a deleted tenant's id must not wait here for the hour sent rows are kept (smmkit.offboarding)
            await conn.execute(self._forget, {"ids": forget})
        produced = Counter(r.topic for batch in batches for r in batch.rows if r.id not in batch.dead)
        for topic, n in produced.items():
            if topic not in self._produced:
                self._produced[topic] = EVENTS_PRODUCED.labels(topic)
            self._produced[topic].inc(n)

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


async def _unlock(conn, lock_id: int) -> None:
    with contextlib.suppress(Exception):  # a broken connection is closed, and its lock with it
        await conn.rollback()
        await conn.execute(sa.select(sa.func.pg_advisory_unlock(lock_id)))
        await conn.commit()


async def _woken_or_timeout(event: asyncio.Event, timeout_s: float) -> None:
    """``wait_for(event.wait(), timeout)`` without its flaw on Python 3.11: a cancellation arriving as the event
    is set was swallowed, the relay went on polling, and whoever stopped it waited forever (a bench round hung)."""
    waiter = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({waiter}, timeout=timeout_s)
    finally:
        waiter.cancel()
