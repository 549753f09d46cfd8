import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from publisher.db import Base


class TargetState:
    RECEIVED = "received"        # waiting for its turn (first try, retry, or rate-limit delay)
    PUBLISHING = "publishing"    # a worker holds the lease and is talking to the network
    PUBLISHED = "published"
    FAILED = "failed"
    UNCERTAIN = "uncertain"      # the network may have the post; reconcile before any retry
    # The network may have the post and cannot be asked (Telegram bots cannot read a channel's
    # history), or asking after the last attempt failed too: never retried automatically; a
    # person marks it published or asks for a retry.
    NEEDS_REVIEW = "needs_review"


class PublishTarget(Base):
    """The publisher's own record of one post target: a state machine that survives restarts."""

    __tablename__ = "publish_targets"
    __table_args__ = (
        Index("ix_publish_targets_ready", "next_attempt_at",
              postgresql_where=text("state IN ('received', 'uncertain')")),
        Index("ix_publish_targets_leased", "lease_until", postgresql_where=text("state = 'publishing'")),
    )

    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    post_id: Mapped[uuid.UUID]
    account_id: Mapped[uuid.UUID]
    network: Mapped[str]
    account_ref: Mapped[str]
    text: Mapped[str]
    language: Mapped[str | None]  # BCP 47, as the planner sent it
    media: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    links: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    campaign: Mapped[str | None]
    pillar: Mapped[str | None]
    brand_id: Mapped[uuid.UUID | None]
    scheduled_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(default=TargetState.RECEIVED)
    attempts: Mapped[int] = mapped_column(default=0)
    # Claims taken over after a worker died (lease ran out): the first few are not attempts, a
    # crash says nothing about the network; beyond FREE_RECOVERIES each one counts (a poison target).
    recoveries: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    external_id: Mapped[str | None]
    url: Mapped[str | None]
    published_at: Mapped[datetime | None]
    error_kind: Mapped[str | None]
    last_error: Mapped[str | None]
    received_at: Mapped[datetime] = mapped_column(server_default=func.now())
    traceparent: Mapped[str | None]  # the span that created the row: the job continues its trace (smmkit.tracing)

    @property
    def tries(self) -> int:
        """Every time a worker took the target up, crash recoveries included."""
        return self.attempts + self.recoveries
