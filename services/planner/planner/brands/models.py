import uuid
from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from planner.db import Base


class Brand(Base):
    """A workspace inside a tenant: its accounts, and whether its posts need approval."""

    __tablename__ = "brands"
    __table_args__ = (Index("ix_brands_tenant", "tenant_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    name: Mapped[str]
    approval_required: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Campaign(Base):
    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("tenant_id", "name", name="uq_campaigns_tenant_name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    brand_id: Mapped[uuid.UUID | None]
    name: Mapped[str]
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Pillar(Base):
    """A content pillar with the share of posts it should get (percent)."""

    __tablename__ = "pillars"
    __table_args__ = (UniqueConstraint("tenant_id", "name", name="uq_pillars_tenant_name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    name: Mapped[str]
    target_share_pct: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
