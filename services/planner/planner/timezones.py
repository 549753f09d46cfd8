"""Local wall-clock time ↔ UTC, with one policy for DST gaps and folds.

* A local time that does not exist (spring forward, e.g. 02:30 in Europe/Berlin on the last Sunday of March)
  moves forward by the length of the gap: 02:30 → 03:30 local.
* A local time that occurs twice (fall back, e.g. 01:30 in America/New_York on the first Sunday of November)
  means its first occurrence (the earlier UTC instant, ``fold=0``).

Everything is stored as aware UTC; zones are IANA names checked against the tz database.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smmkit.problems import DomainError

UTC = timezone.utc


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DomainError(f"unknown IANA time zone {name!r}", rule="timezone") from None


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A naive local wall-clock time in ``tz`` → aware UTC (gap: forward by the gap; fold: first occurrence)."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    # fold=0 reads a gap time with the offset in force before the change, which lands after the gap.
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def local_day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a local calendar day in UTC (23 or 25 hours on change days)."""
    return to_utc(datetime.combine(day, time()), tz), to_utc(datetime.combine(day + timedelta(days=1), time()), tz)


def in_zone(value: datetime | None, tz: ZoneInfo | None) -> datetime | None:
    if value is None or tz is None:
        return value
    return value.astimezone(tz)


def parse_when(raw: str, tz_name: str | None, default_tz: str = "UTC") -> datetime:
    """ISO 8601 with an offset, or a naive local time read in ``tz_name`` (else ``default_tz``)."""
    value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return to_utc(value, zone(tz_name or default_tz))
