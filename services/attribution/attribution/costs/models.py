import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class Cost(Base):
    """Money spent on SMM for a period (both days inclusive), optionally tied to a campaign, network, brand ..."""

    __tablename__ = "costs"
    __table_args__ = (Index("ix_costs_tenant_period", "tenant_id", "period_start"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    kind: Mapped[str]                # salaries | content | boost | tools | other
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str]
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    campaign: Mapped[str | None]
    network: Mapped[str | None]
    brand_id: Mapped[uuid.UUID | None]
    account_id: Mapped[uuid.UUID | None]
    pillar: Mapped[str | None]
    note: Mapped[str | None]
    created_at: Mapped[datetime]
