"""Dead letters: which failures no retry can fix, where dead letters are kept, and how an operator replays them.

The consumer loop (``smmkit.bus``) dead-letters a message that is malformed, that its handler
refused as ``Unprocessable`` (e.g. its tenant does not exist), that the database rejected for
good (a value it cannot store), or whose handler kept failing. Each one goes to ``<topic>.dlq``
and, durably, to the service's ``dead_letters`` table: the broker may not keep the topic (tansu
forgets everything on restart). Every service serves ``GET /admin/dead-letters`` and
``POST /admin/dead-letters/{id}/replay`` (operator token): a replay puts the original message back
on its topic through the outbox, with its original event id, so consumers that did handle it skip it.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

import orjson
import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from smmkit import events as ev
from smmkit.db import Database
from smmkit.observability import get_logger
from smmkit.pagination import Page, PageDep, PageRequest
from smmkit.problems import Conflict, NotFound
from smmkit.tenancy import require_operator
from smmkit.validation import Label

log = get_logger(__name__)


class Unprocessable(Exception):
    """Raised by a handler for an event no retry can fix: the consumer dead-letters it at once with ``reason``."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# SQLSTATEs the same statement would meet again on every retry: class 22 (a value the column cannot hold:
# out of range, too long, bad encoding ...), a NOT NULL or a CHECK violation. Unique and foreign-key
# violations are left to retries: a concurrent writer can cause them, and the next attempt then succeeds.
_PERMANENT_SQLSTATES = ("23502", "23514")


def permanent_failure(exc: BaseException) -> tuple[str, str] | None:
    """``(reason, error)`` when retrying cannot fix ``exc``; None when it may be transient."""
    if isinstance(exc, Unprocessable):
        return exc.reason, exc.detail
    if isinstance(exc, DBAPIError):
        cause = exc.orig.__cause__ or exc.orig  # asyncpg's own exception carries the code and the message
        code = getattr(cause, "sqlstate", None) or ""
        if code.startswith("22") or code in _PERMANENT_SQLSTATES:
            return "rejected_by_database", f"{cause} (SQLSTATE {code})"
    return None


