"""A daily rollup of ``order_credits`` and ``channel_credits`` that keeps ROI reports fast and exact over any range.

Levels: the post levels (post, target, network, account, campaign, pillar, brand) from the post credits, plus
one line per other channel keyed ``channel:<name>`` from the channel credits (``social_tracked`` is already
there as its posts); level ``channel`` (key = channel name) from the channel credits; the totals (level
``total``) from the channel credits. An order's post credits add up exactly to its ``social_tracked`` credit
(``orders.service``), so at every level the lines add up to the totals. Without site visits there are no
``channel:`` lines and the totals are the post credits' (figures as before the tag).

Per (tenant, model, level, key, currency, UTC day) a ``report_days`` row holds the net revenue, the counted
distinct orders and the distinct counted customers (packed 64-bit hashes); per (tenant, day)
``report_first_orders`` holds the customers whose first order fell on that day.

Exactness
---------
* Revenue and orders add up across days: an order lies on one day.
* Customers do not, so a report unions the days' hash sets (numpy) per line, and per currency for totals.
  New customers are those of a line's set whose first order lies in [since, until): the union of
  ``report_first_orders`` over the range. Hashes are ``hashtextextended(customer_key, 0)``: a count is off
  only if two of a tenant's customer keys collide in 64 bits (about n^2 / 2^65: 3e-9 for 300,000 customers).
* Freshness: whoever changes credits or a first order (``orders.service``) marks the (tenant, day) dirty
  in the same transaction (``mark_dirty``). A report reads rollup rows only for whole days that are not
  dirty, and aggregates the raw credits of dirty days and of the partial days at the range edges.
  ``rebuild_dirty`` (the ``rebuild_report_rollup`` job) recomputes dirty days and removes the marks it has
  read: a mark written while it ran survives, so that day is read raw until the next rebuild.

Days are UTC. Markov and Shapley credits are not rolled up (their reports are computed elsewhere).
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import numpy as np
import sqlalchemy as sa

from attribution import credit
from attribution.channels import SOCIAL_TRACKED
from attribution.reports.models import ReportDirtyDay
from smmkit.db import UnitOfWork

MODELS = tuple(m for m in credit.MODELS if m not in ("markov", "shapley"))
TOTAL = "total"
# level -> its key as text (str(uuid) and ::text agree), over order_credits c joined to published_targets p
KEY_SQL = {
    "post": "p.post_id::text", "target": "c.target_id::text", "network": "p.network",
    "account": "p.account_id::text", "campaign": "p.campaign", "pillar": "p.pillar", "brand": "p.brand_id::text",
}
CHANNEL = "channel"   # level "channel": key = channel name, from channel_credits
CHANNEL_PREFIX = "channel:"   # at the post levels, a channel other than our tracked posts is a line of its own
CHANNEL_KEY_SQL = f"'{CHANNEL_PREFIX}' || c.channel"
LEVELS = (*KEY_SQL, CHANNEL)
REBUILD_LOCK = 0x5250_4f4c_4c55_50   # pg advisory lock: one rebuilder at a time, so no day is inserted twice
ONE_DAY = timedelta(days=1)
HASH_SQL = "int8send(hashtextextended({}, 0))"


@dataclass
class Line:
    key: str | None
    currency: str
    revenue_minor: int
    orders: int
    customers: int
    new_customers: int


def utc_day(at: datetime) -> date:
    return at.astimezone(timezone.utc).date()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc)


# --------------------------------------------------------------------------
# Marking


async def mark_dirty(*, uow: UnitOfWork, tenant_id: uuid.UUID, days: set[date]) -> None:
    if days:
        await uow.session.execute(sa.insert(ReportDirtyDay), [{"tenant_id": tenant_id, "day": d} for d in days])


async def mark_target_days(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID) -> None:
    """A target published after credits named it: those credits enter the reports (usually there are none)."""
    await uow.session.execute(sa.text(
        "INSERT INTO attribution.report_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id,"
        " (ordered_at AT TIME ZONE 'UTC')::date FROM attribution.order_credits"
        " WHERE tenant_id = :t AND target_id = :target AND ordered_at IS NOT NULL"),
        {"t": tenant_id, "target": target_id})


async def mark_tenant(*, uow: UnitOfWork, tenant_id: uuid.UUID) -> None:
    """Every day of the tenant's credits and first orders (after a bulk load that bypassed the services)."""
    await uow.session.execute(sa.text(
        "INSERT INTO attribution.report_dirty_days (tenant_id, day)"
        " SELECT :t, (ordered_at AT TIME ZONE 'UTC')::date FROM attribution.order_credits"
        " WHERE tenant_id = :t AND ordered_at IS NOT NULL"
        " UNION SELECT :t, (ordered_at AT TIME ZONE 'UTC')::date FROM attribution.channel_credits"
        " WHERE tenant_id = :t AND ordered_at IS NOT NULL"
        " UNION SELECT :t, (first_order_at AT TIME ZONE 'UTC')::date FROM attribution.customers WHERE tenant_id = :t"),
        {"t": tenant_id})


