import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class ChannelRuleSet(Base):
    """One saved version of a tenant's channel rules. Never edited: a change is a new version (version 0, the
    built-in defaults, is not stored), so a visit's ``rules_version`` always says which rules classified it."""

    __tablename__ = "channel_rule_sets"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(primary_key=True)
    rules: Mapped[list[Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime]


class Reclassification(Base):
    """A job classifying a tenant's stored visits in [since, until) again with one rule set version.

    The worker moves through the visits in (visited_at, page_view_id) order; the last one done is the cursor,
    saved with the progress in the batch's own transaction, so a crash resumes after the last committed batch.
    ``leased_until``: the worker holding it; another takes it over once that has passed. At most one job per
    tenant is queued or running (the partial unique index).
    """

    __tablename__ = "channel_reclassifications"
    __table_args__ = (
        Index("ix_channel_reclassifications_tenant", "tenant_id", "created_at", "id"),
        Index("ix_channel_reclassifications_active", "tenant_id", unique=True,
              postgresql_where=text("status IN ('queued', 'running')")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    status: Mapped[str]                       # queued | running | done | failed
    since: Mapped[datetime]
    until: Mapped[datetime]
    version: Mapped[int]
    total: Mapped[int | None]
    done: Mapped[int]
    changed: Mapped[int]
    cursor_visited_at: Mapped[datetime | None]
    cursor_page_view_id: Mapped[str | None]
    leased_until: Mapped[datetime | None]
    error: Mapped[str | None]
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
