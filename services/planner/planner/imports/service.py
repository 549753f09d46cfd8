"""Bulk import of posts from CSV or JSON: every row validated, every bad row reported with its reason.

Columns / keys: ``scheduled_at`` (ISO 8601 with an offset, or a local time read in ``timezone``; a time without
either is refused, never guessed), ``timezone``, ``accounts`` (ids or handles, separated by ``|``, ``;`` or spaces; a list in JSON), ``text``,
``media_urls`` (``|`` or spaces; a list in JSON), ``pillar``, ``campaign``, ``language`` (a BCP 47 tag: en, pt-BR).

All or nothing: a file with a bad row imports nothing, unless ``only_valid`` asks for the good rows.
The good rows are written with one INSERT per table (arrays, not per-row statements).
"""
from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select

from planner.accounts.models import Account
from planner.imports.schemas import MAX_BYTES, MAX_ROWS
from planner.brands.models import Brand
from planner.brands import service as brands
from planner.plans import service as plan
from planner.posts import rules
from planner.posts import service as posts
from planner.posts.models import PostStatus, TargetStatus
from planner.timezones import UTC, to_utc
from smmkit.db import UnitOfWork
from smmkit.problems import DomainError, NotFound
from smmkit.events import MediaRef
from smmkit.validation import IanaZone, Label, LanguageTag, PostText, WallOrMoment

SCHEMA = Account.__table__.schema
_SPLIT = re.compile(r"[|;\s]+")
_VIDEO = (".mp4", ".mov", ".webm", ".m4v")
_DOC = (".pdf", ".doc", ".docx", ".ppt", ".pptx")
# Each cell is checked as the same field of POST /posts is, so an imported row is always storable.
_TEXT, _LABEL, _LANGUAGE, _MEDIA, _WHEN, _ZONE = (
    TypeAdapter(t) for t in (PostText, Label | None, LanguageTag | None, MediaRef, WallOrMoment, IanaZone | None))


class ImportRejected(DomainError):
    title = "Import rejected"


@dataclass
class Row:
    line: int
    text: str = ""
    when: datetime | None = None
    accounts: list[Account] = field(default_factory=list)
    media: list[dict] = field(default_factory=list)
    pillar: str | None = None
    campaign: str | None = None
    language: str | None = None
    errors: list[str] = field(default_factory=list)
    brand_id: uuid.UUID | None = None
    review: bool = False


def _media_kind(url: str) -> str:
    path = url.split("?", 1)[0].lower()
    if path.endswith(_VIDEO):
        return "video"
    if path.endswith(".gif"):
        return "gif"
    if path.endswith(_DOC):
        return "document"
    return "image"


def parse(content: bytes, fmt: str) -> list[tuple[int, dict]]:
    """(line or index, raw record) pairs; a file that is not CSV/JSON at all is one 422."""
    if len(content) > MAX_BYTES:
        raise ImportRejected(f"at most {MAX_BYTES} bytes per file", rule="size", limit=MAX_BYTES)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected("the file is not UTF-8", rule="encoding") from None
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportRejected(f"not JSON: {exc}", rule="format") from None
        if isinstance(data, dict):
            data = data.get("rows") or data.get("posts")
        if not isinstance(data, list):
            raise ImportRejected("JSON must be a list of rows (or {\"rows\": [...]})", rule="format")
        records = list(enumerate(data, start=1))
    else:
        try:
            reader = csv.DictReader(io.StringIO(text))
            missing = {"scheduled_at", "accounts", "text"} - set(reader.fieldnames or ())
            if missing:
                raise ImportRejected(f"CSV header lacks: {', '.join(sorted(missing))}", rule="format")
            records = [(i, r) for i, r in enumerate(reader, start=2)]  # line 1 is the header
        except csv.Error as exc:  # a stray newline in an unquoted field, a NUL ...
            raise ImportRejected(f"not CSV: {exc}", rule="format") from None
    if len(records) > MAX_ROWS:
        raise ImportRejected(f"at most {MAX_ROWS} rows per file", rule="size", limit=MAX_ROWS)
    return records


def _checked(row: Row, what: str, adapter: TypeAdapter, value):
    """``value`` as ``adapter`` takes it, or None with the reason added to the row's errors."""
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        row.errors.append(f"{what}: {exc.errors()[0]['msg']}")
        return None


def _cell(rec: dict, key: str) -> str:
    """A cell as text: CSV cells are strings already, a JSON row may hold a number or anything else."""
    value = rec.get(key)
    return "" if value is None else (value if isinstance(value, str) else str(value)).strip()


def _listish(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v for v in _SPLIT.split(str(value).strip()) if v]


