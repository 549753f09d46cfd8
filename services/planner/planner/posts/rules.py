"""Per-network limits, checked when a post is planned (``shared/reference/networks.md``), never at publish time.

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

import regex

_GRAPHEME = regex.compile(r"\X")


def graphemes(text: str) -> int:
    return len(_GRAPHEME.findall(text))


@dataclass(frozen=True)
class NetworkRules:
    max_text: int
    count: str = "chars"                      # "chars" | "graphemes"
    max_text_with_media: int | None = None    # Telegram captions
    max_images: int = 0
    max_videos: int = 0                       # videos and GIFs
    min_images: int = 0                       # if images are present at all (LinkedIn multi-image: 2..20 is "at least 1")
    mixed_media: bool = False                 # images and a video together
    documents: int = 0
    media_required: bool = False
    duplicate_text_across_accounts: bool = False
    daily_quota: int | None = None            # per local calendar day of the account
    rolling_quota: tuple[int, timedelta] | None = None  # at most N in any window of this length


RULES: dict[str, NetworkRules] = {
    "x": NetworkRules(max_text=280, max_images=4, max_videos=1, duplicate_text_across_accounts=True,
                      rolling_quota=(100, timedelta(minutes=15))),
    "facebook": NetworkRules(max_text=63_206, max_images=10, max_videos=1),
    "instagram": NetworkRules(max_text=2_200, max_images=10, max_videos=10, mixed_media=True, media_required=True,
                              rolling_quota=(25, timedelta(hours=24))),
    "linkedin": NetworkRules(max_text=3_000, max_images=20, max_videos=1, documents=1, daily_quota=150),
    "telegram": NetworkRules(max_text=4_096, max_text_with_media=1_024, max_images=10, max_videos=10, mixed_media=True,
                             documents=10),
    "vk": NetworkRules(max_text=2_048, max_images=10, max_videos=10, mixed_media=True, daily_quota=50),
    "mastodon": NetworkRules(max_text=500, max_images=4, max_videos=1),
    "bluesky": NetworkRules(max_text=300, count="graphemes", max_images=4, max_videos=1),
    "threads": NetworkRules(max_text=500, max_images=20, max_videos=20, mixed_media=True,
                            rolling_quota=(250, timedelta(hours=24))),
}
MAX_HASHTAGS = {"instagram": 30}
_HASHTAG = regex.compile(r"(?<!\w)#\w+")


@dataclass
class Planned:
    """One target about to be planned."""

    ref: str                 # how the caller names it: "targets[0]", "row 17"
    account_id: uuid.UUID
    network: str
    handle: str
    timezone: str
    text: str
    media_kinds: list[str]
    scheduled_at: datetime
    exclude_target_id: uuid.UUID | None = None  # a reschedule does not compete with itself


@dataclass
class Existing:
    """What is already planned, per account (times) and for X, the texts in use per account."""

    times: dict[uuid.UUID, list[datetime]] = field(default_factory=lambda: defaultdict(list))
    x_texts: dict[str, set[uuid.UUID]] = field(default_factory=lambda: defaultdict(set))


def violation(p: Planned, rule: str, limit, actual, detail: str) -> dict:
    return {"target": p.ref, "account_id": str(p.account_id), "network": p.network, "handle": p.handle,
            "rule": rule, "limit": limit, "actual": actual, "detail": detail}


def check_content(p: Planned) -> list[dict]:
    r = RULES.get(p.network)
    if r is None:
        return []
    out = []
    n = graphemes(p.text) if r.count == "graphemes" else len(p.text)
    limit = r.max_text_with_media if (r.max_text_with_media and p.media_kinds) else r.max_text
    if n > limit:
        unit = "graphemes" if r.count == "graphemes" else "characters"
        rule = "caption_length" if limit != r.max_text else "text_length"
        out.append(violation(p, rule, limit, n, f"{p.network} allows {limit} {unit}, the text has {n}"))
    tags = MAX_HASHTAGS.get(p.network)
    if tags is not None and len(_HASHTAG.findall(p.text)) > tags:
        out.append(violation(p, "hashtags", tags, len(_HASHTAG.findall(p.text)), f"{p.network} allows {tags} hashtags"))
    images = sum(k == "image" for k in p.media_kinds)
    videos = sum(k in ("video", "gif") for k in p.media_kinds)
    docs = sum(k == "document" for k in p.media_kinds)
    if r.media_required and not p.media_kinds:
        out.append(violation(p, "media_required", 1, 0, f"{p.network} posts need at least one image or video"))
    if images > r.max_images:
        out.append(violation(p, "media_count", r.max_images, images, f"{p.network} allows {r.max_images} images"))
    if videos > r.max_videos:
        out.append(violation(p, "media_count", r.max_videos, videos, f"{p.network} allows {r.max_videos} video/GIF"))
    if docs > r.documents:
        out.append(violation(p, "media_kind", r.documents, docs, f"{p.network} does not take {docs} document(s)"))
    if images and videos and not r.mixed_media:
        out.append(violation(p, "media_kind", "images or video", f"{images} images + {videos} video",
                             f"{p.network} takes images or one video, not both"))
    if docs and (images or videos) and not r.mixed_media:
        out.append(violation(p, "media_kind", "document alone", f"{docs} document + {images + videos} media",
                             f"{p.network} takes a document alone"))
    return out


def check(planned: list[Planned], existing: Existing) -> list[dict]:
    """Every violation among ``planned``; targets accepted earlier in the list count against later ones."""
    out: list[dict] = []
    times = {k: sorted(v) for k, v in existing.times.items()}
    x_texts = existing.x_texts
    local_days: dict[tuple[uuid.UUID, object], int] = {}
    for p in planned:
        errs = check_content(p)
        r = RULES.get(p.network)
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
