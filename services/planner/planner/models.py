"""Every table of the planner schema, imported in one place for Alembic."""
from planner.accounts.models import Account  # noqa: F401
from planner.brands.models import Brand, Campaign, Pillar  # noqa: F401
from planner.db import Base  # noqa: F401
from planner.posts.models import Post, PostComment, PostTarget, PostTransition  # noqa: F401
from planner.schedules.models import Recurrence, ScheduleSlot  # noqa: F401
from planner.templates.models import Template  # noqa: F401
from planner.webhooks.models import Webhook, WebhookDelivery  # noqa: F401
