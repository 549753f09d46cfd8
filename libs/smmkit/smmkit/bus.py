"""The Kafka bus on aiokafka: topic creation, the producer, and the consumer loop.

The consumer loop is the one path every consumed event takes:
decode → (malformed? dead-letter) → inbox claim + handler + outbox rows in one
transaction → commit the offset. A batch of messages shares one transaction; if
it fails, the batch is replayed message by message so one poison message cannot
hold back its neighbours. A failure no retry can fix (``smmkit.deadletters.permanent_failure``:
the handler raised ``Unprocessable``, or the database rejected a value) is dead-lettered at
once; any other after ``max_attempts``. Dead letters go to ``<topic>.dlq`` and to the
service's ``dead_letters`` table, from where an operator replays them.
"""
from __future__ import annotations

import asyncio
import contextlib
import gzip
import time
import traceback
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import IllegalStateError, MessageSizeTooLargeError, TopicAlreadyExistsError

from smmkit import deadletters, tracing
from smmkit import events as ev
from smmkit.db import Database, UnitOfWork
from smmkit.observability import (
    CONSUMER_LAG, DLQ_EVENTS, EVENTS_CONSUMED, EVENTS_PRODUCED, HANDLER_SECONDS, bound_context, get_logger,
)
from smmkit.problems import unavailable
from smmkit.settings import CommonSettings

log = get_logger(__name__)

Handler = Callable[[ev.Envelope, UnitOfWork], Awaitable[None]]


async def ensure_topics(settings: CommonSettings, names: list[str] | None = None) -> None:
    """Create topics explicitly with fixed partition counts; existing ones are left alone."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [n for n in (names or ev.all_topic_names()) if n not in existing]
        if wanted:
            try:
                await admin.create_topics([
                    NewTopic(n, num_partitions=settings.kafka_partitions,
                             replication_factor=settings.kafka_replication_factor) for n in wanted
                ])
            except TopicAlreadyExistsError:
                pass  # another process won the race
    finally:
        await admin.close()


def make_producer(settings: CommonSettings, **overrides) -> AIOKafkaProducer:
    """``send`` raises ``MessageSizeTooLargeError`` for a record over ``KAFKA_MAX_REQUEST_BYTES``, before sending."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        acks="all",
        enable_idempotence=settings.kafka_idempotence,
        linger_ms=overrides.pop("linger_ms", 2),
        max_batch_size=overrides.pop("max_batch_size", 256 * 1024),
        max_request_size=settings.kafka_max_request_bytes,
        **overrides,
    )


def fetch_sizes(settings: CommonSettings) -> dict[str, int]:
    """Consumer fetch sizes that take any record our producers may send (else a partition would stall on it)."""
    per_partition = max(1024 * 1024, settings.kafka_max_request_bytes)
    return {"max_partition_fetch_bytes": per_partition, "fetch_max_bytes": max(50 * 1024 * 1024, per_partition)}


async def send_dead_letter(producer: AIOKafkaProducer, topic: str, *, key: bytes | None, value: bytes | None,
                           headers: list[tuple[str, bytes]]) -> None:
    """Send to ``<topic>.dlq``. A value too large for the topic goes gzipped (``dlq-content-encoding: gzip``) or,
    when even that is too large, is left out (``dlq-content-encoding: omitted``): a dead letter never blocks."""
    forms = [(lambda: value, [])]
    if value is not None:
        forms += [(lambda: gzip.compress(value), [("dlq-content-encoding", b"gzip")]),
                  (lambda: None, [("dlq-content-encoding", b"omitted")])]
    for i, (body, extra) in enumerate(forms):
        try:
            await (await producer.send(f"{topic}.dlq", value=body(), key=key, headers=headers + extra))
            return
        except MessageSizeTooLargeError:  # refused by the producer before sending, or by the broker
            if i == len(forms) - 1:
                raise


@dataclass
class Subscription:
    """What one consumer group handles: ``{topic: handler}``."""

    consumer: str
    handlers: dict[str, Handler]


