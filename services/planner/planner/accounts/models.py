import uuid
from datetime import datetime

from sqlalchemy import Index, func
from sqlalchemy.orm import Mapped, mapped_column

from planner.db import Base


class Account(Base):
    """A social account a tenant plans for. Its credentials live in the publisher, never here."""

    __tablename__ = "accounts"
    __table_args__ = (Index("ix_accounts_tenant", "tenant_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    brand_id: Mapped[uuid.UUID | None]
    network: Mapped[str]
    handle: Mapped[str]
    account_ref: Mapped[str]
    timezone: Mapped[str] = mapped_column(default="UTC")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
