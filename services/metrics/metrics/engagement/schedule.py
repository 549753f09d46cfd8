"""The decaying polling schedule: often while a post is fresh, then rarely, then never.

A schedule is a tuple of bands ``(until, every)``: while the post is younger than ``until``
it is polled every ``every``. A tenant follows its plan's bands (``smmkit.plans``, ``metrics.plans``) or its own.

Spreading: thousands of posts published in the same minute must not poll in lock-step, so
every target has a fixed *phase* in [0, 1) derived from its id (a hash: the same target gets
the same phase on every replica). Within a band of interval ``every``, a target polls only in
its own slot, at ``phase * every`` past each multiple of ``every`` (UTC epoch), the next such
slot at least half an interval away. From the second poll on, a burst is therefore spread
evenly over the whole interval whatever its publication times, and each target still polls
exactly once per interval. The first poll comes ``phase * spread`` after publication
(``METRICS_FIRST_POLL_SPREAD_S``, 10 s by default, so a fresh post shows its first point
quickly; raise it where bursts of thousands are published in the same second).
"""
import hashlib
import math
import uuid
from datetime import datetime, timedelta, timezone

Schedule = tuple[tuple[timedelta, timedelta], ...]

DEFAULT_SCHEDULE: Schedule = (
    (timedelta(hours=1), timedelta(minutes=5)),
    (timedelta(days=2), timedelta(hours=1)),
    (timedelta(days=30), timedelta(days=1)),
)
FIRST_POLL_SPREAD = timedelta(seconds=10)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def phase_of(target_id: uuid.UUID) -> float:
    """A deterministic number in [0, 1) for this target."""
    return int.from_bytes(hashlib.blake2b(target_id.bytes, digest_size=8).digest(), "big") / 2**64


def first_poll_at(published_at: datetime, target_id: uuid.UUID, schedule: Schedule = DEFAULT_SCHEDULE,
                  spread: timedelta = FIRST_POLL_SPREAD) -> datetime:
    return published_at + min(schedule[0][1], spread) * phase_of(target_id)


def next_poll_at(published_at: datetime, now: datetime, schedule: Schedule = DEFAULT_SCHEDULE,
                 target_id: uuid.UUID | None = None) -> datetime | None:
    """When to poll next, or None once the post is older than the last band."""
    age = now - published_at
    for until, every in schedule:
        if age < until:
            if target_id is None:
                return now + every
            return slot_after(now, every, phase_of(target_id))
    return None


def schedule_from_bands(bands: list[list[float]]) -> Schedule:
    return tuple((timedelta(seconds=until), timedelta(seconds=every)) for until, every in bands)


def slot_after(now: datetime, every: timedelta, phase: float) -> datetime:
    """The target's next slot (``phase * every`` past a multiple of ``every``) at least every/2 from now."""
    e = every.total_seconds()
    offset = phase * e
    k = math.ceil(((now - _EPOCH).total_seconds() + e / 2 - offset) / e)
    return _EPOCH + timedelta(seconds=k * e + offset)
