import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class PublishedTarget(Base):
    """What attribution knows about a published post target (from post.published)."""

    __tablename__ = "published_targets"

    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    post_id: Mapped[uuid.UUID]
    account_id: Mapped[uuid.UUID]
    network: Mapped[str]
    campaign: Mapped[str | None]
    pillar: Mapped[str | None]
    brand_id: Mapped[uuid.UUID | None]
    published_at: Mapped[datetime]


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("tenant_id", "source", "external_id"),
        Index("ix_orders_tenant_time", "tenant_id", "ordered_at"),
        Index("ix_orders_unjoined", "tenant_id", "utm_content", postgresql_where=text("attributed_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    external_id: Mapped[str]
    source: Mapped[str]
    ordered_at: Mapped[datetime]
    customer_id: Mapped[str | None]
    visitor_id: Mapped[str | None]
    total_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str]
    utm_content: Mapped[str | None]
    click_id: Mapped[str | None]
    promo_codes: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    status: Mapped[str] = mapped_column(default="created")
    attributed_at: Mapped[datetime | None]   # None: no post joined yet (it may still arrive)


class OrderCredit(Base):
    """Revenue of one order credited to one post target under one model."""

    __tablename__ = "order_credits"
    __table_args__ = (Index("ix_credits_tenant_target", "tenant_id", "target_id"),)

    order_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(primary_key=True)
    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str]
