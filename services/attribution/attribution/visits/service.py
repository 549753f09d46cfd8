"""Site-tag visits: verified and answered from memory, written to PostgreSQL in batches.

Hot path (``POST /t/beacon``, ``GET /t/p.gif``), like the tracked-link redirect: drop crawlers, parse the
small body, verify the signed site key (HMAC, no database), refuse a visitor or IP known to be over its rate
limit (``RateLimiter``), append to an in-memory buffer and answer; nothing on it waits for Redis or
PostgreSQL. ``ship_visits`` counts the buffer against the limits in Redis and pipelines the admitted page
views into a Redis stream; ``flush_batch`` (the ``flush_visits`` job) writes a batch with one set-based
INSERT, idempotent on the tag's page-view id.

One person, one visitor: the redirect's visitor id lives in a cookie on *our* domain, the tag's on the
*shop's*, and neither can read the other. The redirect already puts its click id (``smm_click``) in the
landing URL; the tag sends that URL, the visit stores the click id, and ``linked_visitors`` joins the tag's
visitor to the visitor the click was made under (same tenant only). Orders carry the tag's visitor id.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import re
import time
import uuid
from datetime import UTC, datetime
from typing import Annotated

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from smmkit.db import UnitOfWork
from smmkit.problems import DomainError
from smmkit.validation import UrlText
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from attribution.channels import service as channels
from attribution.channels.rules import classify
from attribution.clicks import service as clicks
from attribution.visits import keys

CLICK_IDS = ("fbclid", "gclid", "ttclid", "yclid")
UTM = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
IdText = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
SiteKeyText = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_-]+$",
                                   description="The tenant's site key (POST /site-keys)")]
_MOBILE = re.compile(r"mobi|iphone|ipod|android.+mobile|windows phone", re.IGNORECASE)
_TABLET = re.compile(r"ipad|tablet|android|kindle|silk", re.IGNORECASE)


class BeaconIn(BaseModel):
    """What the tag sends (as text/plain JSON: ``sendBeacon`` then needs no CORS preflight)."""

    model_config = ConfigDict(extra="ignore")

    key: SiteKeyText
    visitor_id: IdText
    page_view_id: IdText
    url: UrlText
    referrer: UrlText | None = None


class BadBeacon(DomainError):
    status = 422
    title = "Malformed beacon"


class SiteKeyRefused(DomainError):
    status = 403
    title = "Unknown or revoked site key"


class TooManyVisits(DomainError):
    status = 429
    title = "Too many page views"


def parse_beacon(raw: bytes) -> BeaconIn:
    try:
        return BeaconIn.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BadBeacon(f"{'.'.join(map(str, first['loc'])) or 'body'}: {first['msg']}") from None


def beacon_of(**fields) -> BeaconIn:
    """The pixel's page view (its Referer header is not validated by the route), or 422."""
    try:
        return BeaconIn(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BadBeacon(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


_CACHED_AGENT_LEN = 512   # longer user agents (rare, or made up) are classified afresh: the caches stay small


def _per_agent(classify):
    """``classify(user_agent)`` cached per user agent: a shop's page views come from a few hundred distinct
    agents, and the regexes cost more than the rest of the beacon's work (bench/attribution.py)."""
    cached = functools.lru_cache(maxsize=2048)(classify)

    @functools.wraps(classify)
    def lookup(user_agent: str | None):
        if not user_agent or len(user_agent) > _CACHED_AGENT_LEN:
            return classify(user_agent)
        return cached(user_agent)
    return lookup


@_per_agent
def device_class(user_agent: str | None) -> str:
    """The only thing kept of the user agent."""
    if not user_agent:
        return "other"
    if _MOBILE.search(user_agent):
        return "mobile"
    if _TABLET.search(user_agent):
        return "tablet"
    return "desktop"


is_crawler = _per_agent(clicks.is_crawler)


@functools.lru_cache(maxsize=4096)
def _verified(secret: str, key: str) -> tuple[uuid.UUID, uuid.UUID] | None:
    # A shop's page views all carry its one key: its HMAC is checked once per process, not per page view.
    # (Bounded: a forged key is cached as refused; revocation is checked on every call below.)
    return keys.verify(secret, key)


def verify_key(runtime, key: str | None) -> tuple[uuid.UUID, uuid.UUID]:
    verified = _verified(runtime.settings.tracking_secret, key) if key else None
    if verified is None or verified[1] in keys.revoked_of(runtime).ids:
        raise SiteKeyRefused("the site key is forged, altered or revoked")
    return verified


# --------------------------------------------------------------------------
# Rate limits (Redis only)


class RateLimiter:
    """Fixed windows per (tenant, visitor) and per IP, counted in Redis only; the IP is only ever an HMAC inside
    a key that expires with its window, never stored.

    The beacon does not wait for Redis: ``ship_visits`` counts each shipped page view (one pipeline per
    wake-up), forwards only those within both limits to the stream, and remembers the keys that went over
    until their window ends. The page views in flight when a key goes over are answered 204 but dropped;
    the following ones are answered 429 at once.
    """

    def __init__(self, runtime) -> None:
        self.runtime = runtime
        self._ip_key = hmac.new(runtime.settings.tracking_secret.encode(), b"visit rate ip", hashlib.sha256).digest()
        self.blocked: dict[str, float] = {}   # rate key -> end of its window (epoch seconds)

    def keys(self, *, tenant_id: uuid.UUID, visitor_id: str, ip: str | None) -> tuple[str, str]:
        cfg = self.runtime.service_settings
        prefix = f"{cfg.visit_stream}:rate:{int(time.time() // cfg.visit_rate_window_s)}"
        digest = hmac.digest(self._ip_key, (ip or "-").encode(), "sha256").hex()[:24]
        return f"{prefix}:v:{tenant_id}:{visitor_id}", f"{prefix}:ip:{digest}"

    def check(self, visitor_key: str, ip_key: str) -> None:
        now = time.time()
        until = max(self.blocked.get(visitor_key, 0.0), self.blocked.get(ip_key, 0.0))
        if until > now:
            raise TooManyVisits("too many page views; slow down", headers={"Retry-After": str(int(until - now) + 1)})

    async def admit(self, redis, items: list[dict[str, str]]) -> list[dict[str, str]]:
        """Count the items' keys (one pipeline); the items within both limits, without their rate keys."""
        cfg = self.runtime.service_settings
        pipe = redis.pipeline(transaction=False)
        for item in items:
            for key in (item["rv"], item["ri"]):
                pipe.incr(key)
                pipe.expire(key, cfg.visit_rate_window_s * 2)
        counts = (await pipe.execute())[::2]
        now = time.time()
        window_end = (now // cfg.visit_rate_window_s + 1) * cfg.visit_rate_window_s
        self.blocked = {k: t for k, t in self.blocked.items() if t > now}
        admitted = []
        for item, per_visitor, per_ip in zip(items, counts[::2], counts[1::2], strict=True):
            visitor_key, ip_key = item.pop("rv"), item.pop("ri")
            if per_visitor > cfg.visit_rate_per_visitor:
                self.blocked[visitor_key] = window_end
            if per_ip > cfg.visit_rate_per_ip:
                self.blocked[ip_key] = window_end
            if per_visitor <= cfg.visit_rate_per_visitor and per_ip <= cfg.visit_rate_per_ip:
                admitted.append(item)
        return admitted


def limiter_of(runtime) -> RateLimiter:
    limiter = getattr(runtime, "visit_limiter", None)
    if limiter is None:
        limiter = runtime.visit_limiter = RateLimiter(runtime)
    return limiter


# --------------------------------------------------------------------------
# Buffer → Redis stream → PostgreSQL


class VisitBuffer(clicks.ClickBuffer):
    """Page views waiting in memory for ``ship_visits`` (same trade-off as the click buffer)."""

    def add(self, *, tenant_id: uuid.UUID, key_id: uuid.UUID, beacon: BeaconIn, device: str, source: str,
            at: datetime, rate_keys: tuple[str, str]) -> None:
        self.items.append({"T": str(tenant_id), "k": str(key_id), "v": beacon.visitor_id, "p": beacon.page_view_id,
                           "u": beacon.url, "r": beacon.referrer or "", "d": device, "s": source,
                           "a": at.isoformat(), "rv": rate_keys[0], "ri": rate_keys[1]})
        self.ready.set()


def buffer_of(runtime) -> VisitBuffer:
    buffer = getattr(runtime, "visit_buffer", None)
    if buffer is None:
        buffer = runtime.visit_buffer = VisitBuffer()
    return buffer


async def accept(runtime, *, beacon: BeaconIn, user_agent: str | None, ip: str | None, source: str) -> None:
    """Verify, rate-limit and buffer one page view (the caller has already dropped crawlers)."""
    tenant_id, key_id = verify_key(runtime, beacon.key)
    limiter = limiter_of(runtime)
    rate_keys = limiter.keys(tenant_id=tenant_id, visitor_id=beacon.visitor_id, ip=ip)
    limiter.check(*rate_keys)
    buffer_of(runtime).add(tenant_id=tenant_id, key_id=key_id, beacon=beacon, device=device_class(user_agent),
                           source=source, at=datetime.now(UTC), rate_keys=rate_keys)


async def ship(runtime, items: list[dict[str, str]]) -> None:
    """Count the buffered page views against the rate limits, then one pipeline of XADDs for the admitted."""
    if items:
        admitted = await limiter_of(runtime).admit(runtime.redis, items)
        await clicks.ship(runtime.redis, runtime.service_settings.visit_stream, admitted)


def classification_row(url: str | None, referrer: str | None, click_param: str) -> dict:
    """What the channel rules read of a page view: its URLs, and the UTM and click ids of its landing URL."""
    from attribution.orders.service import query_params

    params = query_params(url)
    row = {"landing_url": url or "", "referrer": referrer or "", "click_id": params.get(click_param, "")[:64]}
    for name in UTM + CLICK_IDS:
        row[name] = params.get(name, "")[:512]
    return row


def _row(fields: dict[str, str], click_param: str) -> dict:
    return {"tenant_id": uuid.UUID(fields["T"]), "page_view_id": fields["p"], "site_key_id": uuid.UUID(fields["k"]),
            "visitor_id": fields["v"], "visited_at": datetime.fromisoformat(fields["a"]), "source": fields["s"],
            "device": fields["d"], **classification_row(fields.get("u"), fields.get("r"), click_param)}


async def classify_rows(session, rows: list[dict]) -> None:
    """Each page view's channel and rules version, by its tenant's current rules (cached per process)."""
    rulesets = await channels.CACHE.for_tenants(session, {row["tenant_id"] for row in rows})
    for row in rows:
        ruleset = rulesets[row["tenant_id"]]
        row["channel"] = classify(ruleset, row)[0]
        row["rules_version"] = ruleset.version


_TEXT = ("page_view_id", "visitor_id", "source", "device", "landing_url", "referrer", *UTM, "click_id", *CLICK_IDS,
         "channel")
_OPTIONAL = {"landing_url", "referrer", *UTM, "click_id", *CLICK_IDS}
_COLUMNS = ("tenant_id", "site_key_id", "visited_at", "rules_version", *_TEXT)
_INSERT = sa.text(
    f"INSERT INTO attribution.visits ({', '.join(_COLUMNS)}) "
    f"SELECT {', '.join(f'NULLIF(x.{c}, {chr(39)}{chr(39)})' if c in _OPTIONAL else f'x.{c}' for c in _COLUMNS)} "
    "FROM unnest(CAST(:tenant_id AS uuid[]), CAST(:site_key_id AS uuid[]), CAST(:visited_at AS timestamptz[]), "
    "CAST(:rules_version AS integer[]), "
    f"{', '.join(f'CAST(:{c} AS text[])' for c in _TEXT)}) AS x({', '.join(_COLUMNS)}) "
    "ON CONFLICT (tenant_id, page_view_id) DO NOTHING "
    "RETURNING tenant_id, click_id, visitor_id"
).bindparams(
    sa.bindparam("tenant_id", type_=ARRAY(UUID(as_uuid=True))),
    sa.bindparam("site_key_id", type_=ARRAY(UUID(as_uuid=True))),
    sa.bindparam("visited_at", type_=ARRAY(sa.DateTime(timezone=True))),
    sa.bindparam("rules_version", type_=ARRAY(sa.Integer)),
)


async def store_visits(*, uow: UnitOfWork, rows: list[dict]) -> list[tuple]:
    """One INSERT for the batch (a page view already stored is skipped); (tenant, click id, visitor) of new ones.
    Rows not classified yet are classified here (``classify_rows``)."""
    if not rows:
        return []
    if any("channel" not in row for row in rows):
        await classify_rows(uow.session, [row for row in rows if "channel" not in row])
    result = await uow.session.execute(_INSERT, {c: [r[c] for r in rows] for c in _COLUMNS})
    return list(result.all())


async def flush_batch(*, db, redis, stream: str, consumer: str, count: int, click_param: str,
                      block_ms: int | None = None) -> int:
    """Move one batch from the stream into ``visits``; orders of visitors now linked to a click are re-joined."""
    from attribution.orders import service as orders

    await clicks.ensure_group(redis, stream)
    claimed = await redis.xautoclaim(stream, clicks.GROUP, consumer, min_idle_time=30_000, start_id="0-0",
                                     count=count)
    entries = list(claimed[1]) if claimed else []
    if len(entries) < count:
        fresh = await redis.xreadgroup(clicks.GROUP, consumer, {stream: ">"}, count=count - len(entries),
                                       block=block_ms)
        for _, items in fresh or []:
            entries.extend(items)
    entries = [(eid, fields) for eid, fields in entries if fields]
    if not entries:
        return 0
    rows = [_row({_s(k): _s(v) for k, v in fields.items()}, click_param) for _, fields in entries]
    async with db.uow() as uow:
        inserted = await store_visits(uow=uow, rows=rows)
        linked = [(tenant, click_id, visitor) for tenant, click_id, visitor in inserted if click_id]
        await orders.rejoin_for_clicks(uow=uow, clicks=linked)
        for tenant in {t for t, _, _ in inserted}:   # their journeys gained visits
            await orders.rejoin_for_visits(uow=uow, tenant_id=tenant,
                                           visitor_ids=[v for t, _, v in inserted if t == tenant])
        await uow.commit()
    ids = [eid for eid, _ in entries]
    await redis.xack(stream, clicks.GROUP, *ids)
    await redis.xdel(stream, *ids)
    return len(entries)


def _s(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


# --------------------------------------------------------------------------
# One person, one visitor


async def linked_visitors(session, *, tenant_id: uuid.UUID, visitor_id: str) -> list[str]:
    """The visitor and the redirect visitors whose clicks the tag saw it land with (same tenant only)."""
    found = await session.scalars(sa.text(
        "SELECT DISTINCT c.visitor_id FROM attribution.visits v JOIN attribution.clicks c "
        "  ON c.click_id = v.click_id AND c.tenant_id = v.tenant_id "
        "WHERE v.tenant_id = :t AND v.visitor_id = :v AND v.click_id IS NOT NULL"), {"t": tenant_id, "v": visitor_id})
    return sorted({visitor_id, *found})


async def tag_visitors_for_clicks(session, *, tenant_id: uuid.UUID, click_ids: list[str]) -> list[str]:
    """Tag visitors who landed with one of these click ids (a click flushed after the visit that carried it)."""
    if not click_ids:
        return []
    return list(await session.scalars(sa.text(
        "SELECT DISTINCT visitor_id FROM attribution.visits WHERE tenant_id = :t AND click_id = ANY(:ids)"
    ).bindparams(sa.bindparam("ids", type_=ARRAY(sa.Text))), {"t": tenant_id, "ids": click_ids}))
