import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class EngagementDelta(Base):
    """One ``engagement.updated`` event's change, keyed by (target, seq): a replay changes nothing."""

    __tablename__ = "engagement_deltas"
    __table_args__ = (Index("ix_engagement_tenant_time", "tenant_id", "observed_at"),)

    tenant_id: Mapped[uuid.UUID]
    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    observed_at: Mapped[datetime]
    engagement: Mapped[int] = mapped_column(BigInteger)   # likes + reposts + comments + clicks of this delta
