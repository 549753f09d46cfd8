"""Database plumbing: engines, the per-service schema base, the outbox/inbox tables and the unit of work.

Each service owns one PostgreSQL schema. Its models derive from ``service_base(schema)``,
which also declares that schema's ``outbox``, ``inbox`` and ``dead_letters`` tables, so the state
change, the events it causes and the inbox record of the event that caused it commit together.
"""
from __future__ import annotations

import asyncio
import uuid
from http import HTTPStatus
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from smmkit import events as ev
from smmkit import tracing
from smmkit.problems import DomainError
from smmkit.settings import DEFAULT_EVENT_MAX_BYTES


def async_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs (what operators paste) and use asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix):]
    return url


def make_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    return create_async_engine(async_url(url), pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


@dataclass(frozen=True)
class MessagingTables:
    outbox: sa.Table
    inbox: sa.Table
    dead_letters: sa.Table
    broker_epoch: sa.Table


def messaging_tables(metadata: sa.MetaData) -> MessagingTables:
    outbox = sa.Table(
        "outbox", metadata,
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("tenant_id", UUID(as_uuid=True), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        # W3C traceparent of the span that wrote the row (smmkit.tracing); the relay sends it as a header
        sa.Column("traceparent", sa.Text),
        sa.Index("ix_outbox_unsent", "id", postgresql_where=sa.text("sent_at IS NULL")),
    )
    inbox = sa.Table(
        "inbox", metadata,
        sa.Column("consumer", sa.Text, primary_key=True),
        sa.Column("event_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    # What this service's consumers dead-lettered, kept here because the broker may not keep the .dlq topic
    # (tansu forgets everything on restart); an operator lists and replays them (``smmkit.deadletters``).
    dead_letters = sa.Table(
        "dead_letters", metadata,
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("consumer", sa.Text, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("source_partition", sa.Integer, nullable=False),
        sa.Column("source_offset", sa.BigInteger, nullable=False),
        sa.Column("event_id", UUID(as_uuid=True)),
        sa.Column("tenant_id", UUID(as_uuid=True)),
        sa.Column("body", sa.LargeBinary),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("dead_lettered_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("replayed_at", sa.DateTime(timezone=True)),
        sa.Column("replays", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("consumer", "event_id", name="uq_dead_letters_consumer_event"),
        sa.Index("ix_dead_letters_time", "dead_lettered_at"),
    )
    # The cluster id of the broker this service last sent its outbox to: a new one means the broker lost
    # its data, and the outbox is sent again (``smmkit.brokerwatch``). One row.
    broker_epoch = sa.Table(
        "broker_epoch", metadata,
        sa.Column("id", sa.SmallInteger, primary_key=True),
        sa.Column("cluster_id", sa.Text, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("id = 1", name="ck_broker_epoch_one_row"),
    )
    return MessagingTables(outbox, inbox, dead_letters, broker_epoch)


class MessagingStatements:
    """Set-based SQL for the hot path: one statement per batch, whatever its size (arrays, not VALUES lists)."""

    def __init__(self, messaging: MessagingTables):
        inbox, outbox = messaging.inbox, messaging.outbox
        self.claim_inbox = sa.text(
            f"INSERT INTO {inbox.schema}.{inbox.name} (consumer, event_id) "
            "SELECT :consumer, unnest(CAST(:event_ids AS uuid[])) ON CONFLICT DO NOTHING RETURNING event_id"
        ).bindparams(sa.bindparam("event_ids", type_=ARRAY(UUID(as_uuid=True))))
        self.write_outbox = sa.text(
            f"INSERT INTO {outbox.schema}.{outbox.name} (event_id, topic, key, tenant_id, body, traceparent) "
            "SELECT * FROM unnest(CAST(:event_ids AS uuid[]), CAST(:topics AS text[]), CAST(:keys AS text[]), "
            "CAST(:tenant_ids AS uuid[]), CAST(:bodies AS bytea[]), CAST(:traceparents AS text[]))"
        ).bindparams(
            sa.bindparam("event_ids", type_=ARRAY(UUID(as_uuid=True))),
            sa.bindparam("topics", type_=ARRAY(sa.Text)),
            sa.bindparam("keys", type_=ARRAY(sa.Text)),
            sa.bindparam("tenant_ids", type_=ARRAY(UUID(as_uuid=True))),
            sa.bindparam("bodies", type_=ARRAY(sa.LargeBinary)),
            sa.bindparam("traceparents", type_=ARRAY(sa.Text)),
        )


def service_base(schema: str) -> type[DeclarativeBase]:
    """A declarative base bound to one service's schema, with its outbox and inbox."""

    class Base(DeclarativeBase):
        metadata = sa.MetaData(schema=schema)
        type_annotation_map = {dict[str, Any]: JSONB, uuid.UUID: UUID(as_uuid=True), datetime: sa.DateTime(timezone=True)}

    Base.messaging = messaging_tables(Base.metadata)  # type: ignore[attr-defined]
    return Base


class EventTooLarge(DomainError):
    """An event over ``EVENT_MAX_BYTES``: refused before the outbox, where it would hold up the relay."""

    status = 413
    title = HTTPStatus(413).phrase  # as every other 413 (problems._title)


class Database:
    """One engine and session factory per process, plus a wake-up for the outbox relay."""

    def __init__(self, url: str, messaging: MessagingTables, *, pool_size: int = 10,
                 max_event_bytes: int = DEFAULT_EVENT_MAX_BYTES):
        self.max_event_bytes = max_event_bytes
        self.engine = make_engine(url, pool_size=pool_size)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self.messaging = messaging
        self.outbox_written = asyncio.Event()
        self.statements = MessagingStatements(messaging)
        self.redis = None  # the process's Redis, for handlers that delete a tenant's keys (smmkit.offboarding)

    def uow(self) -> "UnitOfWork":
        return UnitOfWork(self)

    async def dispose(self) -> None:
        await self.engine.dispose()


class UnitOfWork:
    """One transaction: state changes, the events they cause (outbox) and the inbox claim commit together."""

    def __init__(self, db: Database):
        self.db = db
        self.session: AsyncSession = db.sessions()
        self._pending: list[ev.Envelope] = []
        self._traceparents: list[str | None] = []
        self._collected: dict[str, tuple[list, Callable[[list], Awaitable[None]]]] = {}
        self._after_commit: list[Callable[[], None]] = []

    async def __aenter__(self) -> "UnitOfWork":
        return self

    async def __aexit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            await self.session.rollback()
        await self.session.close()

    def emit(self, event: ev.Envelope) -> None:
        """Queue an event; it is written to the outbox in this transaction, with the current span's
        ``traceparent`` (the consumer's span of it is a child: ``smmkit.tracing``)."""
        self._pending.append(event)
        self._traceparents.append(tracing.current_traceparent())

    async def claim_inbox(self, consumer: str, event_ids: list[uuid.UUID]) -> set[uuid.UUID]:
        """Record events as processed by ``consumer``; return only those seen for the first time."""
        if not event_ids:
            return set()
        result = await self.session.execute(self.db.statements.claim_inbox,
                                            {"consumer": consumer, "event_ids": event_ids})
        return set(result.scalars())

    def collect(self, name: str, flush: Callable[[list], Awaitable[None]]) -> list:
        """A list the handlers of this transaction append to; ``flush(items)`` writes them all when it
        commits, so a consumed batch costs one statement, not one per event. ``flush`` may emit events."""
        if name not in self._collected:
            self._collected[name] = ([], flush)
        return self._collected[name][0]

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this transaction has committed (metrics: a rolled-back retry must not count)."""
        self._after_commit.append(callback)

    async def commit(self) -> None:
        while self._collected:
            items, flush = self._collected.pop(next(iter(self._collected)))
            await flush(items)
        if self._pending:
            bodies = [ev.encode(e) for e in self._pending]
            for event, body in zip(self._pending, bodies):
                self._refuse_if_too_large(event, body)
            await self.session.execute(self.db.statements.write_outbox, {
                "event_ids": [e.event_id for e in self._pending],
                "topics": [ev.topic_of(e).name for e in self._pending],
                "keys": [ev.key_of(e).decode() for e in self._pending],
                "tenant_ids": [e.tenant_id for e in self._pending],
                "bodies": bodies,
                "traceparents": self._traceparents,
            })
        await self.session.commit()
        if self._pending:
            self._pending, self._traceparents = [], []
            self.db.outbox_written.set()
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

    def _refuse_if_too_large(self, event: ev.Envelope, body: bytes) -> None:
        if len(body) > self.db.max_event_bytes:
            topic = ev.topic_of(event).name
            raise EventTooLarge(f"the {topic} event this causes is {len(body)} bytes; events are limited to "
                                f"{self.db.max_event_bytes} bytes (EVENT_MAX_BYTES)",
                                event_type=topic, size_bytes=len(body), limit_bytes=self.db.max_event_bytes)

    async def rollback(self) -> None:
        self._pending, self._traceparents = [], []
        self._after_commit = []
        await self.session.rollback()