# --------------------------------------------------------------------------
# Rebuilding

_DAY_ROWS = f"""
INSERT INTO attribution.report_days (tenant_id, model, level, key, currency, day, revenue_minor, orders, customers)
SELECT c.tenant_id, c.model, l.level, l.key, c.currency, (c.ordered_at AT TIME ZONE 'UTC')::date,
       coalesce(sum(c.net_minor), 0), count(DISTINCT c.order_id) FILTER (WHERE c.counted),
       CASE WHEN l.level <> '{TOTAL}' THEN coalesce(
           string_agg(DISTINCT {HASH_SQL.format('c.customer_key')}, ''::bytea) FILTER (WHERE c.counted), ''::bytea)
       END
FROM attribution.{{table}} c
JOIN unnest(CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[])) r(s, e)
  ON c.ordered_at >= r.s AND c.ordered_at < r.e
{{join}}
CROSS JOIN LATERAL ({{levels}}) l(level, key)
WHERE c.tenant_id = :t AND c.model = ANY(CAST(:models AS varchar[]))
GROUP BY c.tenant_id, c.model, l.level, l.key, c.currency, (c.ordered_at AT TIME ZONE 'UTC')::date
ORDER BY c.model, l.level   -- a level's rows of a day share a few pages: a report reads fewer
"""
_POST_LEVELS = ", ".join(f"('{level}', {sql})" for level, sql in KEY_SQL.items())
_CHANNEL_LEVELS = ", ".join(f"('{level}', {CHANNEL_KEY_SQL})" for level in KEY_SQL)
# the post levels from the post credits
_REBUILD_POST_DAYS = sa.text(_DAY_ROWS.format(
    table="order_credits",
    join="JOIN attribution.published_targets p ON p.target_id = c.target_id AND p.tenant_id = c.tenant_id",
    levels=f"VALUES {_POST_LEVELS}"))
# the channel level, the other channels' lines at the post levels (social_tracked is there as its posts), totals
_REBUILD_CHANNEL_DAYS = sa.text(_DAY_ROWS.format(
    table="channel_credits", join="",
    levels=f"SELECT * FROM (VALUES ('{CHANNEL}', c.channel), ('{TOTAL}', NULL), {_CHANNEL_LEVELS}) v(level, key)"
           f" WHERE v.level IN ('{CHANNEL}', '{TOTAL}') OR c.channel <> '{SOCIAL_TRACKED}'"))

_REBUILD_FIRST_ORDERS = sa.text(f"""
INSERT INTO attribution.report_first_orders (tenant_id, day, customers)
SELECT u.tenant_id, (u.first_order_at AT TIME ZONE 'UTC')::date,
       string_agg({HASH_SQL.format('u.customer_key')}, ''::bytea)
FROM attribution.customers u
JOIN unnest(CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[])) r(s, e)
  ON u.first_order_at >= r.s AND u.first_order_at < r.e
WHERE u.tenant_id = :t
GROUP BY u.tenant_id, (u.first_order_at AT TIME ZONE 'UTC')::date
""")


async def rebuild_days(*, uow: UnitOfWork, tenant_id: uuid.UUID, days: list[date]) -> None:
    """Recompute the rollup rows of these days from the credits and customers as they are now."""
    params = {"t": tenant_id, "days": days, "starts": [day_start(d) for d in days],
              "ends": [day_start(d + ONE_DAY) for d in days], "models": list(MODELS), "levels": [*LEVELS, TOTAL]}
    # every column of the index bound, so the delete reads only these days' entries
    await uow.session.execute(sa.text(
        "DELETE FROM attribution.report_days WHERE tenant_id = :t AND model = ANY(CAST(:models AS varchar[]))"
        " AND level = ANY(CAST(:levels AS varchar[])) AND day = ANY(:days)"), params)
    await uow.session.execute(sa.text(
        "DELETE FROM attribution.report_first_orders WHERE tenant_id = :t AND day = ANY(:days)"), params)
    await uow.session.execute(_REBUILD_POST_DAYS, params)
    await uow.session.execute(_REBUILD_CHANNEL_DAYS, params)
    await uow.session.execute(_REBUILD_FIRST_ORDERS, params)


