"""Every table of the metrics schema, imported in one place for Alembic."""
from metrics.accounts.models import FollowerPoint, KnownAccount, MetricsAccount  # noqa: F401
from metrics.db import Base  # noqa: F401
from metrics.engagement.models import EngagementDaily, EngagementPoint, TrackedTarget  # noqa: F401
from metrics.plans.models import TenantSchedule  # noqa: F401
