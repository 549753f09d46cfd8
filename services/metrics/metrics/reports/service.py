"""Reports over the engagement series: daily aggregates, engagement rate, top posts, best times.

Daily values are *gains*: for each target, the last reading of a day minus the last reading
of its previous day (raw points and downsampled daily points alike), summed over targets.
A counter the network cannot give stays null (``sum`` of nulls), never 0.
"""
import uuid
from collections import defaultdict
from datetime import date
from statistics import mean
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from metrics.accounts import service as accounts
from metrics.accounts.models import FollowerPoint
from metrics.engagement.models import TrackedTarget
from metrics.reports import schemas as s
from metrics.reports.priors import prior

COUNTERS = ("likes", "reposts", "comments", "views", "clicks")
INTERACTIONS = ("likes", "reposts", "comments")


def _daily_sql(where: str) -> sa.TextClause:
    cols = ", ".join(COUNTERS)
    gains = ", ".join(f"{c} - COALESCE(lag({c}) OVER w, 0) AS {c}" for c in COUNTERS)
    sums = ", ".join(f"sum({c})::bigint AS {c}" for c in COUNTERS)
    return sa.text(f"""
WITH pts AS (
    SELECT target_id, observed_at, {cols} FROM metrics.engagement_points WHERE tenant_id = :tenant
    UNION ALL
    SELECT target_id, observed_at, {cols} FROM metrics.engagement_daily WHERE tenant_id = :tenant
), eod AS (
    SELECT DISTINCT ON (pts.target_id, (pts.observed_at AT TIME ZONE 'UTC')::date)
           pts.target_id, (pts.observed_at AT TIME ZONE 'UTC')::date AS day, {', '.join('pts.' + c for c in COUNTERS)}
    FROM pts JOIN metrics.tracked_targets t ON t.target_id = pts.target_id AND t.tenant_id = :tenant
    WHERE {where}
    ORDER BY pts.target_id, (pts.observed_at AT TIME ZONE 'UTC')::date, pts.observed_at DESC
), gains AS (
    SELECT target_id, day, {gains} FROM eod WINDOW w AS (PARTITION BY target_id ORDER BY day)
)
SELECT day, count(DISTINCT target_id) AS posts, {sums}
FROM gains WHERE day >= :since AND day <= :until GROUP BY day ORDER BY day
""")


async def daily(*, session: AsyncSession, tenant_id: uuid.UUID, since: date, until: date,
                account_id: uuid.UUID | None = None, network: str | None = None) -> list[s.DailyRow]:
    where, params = ["TRUE"], {"tenant": tenant_id, "since": since, "until": until}
    if account_id is not None:
        where.append("t.account_id = :account_id")
        params["account_id"] = account_id
    if network is not None:
        where.append("t.network = :network")
        params["network"] = network
    rows = await session.execute(_daily_sql(" AND ".join(where)), params)
    return [s.DailyRow(**row._mapping) for row in rows]


def _interactions(values: dict) -> int | None:
    known = [values.get(c) for c in INTERACTIONS if values.get(c) is not None]
    return sum(known) if known else None


async def engagement_rate(*, session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID, since: date,
                          until: date) -> s.EngagementRate:
    """Interactions (likes + reposts + comments) gained in the period per follower."""
    await accounts.get(session=session, tenant_id=tenant_id, account_id=account_id)
    rows = await daily(session=session, tenant_id=tenant_id, since=since, until=until, account_id=account_id)
    followers = list(await session.scalars(select(FollowerPoint).where(
        FollowerPoint.tenant_id == tenant_id, FollowerPoint.account_id == account_id).order_by(FollowerPoint.day)))

    def followers_on(day: date) -> int | None:
        known = [f.followers for f in followers if f.day <= day and f.followers is not None]
        return known[-1] if known else next((f.followers for f in followers if f.followers is not None), None)

    days = []
    for row in rows:
        n, f = _interactions(row.model_dump()), followers_on(row.day)
        days.append(s.RateRow(day=row.day, interactions=n, followers=f, rate=n / f if n is not None and f else None))
    known = [d.interactions for d in days if d.interactions is not None]
    total = sum(known) if known else None
    latest = followers_on(until)
    posts = await session.scalar(select(sa.func.count()).select_from(TrackedTarget).where(
        TrackedTarget.tenant_id == tenant_id, TrackedTarget.account_id == account_id,
        sa.func.date(sa.func.timezone("UTC", TrackedTarget.published_at)).between(since, until)))
    rate = total / latest if total is not None and latest else None
    return s.EngagementRate(account_id=account_id, interactions=total, followers=latest, posts=posts or 0, rate=rate,
                            rate_per_post=rate / posts if rate is not None and posts else None, days=days)


