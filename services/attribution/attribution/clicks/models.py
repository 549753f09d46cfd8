import uuid
from datetime import datetime

from sqlalchemy import Index, text
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
