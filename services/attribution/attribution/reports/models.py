import uuid
from datetime import date

from sqlalchemy import BigInteger, Date, Identity, Index, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base


class ReportDay(Base):
    """One day of credits rolled up per model, level, key and currency (``reports.rollup``).

    ``customers``: the distinct customers with a counted order in the line that day, as packed 64-bit hashes;
    distinct counts do not add up across days, so a report unions them.
    Level ``total`` (key null) holds each currency's day over every key: its orders are distinct across keys.
    """

    __tablename__ = "report_days"
    __table_args__ = (Index("ix_report_days_read", "tenant_id", "model", "level", "day"),)

    # Keys may be null (a post without a campaign), so they cannot be part of the primary key.
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    model: Mapped[str]
    level: Mapped[str]
    key: Mapped[str | None]
    currency: Mapped[str]
    day: Mapped[date] = mapped_column(Date)
    revenue_minor: Mapped[int] = mapped_column(BigInteger)
    orders: Mapped[int] = mapped_column(BigInteger)
    customers: Mapped[bytes | None] = mapped_column(LargeBinary)


class ReportFirstOrders(Base):
    """The customers whose first order with the tenant fell on this day, as packed 64-bit hashes."""

    __tablename__ = "report_first_orders"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    customers: Mapped[bytes] = mapped_column(LargeBinary)


class ReportDirtyDay(Base):
    """A day whose rollup rows may be stale. Append-only, so concurrent orders never wait on each other;
    the rebuild removes only the marks it has read, so a mark written meanwhile keeps the day dirty."""

    __tablename__ = "report_dirty_days"
    __table_args__ = (Index("ix_report_dirty_days_tenant_day", "tenant_id", "day"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    tenant_id: Mapped[uuid.UUID]
    day: Mapped[date] = mapped_column(Date)
