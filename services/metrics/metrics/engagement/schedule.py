"""The decaying polling schedule: often while a post is fresh, then rarely, then never."""
from datetime import datetime, timedelta

DEFAULT_SCHEDULE: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=1), timedelta(minutes=5)),
    (timedelta(days=2), timedelta(hours=1)),
    (timedelta(days=30), timedelta(days=1)),
)


def next_poll_at(published_at: datetime, now: datetime,
                 schedule: tuple[tuple[timedelta, timedelta], ...] = DEFAULT_SCHEDULE) -> datetime | None:
    """When to poll next, or None once the post is older than the last band."""
    age = now - published_at
    for until, every in schedule:
        if age < until:
            return now + every
    return None
