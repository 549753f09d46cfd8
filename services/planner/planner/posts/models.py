import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.db import Base


class PostStatus:
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"
    FINAL = ("published", "failed", "cancelled")


class TargetStatus:
    PENDING = "pending"          # its post is not scheduled yet (draft, in review, approved)
    SCHEDULED = "scheduled"      # waiting for its time
    DISPATCHED = "dispatched"    # post.scheduled emitted, no answer yet
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # What counts against a network's quota: everything planned that is not called off.
    PLANNED = ("pending", "scheduled", "dispatched", "published")


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_tenant_created", "tenant_id", "created_at"),
        UniqueConstraint("recurrence_id", "occurrence_at", name="uq_posts_occurrence"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    brand_id: Mapped[uuid.UUID | None]
    text: Mapped[str]
    campaign: Mapped[str | None]
    pillar: Mapped[str | None]
    language: Mapped[str | None]  # BCP 47, canonical form
    links: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    media: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    tags: Mapped[list[Any]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    status: Mapped[str] = mapped_column(default=PostStatus.SCHEDULED, server_default=PostStatus.SCHEDULED)
    recurrence_id: Mapped[uuid.UUID | None]
    occurrence_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    targets: Mapped[list["PostTarget"]] = relationship(back_populates="post", lazy="selectin", order_by="PostTarget.scheduled_at")


class PostTarget(Base):
    """One post on one account: the unit that is scheduled, published and attributed."""

    __tablename__ = "post_targets"
    __table_args__ = (
        Index("ix_targets_due", "scheduled_at", postgresql_where=text("status = 'scheduled'")),
        Index("ix_targets_unconfirmed", "dispatched_at", postgresql_where=text("status = 'dispatched'")),
        Index("ix_targets_tenant", "tenant_id", "scheduled_at"),
        Index("ix_targets_account", "account_id", "scheduled_at"),
        Index("ix_targets_post", "post_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    network: Mapped[str]
    text_override: Mapped[str | None]
    language_override: Mapped[str | None]  # the language of text_override, when it differs from the post's
    status: Mapped[str] = mapped_column(default=TargetStatus.SCHEDULED)
    scheduled_at: Mapped[datetime]
    dispatched_at: Mapped[datetime | None]
    dispatch_count: Mapped[int] = mapped_column(default=0)
    external_id: Mapped[str | None]
    url: Mapped[str | None]
    published_at: Mapped[datetime | None]
    failure_reason: Mapped[str | None]
    traceparent: Mapped[str | None]  # the span that created the row: the job continues its trace (smmkit.tracing)

    post: Mapped[Post] = relationship(back_populates="targets")


class PostTransition(Base):
    """Every status change of a post: from, to, who and when."""

    __tablename__ = "post_transitions"
    __table_args__ = (Index("ix_transitions_post", "tenant_id", "post_id", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    from_status: Mapped[str | None]
    to_status: Mapped[str]
    actor: Mapped[str]
    note: Mapped[str | None]
    at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class PostComment(Base):
    __tablename__ = "post_comments"
    __table_args__ = (Index("ix_comments_post", "tenant_id", "post_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    author: Mapped[str]
    body: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
