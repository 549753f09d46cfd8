"""Calendar views, iCalendar export and the content-mix report: one query each, shaped by PostgreSQL.

Times come back in the zone asked for: the transaction's ``TimeZone`` is set to it, so PostgreSQL renders
``timestamptz`` with that zone's offset and groups by that zone's calendar days.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from planner.posts.models import Post
from planner.timezones import local_day_bounds, zone
from smmkit.db import UnitOfWork
from smmkit.problems import DomainError

SCHEMA = Post.__table__.schema
MAX_DAYS = 62


@dataclass
class Filters:
    brand_id: uuid.UUID | None = None
    account_id: uuid.UUID | None = None
    network: str | None = None
    campaign: str | None = None
    pillar: str | None = None
    status: str | None = None

    def needs_posts(self) -> bool:
        return any(v is not None for v in (self.brand_id, self.campaign, self.pillar))

    def sql(self) -> tuple[str, dict]:
        clauses, params = [], {}
        for name, column in (("brand_id", "p.brand_id"), ("account_id", "t.account_id"), ("network", "t.network"),
                             ("campaign", "p.campaign"), ("pillar", "p.pillar"), ("status", "t.status")):
            value = getattr(self, name)
            if value is not None:
                clauses.append(f"{column} = :f_{name}")
                params[f"f_{name}"] = value
        return "".join(f" AND {c}" for c in clauses), params


def view_range(view: str, day: date) -> tuple[date, date]:
    """[first, last] local days of the month or ISO week containing ``day``."""
    if view == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    first = day.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


async def _set_zone(uow: UnitOfWork, tz_name: str) -> None:
    zone(tz_name)
    await uow.session.execute(sa.text("SELECT set_config('TimeZone', :tz, true)"), {"tz": tz_name})


async def calendar_json(*, uow: UnitOfWork, tenant_id: uuid.UUID, first: date, last: date, tz_name: str,
                        filters: Filters, per_day: int | None = None) -> str:
    """The days from ``first`` to ``last`` (local, inclusive) with their targets, as one JSON document.

    Every day carries its full ``count``; ``per_day`` caps the items listed per day (a month cell shows the first
    N and "+more"), ``None`` lists them all.
    """
    if last < first or (last - first).days > MAX_DAYS:
        raise DomainError(f"a calendar covers 1..{MAX_DAYS + 1} days", rule="range")
    tz = zone(tz_name)
    start, _ = local_day_bounds(first, tz)
    _, end = local_day_bounds(last, tz)
    where, params = filters.sql()
    await _set_zone(uow, tz_name)
    # Rank every target of the range per local day on post_targets alone (posts joined only when a filter needs
    # them), then fetch the fields of the listed ones: a month of 10,000 posts builds ~1,500 JSON items, not 10,000.
    posts_join = f"JOIN {SCHEMA}.posts p ON p.id = t.post_id" if filters.needs_posts() else ""
    listed = f"""
            SELECT r.day, json_agg(json_build_object(
                       'target_id', t.id, 'post_id', t.post_id, 'account_id', t.account_id, 'network', t.network,
                       'scheduled_at', t.scheduled_at, 'status', t.status, 'post_status', p.status,
                       'text', left(coalesce(t.text_override, p.text), 100), 'campaign', p.campaign,
                       'pillar', p.pillar) ORDER BY r.n) AS items
              FROM ranked r JOIN {SCHEMA}.post_targets t ON t.id = r.id JOIN {SCHEMA}.posts p ON p.id = t.post_id
             WHERE r.n <= CAST(:per_day AS int)
             GROUP BY r.day"""
    if per_day is None:  # everything listed: one pass over the joined rows
        listed = f"""
            SELECT (t.scheduled_at AT TIME ZONE :tz)::date AS day, json_agg(json_build_object(
                       'target_id', t.id, 'post_id', t.post_id, 'account_id', t.account_id, 'network', t.network,
                       'scheduled_at', t.scheduled_at, 'status', t.status, 'post_status', p.status,
                       'text', left(coalesce(t.text_override, p.text), 100), 'campaign', p.campaign,
                       'pillar', p.pillar) ORDER BY t.scheduled_at, t.id) AS items
              FROM {SCHEMA}.post_targets t JOIN {SCHEMA}.posts p ON p.id = t.post_id
             WHERE t.tenant_id = :tenant AND t.scheduled_at >= :start AND t.scheduled_at < :end {where}
             GROUP BY 1"""
    doc = await uow.session.scalar(sa.text(f"""
        WITH ranked AS (
            SELECT t.id, (t.scheduled_at AT TIME ZONE :tz)::date AS day,
                   row_number() OVER (PARTITION BY (t.scheduled_at AT TIME ZONE :tz)::date
                                      ORDER BY t.scheduled_at, t.id) AS n
              FROM {SCHEMA}.post_targets t {posts_join}
             WHERE t.tenant_id = :tenant AND t.scheduled_at >= :start AND t.scheduled_at < :end {where}),
        counts AS (SELECT day, count(*) AS n FROM ranked GROUP BY day),
        listed AS ({listed})
        SELECT json_build_object(
                 'timezone', :tz, 'from', CAST(:first AS date), 'to', CAST(:last AS date),
                 'total', coalesce((SELECT sum(n) FROM counts), 0),
                 'days', coalesce((SELECT json_agg(json_build_object(
                                              'date', d::date, 'count', coalesce(counts.n, 0),
                                              'items', coalesce(listed.items, '[]'::json)) ORDER BY d)
                                     FROM generate_series(CAST(:first AS date), CAST(:last AS date),
                                                          interval '1 day') AS d
                                     LEFT JOIN counts ON counts.day = d::date
                                     LEFT JOIN listed ON listed.day = d::date), '[]'::json))::text"""),
        {"tenant": tenant_id, "tz": tz_name, "start": start, "end": end, "first": first, "last": last,
         "per_day": per_day, **params})
    return doc


def _ics_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, cur = [], b""
    for ch in line:
        b = ch.encode()
        if len(cur) + len(b) > (75 if not parts else 74):
            parts.append(cur.decode())
            cur = b""
        cur += b
    parts.append(cur.decode())
    return "\r\n ".join(parts)


def _ics_time(at: datetime) -> str:
    return at.astimezone(zone("UTC")).strftime("%Y%m%dT%H%M%SZ")


async def ics(*, uow: UnitOfWork, tenant_id: uuid.UUID, start: datetime, end: datetime, filters: Filters,
              now: datetime) -> str:
    where, params = filters.sql()
    rows = (await uow.session.execute(sa.text(f"""
        SELECT t.id, t.network, t.status, t.scheduled_at, coalesce(t.text_override, p.text) AS text, p.campaign,
               p.pillar, t.url
          FROM {SCHEMA}.post_targets t JOIN {SCHEMA}.posts p ON p.id = t.post_id
         WHERE t.tenant_id = :tenant AND t.scheduled_at >= :start AND t.scheduled_at < :end {where}
         ORDER BY t.scheduled_at, t.id"""), {"tenant": tenant_id, "start": start, "end": end, **params})).all()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//smm-platform//planner//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:SMM plan"]
    stamp = _ics_time(now)
    for r in rows:
        summary = f"[{r.network}] {r.text.splitlines()[0][:60] if r.text else ''}"
        desc = r.text + (f"\n\ncampaign: {r.campaign}" if r.campaign else "") + (
            f"\npillar: {r.pillar}" if r.pillar else "") + (f"\n{r.url}" if r.url else "")
        lines += ["BEGIN:VEVENT", f"UID:{r.id}@smm-planner", f"DTSTAMP:{stamp}", f"DTSTART:{_ics_time(r.scheduled_at)}",
                  f"DTEND:{_ics_time(r.scheduled_at + timedelta(minutes=15))}",
                  f"SUMMARY:{_ics_escape(summary)}", f"DESCRIPTION:{_ics_escape(desc)}",
                  f"CATEGORIES:{_ics_escape(r.pillar or 'none')}",
                  f"STATUS:{'CANCELLED' if r.status == 'cancelled' else 'CONFIRMED'}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


async def content_mix(*, uow: UnitOfWork, tenant_id: uuid.UUID, first: date, last: date, tz_name: str,
                      brand_id: uuid.UUID | None, targets: dict[str, int]) -> list[dict]:
    """Per local ISO week: planned targets per pillar, their share, and the target share."""
    tz = zone(tz_name)
    start, _ = local_day_bounds(first, tz)
    _, end = local_day_bounds(last, tz)
    where, params = Filters(brand_id=brand_id).sql()
    rows = (await uow.session.execute(sa.text(f"""
        SELECT date_trunc('week', t.scheduled_at AT TIME ZONE :tz)::date AS week, coalesce(p.pillar, '') AS pillar,
               count(*) AS n
          FROM {SCHEMA}.post_targets t JOIN {SCHEMA}.posts p ON p.id = t.post_id
         WHERE t.tenant_id = :tenant AND t.scheduled_at >= :start AND t.scheduled_at < :end
           AND t.status <> 'cancelled' {where}
         GROUP BY 1, 2 ORDER BY 1, 2"""), {"tenant": tenant_id, "tz": tz_name, "start": start, "end": end,
                                           **params})).all()
    weeks: dict[date, dict[str, int]] = {}
    for week, pillar, n in rows:
        weeks.setdefault(week, {})[pillar or "(none)"] = n
    out = []
    for week, counts in sorted(weeks.items()):
        total = sum(counts.values())
        names = list(targets) + sorted(set(counts) - set(targets))
        out.append({"week_start": week.isoformat(), "total": total, "pillars": [
            {"pillar": name, "planned": counts.get(name, 0),
             "share_pct": round(100 * counts.get(name, 0) / total, 1),
             "target_pct": targets.get(name, 0),
             "delta_pct": round(100 * counts.get(name, 0) / total - targets.get(name, 0), 1)}
            for name in names]})
    return out