async def rebuild_dirty(*, uow: UnitOfWork, max_days: int = 31) -> int:
    """Rebuild up to ``max_days`` dirty days (oldest marks first); returns how many. Commit afterwards."""
    if not await uow.session.scalar(sa.select(sa.func.pg_try_advisory_xact_lock(REBUILD_LOCK))):
        return 0   # another replica is rebuilding
    marks = (await uow.session.execute(sa.text(
        "SELECT id, tenant_id, day FROM attribution.report_dirty_days ORDER BY id LIMIT 10000"))).all()
    chosen: dict[uuid.UUID, set[date]] = defaultdict(set)
    ids, count = [], 0
    for mark_id, tenant_id, day in marks:
        if day not in chosen[tenant_id]:
            if count == max_days:
                continue
            chosen[tenant_id].add(day)
            count += 1
        ids.append(mark_id)
    # Marks are read before the credits: a change committed after this point left a mark we did not read.
    for tenant_id, days in chosen.items():
        await rebuild_days(uow=uow, tenant_id=tenant_id, days=sorted(days))
    if ids:
        await uow.session.execute(sa.text("DELETE FROM attribution.report_dirty_days WHERE id = ANY(:ids)"),
                                  {"ids": ids})
    return count


# --------------------------------------------------------------------------
# Reading


def _whole_days(since: datetime | None, until: datetime | None) -> tuple[date | None, date | None]:
    """[first, end) of the UTC days wholly inside [since, until) (None: unbounded; first == end: none)."""
    first = None
    if since is not None:
        first = utc_day(since)
        if day_start(first) < since:
            first += ONE_DAY
    end = None if until is None else utc_day(until)
    if first is not None and end is not None and first > end:
        end = first
    return first, end


def _raw_intervals(since: datetime | None, until: datetime | None, first: date | None, end: date | None,
                   dirty: list[date]) -> list[tuple[datetime, datetime]]:
    """The partial days at the edges and the dirty whole days, as [start, end) intervals, adjacent merged."""
    if first is not None and first == end:
        return [(since, until)]
    pieces = []
    if since is not None and since < day_start(first):
        pieces.append((since, day_start(first)))
    pieces += [(day_start(d), day_start(d + ONE_DAY)) for d in dirty]
    if until is not None and day_start(end) < until:
        pieces.append((day_start(end), until))
    merged: list[tuple[datetime, datetime]] = []
    for start, stop in pieces:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def _day_range(first: date | None, end: date | None) -> str:
    return (" AND day >= :first" if first is not None else "") + (" AND day < :end" if end is not None else "")


async def _dirty_days(uow: UnitOfWork, tenant_id: uuid.UUID, first: date | None, end: date | None) -> list[date]:
    return list(await uow.session.scalars(sa.text(
        "SELECT DISTINCT day FROM attribution.report_dirty_days WHERE tenant_id = :t"
        + _day_range(first, end) + " ORDER BY day"), {"t": tenant_id, "first": first, "end": end}))


def _raw_credits(level: str, undated: bool) -> str:
    """The report's credits of the raw intervals (and, for an unbounded report, those without a time):
    at level channel the channel credits; at the others the post credits and the other channels' credits."""
    columns = "c.currency, c.net_minor, c.order_id, c.counted, c.customer_key"
    sources = [f"SELECT c.channel AS key, {columns} FROM attribution.channel_credits c WHERE TRUE"]
    if level != CHANNEL:
        sources = [(f"SELECT {KEY_SQL[level]} AS key, {columns} FROM attribution.order_credits c"
                    " JOIN attribution.published_targets p ON p.target_id = c.target_id AND p.tenant_id = :t"
                    " WHERE TRUE"),
                   (f"SELECT {CHANNEL_KEY_SQL} AS key, {columns} FROM attribution.channel_credits c"
                    f" WHERE c.channel <> '{SOCIAL_TRACKED}'")]
    ranged = (" JOIN unnest(CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[])) r(s, e)"
              " ON c.ordered_at >= r.s AND c.ordered_at < r.e")
    parts = []
    for source in sources:
        select, _, where = source.partition(" WHERE ")
        parts.append(f"{select}{ranged} WHERE {where} AND c.tenant_id = :t AND c.model = :model")
        if undated:
            parts.append(f"{select} WHERE {where} AND c.tenant_id = :t AND c.model = :model AND c.ordered_at IS NULL")
    return " UNION ALL ".join(parts)


def _lines_sql(level: str, first: date | None, end: date | None, undated: bool) -> sa.TextClause:
    """(is_total, key, currency, revenue, orders, packed customers) from the rollup and from raw credits."""
    days = _day_range(first, end)
    return sa.text(f"""
WITH raw AS MATERIALIZED ({_raw_credits(level, undated)})
SELECT false AS is_total, key, currency, sum(revenue_minor) AS revenue_minor, sum(orders) AS orders,
       string_agg(customers, ''::bytea) AS customers
FROM attribution.report_days
WHERE tenant_id = :t AND model = :model AND level = :level{days} AND NOT (day = ANY(:dirty))
GROUP BY key, currency
UNION ALL
SELECT true, NULL, currency, sum(revenue_minor), sum(orders), NULL
FROM attribution.report_days
WHERE tenant_id = :t AND model = :model AND level = '{TOTAL}'{days} AND NOT (day = ANY(:dirty))
GROUP BY currency
UNION ALL
SELECT false, key, currency, coalesce(sum(net_minor), 0), count(DISTINCT order_id) FILTER (WHERE counted),
       string_agg({HASH_SQL.format('customer_key')}, ''::bytea) FILTER (WHERE counted)
FROM raw GROUP BY key, currency
UNION ALL
SELECT true, NULL, currency, coalesce(sum(net_minor), 0), count(DISTINCT order_id) FILTER (WHERE counted), NULL
FROM raw GROUP BY currency
""")


