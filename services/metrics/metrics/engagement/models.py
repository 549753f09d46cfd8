import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from metrics.db import Base
from metrics.polling.models import PollingHealth


class TrackedTarget(PollingHealth, Base):
    """A published target whose engagement we collect, with its polling schedule."""

    __tablename__ = "tracked_targets"
    __table_args__ = (
        Index("ix_tracked_due", "next_poll_at", postgresql_where=text("next_poll_at IS NOT NULL")),
        Index("ix_tracked_tenant_published", "tenant_id", "published_at"),
        Index("ix_tracked_account", "tenant_id", "account_id"),
        Index("ix_tracked_external", "network", "external_id"),
        Index("ix_tracked_stopped", "tenant_id", postgresql_where=text("stopped_at IS NOT NULL")),
    )

    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    account_id: Mapped[uuid.UUID]
    network: Mapped[str]
    external_id: Mapped[str]
    url: Mapped[str]
    published_at: Mapped[datetime]
    next_poll_at: Mapped[datetime | None]   # None: polling over (too old, deleted, or stopped_at)
    seq: Mapped[int] = mapped_column(default=0)
    last_totals: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    deleted: Mapped[bool] = mapped_column(default=False)
    polls: Mapped[int] = mapped_column(default=0, server_default="0")   # poll results recorded
    polled_by: Mapped[str | None]                                        # the replica of the last one
    traceparent: Mapped[str | None]  # the span that created the row: the job continues its trace (smmkit.tracing)

    @property
    def polling_status(self) -> str:
        return "stopped" if self.stopped_at else "finished" if self.next_poll_at is None else "active"


class EngagementPoint(Base):
    """A raw reading (kept for ``raw_retention_days``, then folded into ``EngagementDaily``)."""

    __tablename__ = "engagement_points"
    __table_args__ = (
        Index("ix_points_target_time", "target_id", "observed_at"),
        Index("ix_points_tenant_time", "tenant_id", "observed_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    target_id: Mapped[uuid.UUID]
    observed_at: Mapped[datetime]
    likes: Mapped[int | None]
    reposts: Mapped[int | None]
    comments: Mapped[int | None]
    views: Mapped[int | None]
    clicks: Mapped[int | None]


class EngagementDaily(Base):
    """The last reading of a day for one target: what old raw points are downsampled to."""

    __tablename__ = "engagement_daily"
    __table_args__ = (Index("ix_daily_tenant_day", "tenant_id", "day"),)

    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    observed_at: Mapped[datetime]
    likes: Mapped[int | None]
    reposts: Mapped[int | None]
    comments: Mapped[int | None]
    views: Mapped[int | None]
    clicks: Mapped[int | None]