class EventConsumer:
    """Runs one consumer group; commits offsets only after the handler's transaction commits."""

    def __init__(self, sub: Subscription, *, db: Database, producer: AIOKafkaProducer,
                 settings: CommonSettings, max_records: int = 500):
        self.sub = sub
        self.db = db
        self.producer = producer
        self.settings = settings
        self.max_records = max_records
        self.kafka = AIOKafkaConsumer(
            *sub.handlers,
            bootstrap_servers=settings.kafka_bootstrap_servers,
            group_id=sub.consumer,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=settings.kafka_session_timeout_ms,
            heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
            max_poll_interval_ms=max(300_000, settings.kafka_session_timeout_ms),
            **fetch_sizes(settings),
        )
        self._children: dict = {}
        self._idle_lag_at = 0.0

    async def run(self) -> None:
        await self.kafka.start()
        committing: asyncio.Future | None = None
        try:
            while True:
                batches = await self._fetch()
                if batches:
                    for tp, msgs in batches.items():  # while handling: behind by this batch and what follows it
                        self._record_lag(tp, msgs[0].offset)
                    await self._process(batches)
                    # The offsets go to the broker while the next batch is handled: they are committed in order
                    # (one at a time), and only after the transaction that handled them (a crash before the
                    # commit re-delivers what the inbox then skips).
                    if committing is not None:
                        await committing
                    committing = asyncio.ensure_future(
                        self.kafka.commit({tp: msgs[-1].offset + 1 for tp, msgs in batches.items()}))
                    for tp, msgs in batches.items():
                        self._record_lag(tp, msgs[-1].offset + 1)
                else:
                    if committing is not None:
                        await committing
                        committing = None
                    await self._record_idle_lag()
        finally:
            if committing is not None:
                with contextlib.suppress(BaseException):  # stopping: what did not commit is delivered again
                    await asyncio.wait_for(asyncio.shield(committing), 5)
            await self.kafka.stop()

    async def _fetch(self) -> dict[TopicPartition, list]:
        """Wait for messages, then drain what is already fetched: bigger batches, fewer transactions."""
        batches = await self.kafka.getmany(timeout_ms=200, max_records=self.max_records)
        count = sum(map(len, batches.values()))
        while 0 < count < self.max_records:
            more = await self.kafka.getmany(timeout_ms=0, max_records=self.max_records - count)
            if not more:
                break
            for tp, msgs in more.items():
                batches.setdefault(tp, []).extend(msgs)
            count += sum(map(len, more.values()))
        return batches

    def _record_lag(self, tp: TopicPartition, position: int) -> None:
        """``smm_consumer_lag{topic, partition, consumer}``: records between this group's position and the end
        of the partition (its high watermark as of the last fetch)."""
        end = self.kafka.highwater(tp)
        if end is not None:
            CONSUMER_LAG.labels(tp.topic, str(tp.partition), self.sub.consumer).set(max(0, end - position))

    async def _record_idle_lag(self) -> None:
        """Nothing fetched: every assigned partition's lag, at most once a second (a quiet partition shows 0,
        not the last value it had)."""
        now = time.monotonic()
        if now - self._idle_lag_at < 1.0:
            return
        self._idle_lag_at = now
        for tp in self.kafka.assignment():
            try:
                self._record_lag(tp, await asyncio.wait_for(self.kafka.position(tp), 1.0))
            except (TimeoutError, IllegalStateError):  # a rebalance took it meanwhile
                continue

    async def _process(self, batches: dict) -> None:
        """All fetched messages in one transaction; on failure, one by one so a poison message is isolated."""
        decoded: list[tuple[object, ev.Envelope]] = []
        for tp, messages in batches.items():
            for msg in messages:
                try:
                    decoded.append((msg, ev.decode(tp.topic, msg.value)))
                except ev.MalformedEvent as exc:
                    await self._dead_letter(msg, None, reason="malformed", error=str(exc), attempts=0)
        if not decoded:
            return
        try:
            await self._handle(decoded)
        except Exception:
            for msg, event in decoded:
                await self._handle_with_retries(msg, event)

    async def _handle(self, decoded: list[tuple[object, ev.Envelope]]) -> None:
        started = time.perf_counter()
        consumed: Counter[tuple[str, str]] = Counter()
        traced = tracing.enabled()
        async with self.db.uow() as uow:
            fresh = await uow.claim_inbox(self.sub.consumer, [event.event_id for _, event in decoded])
            for msg, event in decoded:
                if event.event_id not in fresh:
                    consumed[msg.topic, "duplicate"] += 1
                    continue
                fresh.discard(event.event_id)  # a batch may hold the same event twice
                with bound_context(tenant_id=str(event.tenant_id), event_id=str(event.event_id),
                                   correlation_id=str(event.correlation_id)):
                    if traced:
                        with tracing.consume_span(msg.topic, self.sub.consumer, msg.headers):
                            await self.sub.handlers[msg.topic](event, uow)
                    else:  # no span to open: spare the context manager, per event
                        await self.sub.handlers[msg.topic](event, uow)
                consumed[msg.topic, "ok"] += 1
            await uow.commit()
        # counted once the transaction committed (a batch that failed is replayed one by one, and counted then)
        elapsed = (time.perf_counter() - started) / len(decoded)
        for (topic, outcome), n in consumed.items():
            self._consumed(topic, outcome).inc(n)
        for msg, _ in decoded:
            self._latency(msg.topic).observe(elapsed)

    def _consumed(self, topic: str, outcome: str):
        child = self._children.get((topic, outcome))
        if child is None:  # ``labels`` takes a lock and hashes the values: once per series, not per event
            child = self._children[topic, outcome] = EVENTS_CONSUMED.labels(topic, self.sub.consumer, outcome)
        return child

    def _latency(self, topic: str):
        child = self._children.get((topic, "latency"))
        if child is None:
            child = self._children[topic, "latency"] = HANDLER_SECONDS.labels(topic, self.sub.consumer)
        return child

    async def _handle_with_retries(self, msg, event: ev.Envelope) -> None:
        attempts = self.settings.consumer_max_attempts
        attempt = 0
        while attempt < attempts:
            try:
                await self._handle([(msg, event)])
                return
            except Exception as exc:  # noqa: BLE001 - any handler failure is retried, then dead-lettered
                with bound_context(tenant_id=str(event.tenant_id), event_id=str(event.event_id)):
                    log.warning("handler failed", topic=msg.topic, attempt=attempt + 1, error=repr(exc))
                if unavailable(exc) is not None:
                    # The database (or Redis) is away: not this event's fault, and no attempt of it. Counted,
                    # a restart longer than the retries dead-lettered events whose last attempt met it, once
                    # the dead letter could be written (an order lost from the reports; found by tests/chaos).
                    await asyncio.sleep(min(2.0, self.settings.consumer_retry_base_s * 4))
                    continue
                attempt += 1
                permanent = deadletters.permanent_failure(exc)
                if permanent is not None or attempt == attempts:
                    reason, error = permanent or ("handler_failed", "".join(
                        traceback.format_exception_only(exc)).strip())
                    await self._dead_letter(msg, event, reason=reason, error=error, attempts=attempt)
                    return
                await asyncio.sleep(self.settings.consumer_retry_base_s * 2 ** (attempt - 1))

    async def _dead_letter(self, msg, event: ev.Envelope | None, *, reason: str, error: str, attempts: int) -> None:
        # The table first: if it cannot be written, the loop fails before the offset is committed and the
        # message is consumed again, so it is never dropped unrecorded.
        await deadletters.store(self.db, consumer=self.sub.consumer, msg=msg, event=event, reason=reason,
                                error=error, attempts=attempts)
        headers = list(msg.headers or ()) + [
            ("dlq-reason", reason.encode()),
            ("dlq-error", error[:2000].encode()),
            ("dlq-consumer", self.sub.consumer.encode()),
            ("dlq-source-topic", msg.topic.encode()),
            ("dlq-source-partition", str(msg.partition).encode()),
            ("dlq-source-offset", str(msg.offset).encode()),
            ("dlq-attempts", str(attempts).encode()),
        ]
        await send_dead_letter(self.producer, msg.topic, key=msg.key, value=msg.value, headers=headers)
        DLQ_EVENTS.labels(msg.topic, self.sub.consumer, reason).inc()
        EVENTS_PRODUCED.labels(f"{msg.topic}.dlq").inc()
        log.error("event dead-lettered", topic=msg.topic, offset=msg.offset, reason=reason, error=error[:300])

