import uuid
from datetime import date, datetime

from sqlalchemy import Index, LargeBinary, func, text
from sqlalchemy.orm import Mapped, mapped_column

from metrics.db import Base
from metrics.polling.models import PollingHealth
from smmkit.accounts import KnownAccountColumns


class MetricsAccount(PollingHealth, Base):
    """A social account metrics reads from, with its OWN read credentials (Fernet-encrypted).

    Metrics never receives credentials over Kafka: ``post.published`` carries no secrets, so the
    tenant registers read credentials here (``PUT /accounts/{id}/credentials``), exactly as it
    does with the publisher. ``timezone`` is the account's IANA zone, for the best-time heatmap.
    Its polling health is about account-level reads (followers); an auth failure stops its posts too.
    """

    __tablename__ = "accounts"
    __table_args__ = (Index("ix_accounts_followers_due", "next_followers_at",
                            postgresql_where=text("next_followers_at IS NOT NULL")),)

    account_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    network: Mapped[str]
    account_ref: Mapped[str]
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    timezone: Mapped[str] = mapped_column(default="UTC")
    next_followers_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())

    @property
    def polling_status(self) -> str:
        return "stopped" if self.stopped_at else "active"


class FollowerPoint(Base):
    """One follower count per account and day (the last reading of that day wins)."""

    __tablename__ = "follower_points"
    __table_args__ = (Index("ix_followers_tenant_day", "tenant_id", "day"),)

    account_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    followers: Mapped[int | None]
    observed_at: Mapped[datetime]


class KnownAccount(KnownAccountColumns, Base):
    """An account the planner created (``account.created``): read credentials are accepted only for these."""

    __tablename__ = "known_accounts"
