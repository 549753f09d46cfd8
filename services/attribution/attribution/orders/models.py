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
        # re-joining when a click or a post arrives looks orders up by click id and visitor
        Index("ix_orders_click", "tenant_id", "click_id", postgresql_where=text("click_id IS NOT NULL")),
        Index("ix_orders_visitor", "tenant_id", "visitor_id", postgresql_where=text("visitor_id IS NOT NULL")),
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
    status: Mapped[str] = mapped_column(default="created")   # created | cancelled | refunded (fully)
    attributed_at: Mapped[datetime | None]   # None: no post joined yet (it may still arrive)
    landing_url: Mapped[str | None]
    referrer: Mapped[str | None]
    refunded_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    evidence: Mapped[str | None]             # click_id | visitor | utm_content | promo_code
    target_id: Mapped[uuid.UUID | None]      # the deciding (last) touch


class OrderCredit(Base):
    """Revenue of one order credited to one post target under one model.

    Denormalised (time, currency, net after reversals, customer) so a report reads this table alone.
    """

    __tablename__ = "order_credits"
    __table_args__ = (
        Index("ix_credits_tenant_target", "tenant_id", "target_id"),
        Index("ix_credits_report", "tenant_id", "model", "ordered_at"),
    )

    order_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(primary_key=True)
    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str]
    ordered_at: Mapped[datetime | None]
    net_minor: Mapped[int | None] = mapped_column(BigInteger)   # amount after cancellation / refunds
    counted: Mapped[bool] = mapped_column(default=True, server_default="true")   # False once cancelled/refunded
    customer_key: Mapped[str | None]


class OrderTouch(Base):
    """The journey behind one order: the touches, oldest first, the last one deciding.

    A touch is a tracked post (``target_id`` set, channel ``social_tracked``: a click, its utm_content or its
    promo code) or a site visit of another channel (``target_id`` null, ``page_view_id`` set).
    """

    __tablename__ = "order_touches"
    __table_args__ = (
        Index("ix_touches_click", "tenant_id", "click_id", postgresql_where=text("click_id IS NOT NULL")),
    )

    order_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    target_id: Mapped[uuid.UUID | None]      # None: a visit of a channel other than our tracked posts
    touched_at: Mapped[datetime]
    kind: Mapped[str]                        # click | visit | utm_content | promo_code
    click_id: Mapped[str | None]
    channel: Mapped[str] = mapped_column(default="social_tracked", server_default="social_tracked")
    page_view_id: Mapped[str | None]


class ChannelCredit(Base):
    """Revenue of one order credited to one channel under one model, over the whole journey.

    The channel-level twin of ``OrderCredit``: an order's post credits add up to its ``social_tracked``
    channel credit under every per-journey model.
    """

    __tablename__ = "channel_credits"
    __table_args__ = (Index("ix_channel_credits_report", "tenant_id", "model", "ordered_at"),)

    order_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str]
    ordered_at: Mapped[datetime | None]
    net_minor: Mapped[int | None] = mapped_column(BigInteger)
    counted: Mapped[bool] = mapped_column(default=True, server_default="true")
    customer_key: Mapped[str | None]


class Customer(Base):
    """When each customer first ordered from the tenant (for new customers and CAC)."""

    __tablename__ = "customers"
    # the report rollup reads new customers by day (``reports.rollup``)
    __table_args__ = (Index("ix_customers_first_order", "tenant_id", "first_order_at"),)

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    customer_key: Mapped[str] = mapped_column(primary_key=True)
    first_order_at: Mapped[datetime]


class PromoCode(Base):
    """A promo code the tenant gave to exactly one post target."""

    __tablename__ = "promo_codes"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(primary_key=True)    # upper-cased, trimmed
    target_id: Mapped[uuid.UUID]
    created_at: Mapped[datetime]


class WebhookReceipt(Base):
    """A shop webhook delivery already handled (Shopify/WooCommerce deliver at least once)."""

    __tablename__ = "webhook_receipts"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(primary_key=True)
    delivery_id: Mapped[str] = mapped_column(primary_key=True)
    received_at: Mapped[datetime]


class OrderAdjustment(Base):
    """A cancellation or refund; kept so it applies even when it arrives before its order."""

    __tablename__ = "order_adjustments"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    order_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(primary_key=True)      # "cancel" or the refund's id
    kind: Mapped[str]                                        # cancelled | refund
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    at: Mapped[datetime]