async def import_posts(*, uow: UnitOfWork, tenant_id: uuid.UUID, content: bytes, fmt: str,
                       only_valid: bool = False, brand_id: uuid.UUID | None = None, actor: str = "import",
                       dry_run: bool = False) -> dict:
    """``dry_run``: every row checked as an import would check it, every bad row reported, nothing saved."""
    records = parse(content, fmt)
    session = uow.session
    accounts = list(await session.scalars(select(Account).where(Account.tenant_id == tenant_id)))
    by_key: dict[str, Account] = {}
    for a in accounts:
        by_key[str(a.id)] = a
        by_key.setdefault(a.handle, a)
        by_key.setdefault(a.handle.lower(), a)
    pillars = await brands.pillar_names(session=session, tenant_id=tenant_id)
    campaigns = await brands.campaign_ranges(session=session, tenant_id=tenant_id)
    brand_rows = await session.execute(select(Brand.id, Brand.approval_required).where(Brand.tenant_id == tenant_id))
    review_of = dict(brand_rows.all())
    if brand_id is not None and brand_id not in review_of:
        raise NotFound(f"brand {brand_id} not found")
    zones: dict[str, ZoneInfo | None] = {}

    def zone_of(name: str) -> ZoneInfo | None:
        if name not in zones:
            try:
                zones[name] = ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                zones[name] = None
        return zones[name]

    rows: list[Row] = []
    for line, rec in records:
        row = Row(line=line)
        rows.append(row)
        if not isinstance(rec, dict):
            row.errors.append("row is not an object")
            continue
        row.text = _checked(row, "text", _TEXT, _cell(rec, "text")) or ""
        if not row.text and not row.errors:
            row.errors.append("text is empty")
        for key in _listish(rec.get("accounts")):
            acc = by_key.get(key) or by_key.get(key.lower())
            if acc is None:
                row.errors.append(f"unknown account {key!r}")
            else:
                row.accounts.append(acc)
        if row.accounts:
            try:
                row.brand_id = brands.brand_of(row.accounts, brand_id)
                row.review = review_of.get(row.brand_id, False)
            except DomainError as exc:
                row.errors.append(exc.detail)
        if not row.accounts and not any(e.startswith("unknown account") for e in row.errors):
            row.errors.append("no accounts")
        tz_name = _cell(rec, "timezone")
        tz = zone_of(zone) if (zone := _checked(row, "timezone", _ZONE, tz_name or None)) else None
        raw_when = _cell(rec, "scheduled_at")
        try:
            when = datetime.fromisoformat(raw_when.replace("Z", "+00:00"))
        except ValueError:
            row.errors.append(f"scheduled_at {raw_when!r} is not an ISO 8601 date-time")
        else:
            when = _checked(row, "scheduled_at", _WHEN, when)
            if when is not None and when.tzinfo is not None:
                row.when = when.astimezone(UTC)
            elif when is not None and tz is not None:
                row.when = to_utc(when, tz)
            elif when is not None and not tz_name:
                row.errors.append("scheduled_at has no UTC offset and the row names no timezone")
        media = rec.get("media_urls")
        for item in media if isinstance(media, list) else _listish(media):
            url = str(item.get("url") or "") if isinstance(item, dict) else str(item)
            if not url.startswith(("https://", "http://")):
                row.errors.append(f"media URL {url!r} is not http(s)")
                continue
            kind = item.get("kind") if isinstance(item, dict) and item.get("kind") else _media_kind(url)
            if (ref := _checked(row, "media", _MEDIA, {"url": url, "kind": kind})) is not None:
                row.media.append(ref.model_dump(exclude_none=True))
        row.pillar = _checked(row, "pillar", _LABEL, _cell(rec, "pillar") or None)
        row.campaign = _checked(row, "campaign", _LABEL, _cell(rec, "campaign") or None)
        row.language = _checked(row, "language", _LANGUAGE, _cell(rec, "language") or None)
        local_day = (row.when.astimezone(zone_of(row.accounts[0].timezone) or UTC).date()
                     if row.when is not None and row.accounts else None)
        for _rule, reason in brands.check_pillar_and_campaign(
                pillar=row.pillar, campaign=row.campaign if local_day else None, pillars=pillars,
                campaigns=campaigns, local_day=local_day):
            row.errors.append(reason)

    planned: list[rules.Planned] = []
    row_of: dict[str, Row] = {}
    for row in rows:
        if row.errors:
            continue
        media = rules.media_of(row.media)
        carried = rules.carried_bytes(media=row.media, campaign=row.campaign, pillar=row.pillar)
        for a in row.accounts:
            ref = f"row {row.line}"
            row_of[ref] = row
            planned.append(rules.Planned(ref=ref, account_id=a.id, network=a.network, handle=a.handle,
                                         timezone=a.timezone, text=row.text, media=media, scheduled_at=row.when,
                                         carried_bytes=carried))
    if not dry_run:
        await plan.lock_posts(uow.session, tenant_id)  # before existing_for locks the accounts, as posts.create
    if planned:
        existing = await posts.existing_for(uow=uow, tenant_id=tenant_id, planned=planned)
        for v in rules.check(planned, existing, max_event_bytes=uow.db.max_event_bytes):
            row_of[v["target"]].errors.append(f"{v['network']} {v['handle']}: {v['rule']}: {v['detail']}")

    bad = [{"row": r.line, "reasons": r.errors} for r in rows if r.errors]
    good = [r for r in rows if not r.errors]
    if dry_run:
        return {"rows": len(rows), "imported": 0, "valid": len(good),
                "targets": sum(len(r.accounts) for r in good), "in_review": sum(1 for r in good if r.review),
                "errors": bad, "post_ids": []}
    if bad and not only_valid:
        raise ImportRejected(f"{len(bad)} of {len(rows)} row(s) are invalid; nothing was imported",
                             rule="invalid_rows", errors=bad, imported=0)
    await plan.hold_posts(uow.session, tenant_id, adding=len(good))  # the whole file or nothing
    post_ids: list[uuid.UUID] = []
    by_status = {PostStatus.SCHEDULED: [r for r in good if not r.review],
                 PostStatus.IN_REVIEW: [r for r in good if r.review]}
    for status, group in by_status.items():
        ids = await _insert(uow, tenant_id, group, status)
        post_ids += ids
        if not ids:
            continue
        if status == PostStatus.IN_REVIEW:
            await posts.record(uow, tenant_id=tenant_id, post_ids=ids, from_status=None,
                               to_status=PostStatus.DRAFT, actor=actor)
            await posts.record(uow, tenant_id=tenant_id, post_ids=ids, from_status=PostStatus.DRAFT,
                               to_status=PostStatus.IN_REVIEW, actor=actor, note="approval required by the brand")
        else:
            await posts.record(uow, tenant_id=tenant_id, post_ids=ids, from_status=None, to_status=status,
                               actor=actor)
    return {"rows": len(rows), "imported": len(good), "targets": sum(len(r.accounts) for r in good),
            "in_review": len(by_status[PostStatus.IN_REVIEW]), "errors": bad,
            "post_ids": [str(p) for p in post_ids]}


