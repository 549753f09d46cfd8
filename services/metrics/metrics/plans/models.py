import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from metrics.db import Base


class TenantSchedule(Base):
    """A tenant's own polling bands ``[[until_s, every_s], ...]`` (its plan is the operator's: ``smmkit.plans``)."""

    __tablename__ = "tenant_schedules"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # What the tenant chose before plans were the operator's; no longer read (a migration may drop it)
    plan: Mapped[str] = mapped_column(default="standard")
    bands: Mapped[list[Any] | None] = mapped_column(JSONB)
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
