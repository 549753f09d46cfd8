"""Every table of the planner schema, imported in one place for Alembic."""
from planner.accounts.models import Account  # noqa: F401
from planner.db import Base  # noqa: F401
from planner.posts.models import Post, PostTarget  # noqa: F401
