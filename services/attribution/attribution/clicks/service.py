"""Tracked-link clicks: answered from memory and Redis, written to PostgreSQL in batches.

Hot path (``GET /r/<token>``): verify the HMAC token, push one entry to a Redis
stream, answer 302. ``flush_batch`` (run by the ``flush_clicks`` job) moves
entries from the stream into ``clicks`` with one set-based INSERT per batch,
resolving each click's tenant from ``published_targets``; clicks on a target
whose ``post.published`` has not arrived yet are stored without a tenant and
adopted by ``adopt_clicks`` when it does.
"""
from __future__ import annotations

import asyncio
import re
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from attribution.clicks.models import Click, forgotten_digest
from smmkit.db import UnitOfWork

# Link-preview and social crawlers: they fetch every shared link and are never a person.
CRAWLER_PATTERN = re.compile(
    r"telegrambot|facebookexternalhit|facebot|twitterbot|slackbot|vkshare|discordbot|linkedinbot|whatsapp|"
    r"skypeuripreview|redditbot|embedly|quora link preview|"
    r"mastodon/|pleroma|akkoma|misskey|cardyb|iframely|outbrain|bot\b|crawler|spider|preview",
    re.IGNORECASE,
)
VISITOR_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
GROUP = "flushers"


def is_crawler(user_agent: str | None) -> bool:
    """True for link-preview bots; an empty user agent is treated as a bot too (browsers always send one)."""
    return not user_agent or bool(CRAWLER_PATTERN.search(user_agent))


def valid_visitor(value: str | None) -> str | None:
    return value if value and VISITOR_RE.match(value) else None


def new_visitor_id() -> str:
    return uuid.uuid4().hex


def destination_with_click(destination: str, *, target_id: uuid.UUID, click_id: str | None, param: str) -> str:
    """The landing URL: the signed destination, ``utm_content`` = target id if missing, and the click id."""
    parts = urlsplit(destination)
    query = parse_qsl(parts.query, keep_blank_values=True)
    keys = {k.lower() for k, _ in query}
    if "utm_content" not in keys:
        query.append(("utm_content", str(target_id)))
    if click_id:
        query = [(k, v) for k, v in query if k != param] + [(param, click_id)]
    return urlunsplit(parts._replace(query=urlencode(query)))


class ClickBuffer:
    """Clicks waiting (a few milliseconds) in memory for ``ship_clicks`` to pipeline them into the Redis stream.

    The redirect only appends here, so it never waits for Redis either; a crash loses at most the
    clicks of the last shipping interval (a click is analytics, the redirect is the product).
    """

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []
        self.ready = asyncio.Event()

    def append(self, *, click_id: str, target_id: uuid.UUID, visitor_id: str, user_agent: str | None,
               referrer: str | None, at: datetime) -> None:
        self.items.append({"c": click_id, "t": str(target_id), "v": visitor_id, "a": at.isoformat(),
                           "u": (user_agent or "")[:512], "r": (referrer or "")[:1024]})
        self.ready.set()

    def take(self) -> list[dict[str, str]]:
        items, self.items = self.items, []
        self.ready.clear()
        return items


def buffer_of(runtime) -> ClickBuffer:
    buffer = getattr(runtime, "click_buffer", None)
    if buffer is None:
        buffer = runtime.click_buffer = ClickBuffer()
    return buffer


async def ship(redis, stream: str, items: list[dict[str, str]]) -> None:
    """One pipelined round trip for all buffered clicks."""
    if not items:
        return
    pipe = redis.pipeline(transaction=False)
    for item in items:
        pipe.xadd(stream, item)
    await pipe.execute()


async def ensure_group(redis, stream: str) -> None:
    try:
        await redis.xgroup_create(stream, GROUP, id="0", mkstream=True)
    except Exception as exc:  # noqa: BLE001 - BUSYGROUP: it exists already
        if "BUSYGROUP" not in str(exc):
            raise


_INSERT = sa.text(
    "INSERT INTO attribution.clicks (click_id, target_id, tenant_id, clicked_at, visitor_id, user_agent, referrer) "
    "SELECT c.click_id, c.target_id, pt.tenant_id, c.clicked_at, c.visitor_id, NULLIF(c.ua, ''), NULLIF(c.ref, '') "
    "FROM unnest(CAST(:click_ids AS text[]), CAST(:target_ids AS uuid[]), CAST(:times AS timestamptz[]), "
    "            CAST(:visitors AS text[]), CAST(:uas AS text[]), CAST(:refs AS text[])) "
    "     AS c(click_id, target_id, clicked_at, visitor_id, ua, ref) "
    "LEFT JOIN attribution.published_targets pt ON pt.target_id = c.target_id "
    # a deleted tenant's links still redirect, but record nothing (docs/offboarding.md)
    "WHERE NOT EXISTS (SELECT 1 FROM attribution.forgotten_targets f "
    f"                 WHERE f.target_digest = {forgotten_digest('c.target_id')}) "
    "ON CONFLICT (click_id) DO NOTHING "
    "RETURNING tenant_id, click_id, visitor_id"
).bindparams(
    sa.bindparam("target_ids", type_=ARRAY(UUID(as_uuid=True))),
    sa.bindparam("times", type_=ARRAY(sa.DateTime(timezone=True))),
)


async def store_clicks(*, uow: UnitOfWork, rows: list[dict]) -> list[tuple]:
    """Insert clicks (idempotent on click id); returns (tenant_id, click_id, visitor_id) of the new ones."""
    if not rows:
        return []
    result = await uow.session.execute(_INSERT, {
        "click_ids": [r["c"] for r in rows],
        "target_ids": [uuid.UUID(r["t"]) for r in rows],
        "times": [datetime.fromisoformat(r["a"]) for r in rows],
        "visitors": [r["v"] for r in rows],
        "uas": [r.get("u", "") for r in rows],
        "refs": [r.get("r", "") for r in rows],
    })
    return list(result.all())


async def flush_batch(*, db, redis, stream: str, consumer: str, count: int, block_ms: int | None = None) -> int:
    """Move one batch from the Redis stream into PostgreSQL; returns how many entries were handled."""
    from attribution.orders import service as orders

    await ensure_group(redis, stream)
    # Entries another flusher read but never acknowledged (it died) are taken over after 30 s.
    claimed = await redis.xautoclaim(stream, GROUP, consumer, min_idle_time=30_000, start_id="0-0", count=count)
    entries = list(claimed[1]) if claimed else []
    if len(entries) < count:
        fresh = await redis.xreadgroup(GROUP, consumer, {stream: ">"}, count=count - len(entries), block=block_ms)
        for _, items in fresh or []:
            entries.extend(items)
    entries = [(eid, fields) for eid, fields in entries if fields]
    if not entries:
        return 0
    rows = [{_s(k): _s(v) for k, v in fields.items()} for _, fields in entries]
    async with db.uow() as uow:
        inserted = await store_clicks(uow=uow, rows=rows)
        await orders.rejoin_for_clicks(uow=uow, clicks=inserted)
        await uow.commit()
    ids = [eid for eid, _ in entries]
    await redis.xack(stream, GROUP, *ids)
    await redis.xdel(stream, *ids)
    return len(entries)


def _s(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


async def adopt_clicks(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID) -> None:
    """The target's tenant is known now: clicks stored before ``post.published`` become that tenant's."""
    await uow.session.execute(sa.update(Click).where(Click.target_id == target_id, Click.tenant_id.is_(None))
                              .values(tenant_id=tenant_id))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
