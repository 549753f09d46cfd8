import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Index, LargeBinary, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class RoiAlert(Base):
    """ROI stayed below zero for N weeks up to ``week_start``; raised once per tenant, currency and week."""

    __tablename__ = "roi_alerts"
    __table_args__ = (UniqueConstraint("tenant_id", "currency", "week_start"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    currency: Mapped[str]
    week_start: Mapped[date] = mapped_column(Date)
    weeks: Mapped[int]
    rois: Mapped[list[Any]] = mapped_column(JSONB)
    raised_at: Mapped[datetime]


class WebhookDelivery(Base):
    """A signed POST to a tenant's webhook URL, retried with back-off until it answers 2xx."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_deliveries_due", "next_attempt_at", postgresql_where=text("delivered_at IS NULL AND failed_at IS NULL")),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    url: Mapped[str]
    secret: Mapped[bytes] = mapped_column(LargeBinary)   # encrypted copy of the signing secret
    body: Mapped[bytes] = mapped_column(LargeBinary)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None]
    last_status_code: Mapped[int | None]   # the receiver's answer to the last attempt (None: no answer)
    last_attempt_at: Mapped[datetime | None]
    redeliveries: Mapped[int] = mapped_column(default=0, server_default="0")
    delivered_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]

    @property
    def status(self) -> str:
        return "delivered" if self.delivered_at else "failed" if self.failed_at else "pending"

    created_at: Mapped[datetime | None] = mapped_column(server_default=func.now())