def _first_orders_sql(first: date | None, end: date | None) -> sa.TextClause:
    return sa.text(f"""
SELECT customers FROM attribution.report_first_orders
WHERE tenant_id = :t{_day_range(first, end)} AND NOT (day = ANY(:dirty))
UNION ALL
SELECT string_agg({HASH_SQL.format('u.customer_key')}, ''::bytea) FROM attribution.customers u
JOIN unnest(CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[])) r(s, e)
  ON u.first_order_at >= r.s AND u.first_order_at < r.e
WHERE u.tenant_id = :t
""")


def _hashes(blobs) -> np.ndarray:
    """Packed hashes as int64 (reinterpreted bytes: fine for set operations)."""
    parts = [np.frombuffer(b, dtype=np.int64) for b in blobs if b]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (``np.unique`` took 70x as long as a sort in numpy 2.4)."""
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def _in(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in ``sorted_set``."""
    if not len(values) or not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def _new_counts(line_sets: list[np.ndarray], new_set: np.ndarray | None) -> tuple[list[int], int, int]:
    """(new customers per line, customers, new customers) of one currency's lines. Lookups go to the smaller
    of the report's new or returning customers: random lookups in a large set were the report's slowest part."""
    union = _distinct(np.concatenate(line_sets)) if line_sets else np.empty(0, dtype=np.int64)
    if new_set is None:   # no range at all: every customer is new
        return [len(s) for s in line_sets], len(union), len(union)
    is_new = _in(union, new_set)
    new, returning = union[is_new], union[~is_new]
    if len(new) <= len(returning):
        counts = [int(np.count_nonzero(_in(s, new))) for s in line_sets]
    else:
        counts = [len(s) - int(np.count_nonzero(_in(s, returning))) for s in line_sets]
    return counts, len(union), len(new)


async def lines(*, uow: UnitOfWork, tenant_id: uuid.UUID, model: str, level: str, since: datetime | None,
                until: datetime | None) -> tuple[list[Line], list[Line]]:
    """Per (key, currency) lines and per-currency totals, as ``reports.service`` defines them."""
    first, end = _whole_days(since, until)
    dirty = [] if first is not None and first == end else await _dirty_days(uow, tenant_id, first, end)
    raw = _raw_intervals(since, until, first, end, dirty)
    params = {"t": tenant_id, "model": model, "level": level, "first": first, "end": end, "dirty": dirty,
              "starts": [s for s, _ in raw], "ends": [e for _, e in raw]}
    unbounded = since is None and until is None
    rows = (await uow.session.execute(_lines_sql(level, first, end, unbounded), params)).all()
    new_set = None   # unbounded: every customer is new
    if not unbounded:
        new_set = _distinct(_hashes((await uow.session.scalars(_first_orders_sql(first, end), params)).all()))

    parts: dict[tuple[bool, str | None, str], list] = {}
    for r in rows:   # a line's rollup part and raw part
        part = parts.setdefault((r.is_total, r.key, r.currency), [0, 0, []])
        part[0] += int(r.revenue_minor)
        part[1] += int(r.orders)
        part[2].append(r.customers)
    line_keys: dict[str, list[tuple[str | None, int, int]]] = defaultdict(list)
    line_sets: dict[str, list[np.ndarray]] = defaultdict(list)
    currency_totals: dict[str, tuple[int, int]] = {}
    for (is_total, key, currency), (revenue, orders, blobs) in parts.items():
        if is_total:
            currency_totals[currency] = (revenue, orders)
        else:
            line_keys[currency].append((key, revenue, orders))
            line_sets[currency].append(_distinct(_hashes(blobs)))
    out_lines, totals = [], []
    for currency in sorted(set(currency_totals) | set(line_keys)):
        # every credit of the report lies in exactly one line: the totals' customers are the lines' union
        new_counts, customers, new_customers = _new_counts(line_sets[currency], new_set)
        totals.append(Line(None, currency, *currency_totals.get(currency, (0, 0)), customers, new_customers))
        for (key, revenue, orders), line_set, new in zip(line_keys[currency], line_sets[currency], new_counts):
            out_lines.append(Line(key, currency, revenue, orders, len(line_set), new))
    return out_lines, totals
