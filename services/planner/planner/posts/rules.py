"""Per-network limits from the catalogue (``smmkit.catalogue``), checked when a post is planned, never at publish time.

``check`` takes every target being planned in one request (a post or a whole import) and what is already
planned for those accounts, and returns every violation: which target, which rule, which limit.
"""
from __future__ import annotations

import bisect
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import orjson

from smmkit.catalogue import CATALOGUE, Media, Violation

# What a post.scheduled carries besides the target's text and ``Planned.carried_bytes``: ids, times, the
# account reference and the envelope (generously).
EVENT_OVERHEAD_BYTES = 2048


def media_of(media: list[dict]) -> list[Media]:
    """The catalogue's view of a post's media (``MediaRef`` dicts): kind, and size where declared."""
    return [Media(m["kind"], m.get("size_bytes")) for m in media]


@dataclass
class Planned:
    """One target about to be planned."""

    ref: str                 # how the caller names it: "targets[0]", "row 17"
    account_id: uuid.UUID
    network: str
    handle: str
    timezone: str
    text: str
    media: list[Media]
    scheduled_at: datetime
    exclude_target_id: uuid.UUID | None = None  # a reschedule does not compete with itself
    carried_bytes: int = 0   # JSON of the media, links and labels its post.scheduled carries too


def carried_bytes(**carried) -> int:
    return len(orjson.dumps(carried))


@dataclass
class Existing:
    """What is already planned, per account (times) and for X, the texts in use per account."""

    times: dict[uuid.UUID, list[datetime]] = field(default_factory=lambda: defaultdict(list))
    x_texts: dict[str, set[uuid.UUID]] = field(default_factory=lambda: defaultdict(set))


def violation(p: Planned, rule: str, limit, actual, detail: str) -> dict:
    return {"target": p.ref, "account_id": str(p.account_id), "network": p.network, "handle": p.handle,
            "rule": rule, "limit": limit, "actual": actual, "detail": detail}


def check_content(p: Planned) -> list[dict]:
    """The text and media rules of the network's catalogue entry: the same check the adapter and sandbox run."""
    spec = CATALOGUE.get(p.network)
    if spec is None:
        return []
    return [_as_dict(p, v) for v in spec.check(p.text, p.media)]


def _as_dict(p: Planned, v: Violation) -> dict:
    return violation(p, v.rule, v.limit, v.actual, v.detail)


def check_event_size(p: Planned, max_event_bytes: int | None) -> list[dict]:
    """The post.scheduled this target becomes is built by SQL at dispatch, past the unit of work's size check:
    it must fit EVENT_MAX_BYTES, checked now, while the author can still shorten the post."""
    if max_event_bytes is None:
        return []
    size = len(orjson.dumps(p.text)) + p.carried_bytes + EVENT_OVERHEAD_BYTES
    if size <= max_event_bytes:
        return []
    return [violation(p, "event_size", max_event_bytes, size, f"its post.scheduled event would be about {size} "
                                                              f"bytes; events are limited to {max_event_bytes}")]


def check(planned: list[Planned], existing: Existing, *, max_event_bytes: int | None = None) -> list[dict]:
    """Every violation among ``planned``; targets accepted earlier in the list count against later ones."""
    out: list[dict] = []
    times = {k: sorted(v) for k, v in existing.times.items()}
    x_texts = existing.x_texts
    local_days: dict[tuple[uuid.UUID, object], int] = {}
    for p in planned:
        errs = check_content(p) + check_event_size(p, max_event_bytes)
        r = CATALOGUE.get(p.network)
        if r is not None:
            if r.duplicate_text_across_accounts:
                others = x_texts.get(p.text, set()) - {p.account_id}
                if others:
                    errs.append(violation(p, "duplicate_text", "one X account per identical text", len(others) + 1,
                                          "X rejects identical text on several accounts"))
            acc_times = times.setdefault(p.account_id, [])
            if r.daily_quota is not None:
                tz = ZoneInfo(p.timezone)
                day = p.scheduled_at.astimezone(tz).date()
                key = (p.account_id, day)
                if key not in local_days:
                    local_days[key] = sum(1 for t in acc_times if t.astimezone(tz).date() == day)
                if local_days[key] + 1 > r.daily_quota:
                    errs.append(violation(p, "daily_quota", r.daily_quota, local_days[key] + 1,
                                          f"{p.network} allows {r.daily_quota} posts a day; {day} already has "
                                          f"{local_days[key]} planned"))
            if r.rolling_quota is not None:
                limit, window = r.rolling_quota
                worst = _worst_window(acc_times, p.scheduled_at, window)
                if worst + 1 > limit:
                    hours = window.total_seconds() / 3600
                    errs.append(violation(p, "rolling_quota", limit, worst + 1,
                                          f"{p.network} allows {limit} posts per {hours:g} h; a window around "
                                          f"{p.scheduled_at.isoformat()} already has {worst}"))
        if errs:
            out.extend(errs)
            continue
        # accepted: it counts against what follows
        if r is not None:
            bisect.insort(times.setdefault(p.account_id, []), p.scheduled_at)
            if r.daily_quota is not None:
                local_days[(p.account_id, p.scheduled_at.astimezone(ZoneInfo(p.timezone)).date())] += 1
            if r.duplicate_text_across_accounts:
                x_texts[p.text].add(p.account_id)
    return out


def _worst_window(times: list[datetime], t: datetime, window: timedelta) -> int:
    """Most existing posts in any half-open window of length ``window`` that contains ``t``."""
    lo = bisect.bisect_right(times, t - window)
    hi = bisect.bisect_left(times, t + window)
    worst = 0
    # windows (q - window, q] with q in [t, t + window): q at t or at an existing time after t
    ends = [t] + [q for q in times[bisect.bisect_left(times, t):hi]]
    for q in ends:
        n = bisect.bisect_right(times, q) - bisect.bisect_right(times, q - window)
        worst = max(worst, n)
    del lo
    return worst
