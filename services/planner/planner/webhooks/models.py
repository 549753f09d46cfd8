import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, func, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column
import sqlalchemy as sa

from planner.db import Base


class Webhook(Base):
    """A tenant's URL told when a post is published or fails; its signing secret is encrypted at rest."""

    __tablename__ = "webhooks"
    __table_args__ = (Index("ix_webhooks_tenant", "tenant_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    url: Mapped[str]
    events: Mapped[list[str]] = mapped_column(ARRAY(sa.Text))
    secret_encrypted: Mapped[bytes] = mapped_column(LargeBinary)  # the secret ring (smmkit.webhooks)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    # failed attempts in a row; at PLANNER_WEBHOOK_DISABLE_AFTER the endpoint is disabled (webhook.disabled)
    consecutive_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    disabled_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None]


class DeliveryStatus:
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        Index("ix_deliveries_tenant", "tenant_id", "webhook_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    webhook_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    event_type: Mapped[str]
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(server_default=func.now())
    last_error: Mapped[str | None]
    last_status_code: Mapped[int | None]   # the receiver's answer to the last attempt (None: no answer)
    last_attempt_at: Mapped[datetime | None]
    last_duration_ms: Mapped[int | None]
    redeliveries: Mapped[int] = mapped_column(default=0, server_default="0")
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