def _identity(event: ev.Envelope | None, raw: bytes | None) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(event_id, tenant_id) of a dead letter; for a malformed one, whatever of them parses."""
    if event is not None:
        return event.event_id, event.tenant_id
    try:
        data = orjson.loads(raw or b"")
    except orjson.JSONDecodeError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    return _uuid(data.get("event_id")), _uuid(data.get("tenant_id"))


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


async def store(db: Database, *, consumer: str, msg, event: ev.Envelope | None, reason: str, error: str,
                attempts: int) -> None:
    """Keep a dead letter. An event dead-lettered again (after a replay) reopens its row instead of adding one."""
    table = db.messaging.dead_letters
    event_id, tenant_id = _identity(event, msg.value)
    values = dict(consumer=consumer, topic=msg.topic, source_partition=msg.partition, source_offset=msg.offset,
                  event_id=event_id, tenant_id=tenant_id, body=msg.value, reason=reason, error=error,
                  attempts=attempts)
    stmt = pg_insert(table).values(id=uuid.uuid4(), **values)
    stmt = stmt.on_conflict_do_update(constraint="uq_dead_letters_consumer_event", set_={
        **{k: stmt.excluded[k] for k in values}, "dead_lettered_at": sa.func.now(), "replayed_at": None})
    async with db.engine.begin() as conn:
        await conn.execute(stmt)


# --- the operator API -------------------------------------------------------------------

class DeadLetterRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    consumer: str = Field(description="The consumer group that gave up on the message")
    topic: str = Field(description="The topic it came from, and goes back to on replay")
    partition: int = Field(validation_alias="source_partition")
    offset: int = Field(validation_alias="source_offset")
    event_id: uuid.UUID | None
    tenant_id: uuid.UUID | None
    reason: str = Field(description="malformed | unknown_tenant | rejected_by_database | handler_failed | ...")
    error: str = Field(description="What failed, in the words of the decoder, the handler or the database")
    attempts: int
    dead_lettered_at: datetime
    replayed_at: datetime | None = Field(description="Last replay; cleared if the event is dead-lettered again")
    replays: int
    body: str | None = Field(description="The message as received (UTF-8, undecodable bytes replaced)")


def _read(row) -> DeadLetterRead:
    data = dict(row._mapping)
    data["body"] = None if row.body is None else bytes(row.body).decode("utf-8", errors="replace")
    return DeadLetterRead.model_validate(data)


def _filtered(table, topic: str | None, tenant_id: uuid.UUID | None, status: Literal["open", "replayed", "all"]):
    """``open`` are those not replayed since they were (last) dead-lettered."""
    stmt = sa.select(table)
    if topic is not None:
        stmt = stmt.where(table.c.topic == topic)
    if tenant_id is not None:
        stmt = stmt.where(table.c.tenant_id == tenant_id)
    if status != "all":
        stmt = stmt.where(table.c.replayed_at.is_(None) if status == "open" else table.c.replayed_at.is_not(None))
    return stmt


async def list_dead_letters(*, db: Database, topic: str | None, tenant_id: uuid.UUID | None,
                            status: Literal["open", "replayed", "all"], limit: int) -> list[DeadLetterRead]:
    """The latest ``limit``, latest first."""
    table = db.messaging.dead_letters
    stmt = _filtered(table, topic, tenant_id, status).order_by(table.c.dead_lettered_at.desc(), table.c.id.desc())
    async with db.engine.connect() as conn:
        return [_read(row) for row in await conn.execute(stmt.limit(limit))]


async def dead_letters_page(*, db: Database, topic: str | None, tenant_id: uuid.UUID | None,
                            status: Literal["open", "replayed", "all"], page: PageRequest) -> dict:
    """One page, latest first (the operator's list: not bound to a tenant)."""
    table = db.messaging.dead_letters
    ks = page.keyset(_filtered(table, topic, tenant_id, status), table.c.dead_lettered_at, table.c.id,
                     descending=True)
    async with db.engine.connect() as conn:
        return ks.page((await conn.execute(ks.stmt)).all(), _read)


async def replay(*, db: Database, dead_letter_id: uuid.UUID) -> DeadLetterRead:
    """Put the original message back on its topic through the outbox, and mark the dead letter replayed."""
    table, outbox = db.messaging.dead_letters, db.messaging.outbox
    async with db.uow() as uow:
        row = (await uow.session.execute(
            sa.select(table).where(table.c.id == dead_letter_id).with_for_update())).one_or_none()
        if row is None:
            raise NotFound(f"dead letter {dead_letter_id} not found")
        try:
            event = ev.decode(row.topic, row.body)
        except ev.MalformedEvent as exc:
            raise Conflict(f"dead letter {dead_letter_id} is still malformed ({exc}): it would only be "
                           "dead-lettered again; have its producer send a corrected event") from None
        # The original bytes with the original event id: consumers that handled it already skip it (inbox).
        # This service's own outbox row of the event, if still kept, gives way to the new one.
        await uow.session.execute(sa.delete(outbox).where(outbox.c.event_id == event.event_id))
        await uow.session.execute(sa.insert(outbox).values(
            event_id=event.event_id, topic=row.topic, key=ev.key_of(event).decode(), tenant_id=event.tenant_id,
            body=row.body))
        replayed = (await uow.session.execute(sa.update(table).where(table.c.id == dead_letter_id).values(
            replayed_at=sa.func.now(), replays=table.c.replays + 1).returning(table))).one()
        uow.after_commit(db.outbox_written.set)  # wake the relay
        await uow.commit()
    log.info("dead letter replayed", dead_letter_id=str(dead_letter_id), topic=row.topic,
             event_id=str(event.event_id), tenant_id=str(event.tenant_id), replays=replayed.replays)
    return _read(replayed)


admin_router = APIRouter(prefix="/admin/dead-letters", tags=["operator admin"],
                         dependencies=[Depends(require_operator)])


def _db(request: Request) -> Database:
    return request.app.state.runtime.db


@admin_router.get("", response_model=Page[DeadLetterRead])
async def admin_list_dead_letters(
        request: Request, page: PageDep, topic: Label | None = None, tenant_id: uuid.UUID | None = None,
        status: Literal["open", "replayed", "all"] = "open",
):
    """What this service's consumers dead-lettered, latest first (one page), with the reason and where it came
    from."""
    return await dead_letters_page(db=_db(request), topic=topic, tenant_id=tenant_id, status=status, page=page)


@admin_router.post("/{dead_letter_id}/replay", status_code=202, response_model=DeadLetterRead)
async def admin_replay_dead_letter(dead_letter_id: uuid.UUID, request: Request) -> DeadLetterRead:
    """Re-publish the message to its topic (durably, through the outbox). 409 if it still does not decode."""
    return await replay(db=_db(request), dead_letter_id=dead_letter_id)
