"""Every table of the attribution schema, imported in one place for Alembic."""
from attribution.db import Base  # noqa: F401
from attribution.orders.models import Order, OrderCredit, PublishedTarget  # noqa: F401
