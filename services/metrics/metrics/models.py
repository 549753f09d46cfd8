"""Every table of the metrics schema, imported in one place for Alembic."""
from metrics.db import Base  # noqa: F401
from metrics.engagement.models import EngagementPoint, TrackedTarget  # noqa: F401
