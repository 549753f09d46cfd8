import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.db import Base


class TargetStatus:
    SCHEDULED = "scheduled"      # waiting for its time
    DISPATCHED = "dispatched"    # post.scheduled emitted, no answer yet
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (Index("ix_posts_tenant_created", "tenant_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    brand_id: Mapped[uuid.UUID | None]
    text: Mapped[str]
    campaign: Mapped[str | None]
    pillar: Mapped[str | None]
    links: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    media: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    targets: Mapped[list["PostTarget"]] = relationship(back_populates="post", lazy="selectin", order_by="PostTarget.scheduled_at")


class PostTarget(Base):
    """One post on one account: the unit that is scheduled, published and attributed."""

    __tablename__ = "post_targets"
    __table_args__ = (
        Index("ix_targets_due", "scheduled_at", postgresql_where=text("status = 'scheduled'")),
        Index("ix_targets_unconfirmed", "dispatched_at", postgresql_where=text("status = 'dispatched'")),
        Index("ix_targets_tenant", "tenant_id", "scheduled_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    network: Mapped[str]
    text_override: Mapped[str | None]
    status: Mapped[str] = mapped_column(default=TargetStatus.SCHEDULED)
    scheduled_at: Mapped[datetime]
    dispatched_at: Mapped[datetime | None]
    dispatch_count: Mapped[int] = mapped_column(default=0)
    external_id: Mapped[str | None]
    url: Mapped[str | None]
    published_at: Mapped[datetime | None]
    failure_reason: Mapped[str | None]

    post: Mapped[Post] = relationship(back_populates="targets")
