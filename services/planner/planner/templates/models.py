import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from planner.db import Base


class Template(Base):
    """A reusable format: text with {placeholders}, media, links, pillar and campaign."""

    __tablename__ = "templates"
    __table_args__ = (UniqueConstraint("tenant_id", "name", name="uq_templates_tenant_name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID]
    name: Mapped[str]
    text: Mapped[str]
    media: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    links: Mapped[list[Any]] = mapped_column(JSONB, default=list)
    pillar: Mapped[str | None]
    campaign: Mapped[str | None]
    language: Mapped[str | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
