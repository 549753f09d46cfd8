"""The columns that tell whether reads of a post or an account still run, shared by both tables."""
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy.orm import Mapped, mapped_column

# The failures that stop reads after a few in a row; "transient" and "rate_limited" never do.
StoppingKind = Literal["auth_expired", "invalid"]
STOPPING_KINDS: frozenset[str] = frozenset(get_args(StoppingKind))


class PollingHealth:
    """Reads that fail for a reason retrying cannot fix ("auth_expired", "invalid") are counted in
    ``failures`` (reset by a good read); at ``METRICS_STOP_AFTER_FAILURES`` the reads stop
    (``stopped_at``) until the account's read credentials are put again."""

    failures: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error_kind: Mapped[str | None]
    last_error: Mapped[str | None]  # the network's own message, shortened
    stopped_at: Mapped[datetime | None]

    @property
    def stopped_kind(self) -> str | None:
        return self.last_error_kind if self.stopped_at else None

    @property
    def stopped_reason(self) -> str | None:
        return self.last_error if self.stopped_at else None