async def _insert(uow: UnitOfWork, tenant_id: uuid.UUID, good: list[Row], status: str) -> list[uuid.UUID]:
    if not good:
        return []
    post_ids = [uuid.uuid4() for _ in good]
    media = [json.dumps(r.media) for r in good]
    await uow.session.execute(sa.text(f"""
        INSERT INTO {SCHEMA}.posts (id, tenant_id, brand_id, text, campaign, pillar, language, links, media, tags,
                                     status, created_at)
        SELECT u.id, :tenant, u.brand, u.text, u.campaign, u.pillar, u.language, '[]'::jsonb, u.media::jsonb,
               '[]'::jsonb, :status, now()
          FROM unnest(CAST(:ids AS uuid[]), CAST(:brands AS uuid[]), CAST(:texts AS text[]),
                      CAST(:campaigns AS text[]), CAST(:pillars AS text[]), CAST(:languages AS text[]),
                      CAST(:media AS text[]))
               AS u(id, brand, text, campaign, pillar, language, media)"""),
        {"tenant": tenant_id, "status": status, "ids": post_ids, "brands": [r.brand_id for r in good],
         "texts": [r.text for r in good], "campaigns": [r.campaign for r in good],
         "pillars": [r.pillar for r in good], "languages": [r.language for r in good], "media": media})
    t_post, t_account, t_network, t_when = [], [], [], []
    for pid, r in zip(post_ids, good):
        for a in r.accounts:
            t_post.append(pid)
            t_account.append(a.id)
            t_network.append(a.network)
            t_when.append(r.when)
    target_status = TargetStatus.SCHEDULED if status == PostStatus.SCHEDULED else TargetStatus.PENDING
    await uow.session.execute(sa.text(f"""
        INSERT INTO {SCHEMA}.post_targets (id, tenant_id, post_id, account_id, network, status, scheduled_at,
                                           dispatch_count)
        SELECT gen_random_uuid(), :tenant, u.post_id, u.account_id, u.network, :status, u.at, 0
          FROM unnest(CAST(:posts AS uuid[]), CAST(:accounts AS uuid[]), CAST(:networks AS text[]),
                      CAST(:ats AS timestamptz[])) AS u(post_id, account_id, network, at)"""),
        {"tenant": tenant_id, "status": target_status, "posts": t_post, "accounts": t_account,
         "networks": t_network, "ats": t_when})
    return post_ids
