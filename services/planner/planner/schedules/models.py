import uuid
from datetime import datetime, time
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from planner.db import Base


class ScheduleSlot(Base):
    """A weekly posting slot of one account, in the account's own time zone."""

    __tablename__ = "schedule_slots"
    __table_args__ = (Index("ix_slots_account", "tenant_id", "account_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    weekday: Mapped[int]  # 0 = Monday
    local_time: Mapped[time]


class Recurrence(Base):
    """A recurring post: an RFC 5545 RRULE over local wall-clock times, materialized lazily into posts."""

    __tablename__ = "recurrences"
    __table_args__ = (Index("ix_recurrences_due", "materialized_until", postgresql_where=text("active")),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    brand_id: Mapped[uuid.UUID | None]
    rrule: Mapped[str]
    dtstart_local: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    timezone: Mapped[str]
    text: Mapped[str]
    account_ids: Mapped[list[Any]] = mapped_column(JSONB)
    media: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    links: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    campaign: Mapped[str | None]
    pillar: Mapped[str | None]
    language: Mapped[str | None]
    active: Mapped[bool] = mapped_column(default=True)
    materialized_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
