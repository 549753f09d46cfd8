import uuid
from datetime import datetime

from sqlalchemy import Index, text
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class SiteKey(Base):
    """A tenant's key for the site tag. The key itself is signed (tenant id + key id, HMAC), so the
    beacon is verified without this table; the table lists keys and remembers revocations."""

    __tablename__ = "site_keys"
    __table_args__ = (Index("ix_site_keys_tenant", "tenant_id", "created_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    label: Mapped[str]
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class Visit(Base):
    """One page view the site tag (or the no-JS pixel) saw, after consent.

    Kept raw enough for the channel classification to come (referrer, UTM, click ids, landing URL):
    ``channel`` and ``rules_version`` stay NULL until a classifier fills them. No IP address and no
    user agent is stored, only the coarse ``device`` class.
    """

    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_visitor", "tenant_id", "visitor_id", "visited_at"),
        Index("ix_visits_click", "tenant_id", "click_id", postgresql_where=text("click_id IS NOT NULL")),
        Index("ix_visits_time", "tenant_id", "visited_at"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    page_view_id: Mapped[str] = mapped_column(primary_key=True)   # from the tag: a retried beacon counts once
    site_key_id: Mapped[uuid.UUID]
    visitor_id: Mapped[str]
    visited_at: Mapped[datetime]
    source: Mapped[str]                       # beacon | pixel
    device: Mapped[str]                       # desktop | mobile | tablet | other
    landing_url: Mapped[str | None]
    referrer: Mapped[str | None]
    utm_source: Mapped[str | None]
    utm_medium: Mapped[str | None]
    utm_campaign: Mapped[str | None]
    utm_content: Mapped[str | None]
    utm_term: Mapped[str | None]
    click_id: Mapped[str | None]              # our tracked link's click id (settings.click_param)
    fbclid: Mapped[str | None]
    gclid: Mapped[str | None]
    ttclid: Mapped[str | None]
    yclid: Mapped[str | None]
    channel: Mapped[str | None]               # filled by the channel classification (issue 17 item 2)
    rules_version: Mapped[int | None]
