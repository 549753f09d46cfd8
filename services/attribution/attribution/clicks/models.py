import uuid
from datetime import datetime

from sqlalchemy import Index, func, text
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class Click(Base):
    """One human click on a tracked link (crawlers are never stored).

    The signed token carries the target but no tenant, so ``tenant_id`` is filled
    from ``published_targets`` when the click is flushed, or later when the
    target's ``post.published`` arrives. Until then the click belongs to nobody
    and no query of any tenant can see it.
    """

    __tablename__ = "clicks"
    __table_args__ = (
        Index("ix_clicks_visitor", "tenant_id", "visitor_id", "clicked_at"),
        Index("ix_clicks_unowned", "target_id", postgresql_where=text("tenant_id IS NULL")),
    )

    click_id: Mapped[str] = mapped_column(primary_key=True)
    target_id: Mapped[uuid.UUID]
    tenant_id: Mapped[uuid.UUID | None]
    clicked_at: Mapped[datetime]
    visitor_id: Mapped[str]
    user_agent: Mapped[str | None]
    referrer: Mapped[str | None]


class ForgottenTarget(Base):
    """A target of a deleted tenant, by a digest of its id (``forgotten_digest``): its tracked links still
    redirect, and record no click (``smmkit.offboarding``, docs/offboarding.md)."""

    __tablename__ = "forgotten_targets"

    target_digest: Mapped[str] = mapped_column(primary_key=True)
    forgotten_at: Mapped[datetime] = mapped_column(server_default=func.now())


def forgotten_digest(target_id_sql: str) -> str:
    """SQL for a target's digest: hex SHA-256 of its id's text form."""
    return f"encode(sha256(convert_to(({target_id_sql})::text, 'UTF8')), 'hex')"