def _metric_expr(metric: str):
    totals = TrackedTarget.last_totals
    if metric == "interactions":
        parts = [sa.cast(totals[c].astext, sa.Integer) for c in INTERACTIONS]
        return sa.func.coalesce(parts[0], 0) + sa.func.coalesce(parts[1], 0) + sa.func.coalesce(parts[2], 0)
    return sa.cast(totals[metric].astext, sa.Integer)


async def top_posts(*, session: AsyncSession, tenant_id: uuid.UUID, metric: str, since: date, until: date,
                    limit: int, network: str | None = None, account_id: uuid.UUID | None = None) -> s.TopPosts:
    """Posts published in the period, best first by their latest value of ``metric`` (unknown values left out)."""
    value = _metric_expr(metric).label("value")
    stmt = (select(TrackedTarget, value).where(
        TrackedTarget.tenant_id == tenant_id, TrackedTarget.last_totals.is_not(None),
        sa.func.date(sa.func.timezone("UTC", TrackedTarget.published_at)).between(since, until))
        .order_by(value.desc().nulls_last(), TrackedTarget.published_at).limit(limit))
    if metric != "interactions":
        stmt = stmt.where(TrackedTarget.last_totals[metric].astext.is_not(None))
    if network is not None:
        stmt = stmt.where(TrackedTarget.network == network)
    if account_id is not None:
        stmt = stmt.where(TrackedTarget.account_id == account_id)
    rows = (await session.execute(stmt)).all()
    return s.TopPosts(metric=metric, posts=[s.TopPost(
        target_id=t.target_id, account_id=t.account_id, network=t.network, url=t.url, published_at=t.published_at,
        value=v, deleted=t.deleted) for t, v in rows if v is not None])


async def best_times(*, session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID, metric: str,
                     min_samples: int = 3) -> s.Heatmap:
    """Weekday × hour (account's zone) of this account's posts, scored by ``metric`` relative to its average.

    A cell with at least ``min_samples`` posts is its own history; a thinner one is blended
    with the network-wide prior, ``(n·history + k·prior) / (n + k)`` with ``k = min_samples``;
    an empty one is the prior.
    """
    account = await accounts.get(session=session, tenant_id=tenant_id, account_id=account_id)
    zone = ZoneInfo(account.timezone)
    value = _metric_expr(metric)
    rows = (await session.execute(select(TrackedTarget.published_at, value).where(
        TrackedTarget.tenant_id == tenant_id, TrackedTarget.account_id == account_id,
        TrackedTarget.last_totals.is_not(None)))).all()
    samples: dict[tuple[int, int], list[int]] = defaultdict(list)
    for published_at, v in rows:
        if v is not None:
            local = published_at.astimezone(zone)
            samples[(local.weekday(), local.hour)].append(v)
    every = [v for vs in samples.values() for v in vs]
    average = mean(every) if every and mean(every) > 0 else None
    cells = []
    for weekday in range(7):
        for hour in range(24):
            p, values = prior(account.network, weekday, hour), samples.get((weekday, hour), [])
            n = len(values)
            if n == 0 or average is None:
                score, source = p, "prior"
            else:
                history = mean(values) / average
                score, source = ((history, "history") if n >= min_samples
                                 else ((n * history + min_samples * p) / (n + min_samples), "blended"))
            cells.append(s.HeatCell(weekday=weekday, hour=hour, samples=n, score=round(score, 4), source=source))
    best = sorted(cells, key=lambda c: (-c.score, -c.samples))[:5]
    return s.Heatmap(account_id=account_id, network=account.network, timezone=account.timezone, metric=metric,
                     samples=len(every), min_samples=min_samples, cells=cells, best=best)
