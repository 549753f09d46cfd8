"""Every table of the attribution schema, imported in one place for Alembic."""
from attribution.alerts.models import RoiAlert, WebhookDelivery  # noqa: F401
from attribution.channels.models import ChannelRuleSet, Reclassification  # noqa: F401
from attribution.clicks.models import Click, ForgottenTarget  # noqa: F401
from attribution.config.models import ShopSecret, TenantConfig  # noqa: F401
from attribution.costs.models import Cost  # noqa: F401
from attribution.db import Base  # noqa: F401
from attribution.engagement.models import EngagementDelta  # noqa: F401
from attribution.orders.models import (  # noqa: F401
    ChannelCredit, Customer, Order, OrderAdjustment, OrderCredit, OrderTouch, PromoCode, PublishedTarget, WebhookReceipt,
)
from attribution.reports.models import ReportDay, ReportDirtyDay, ReportFirstOrders  # noqa: F401
from attribution.visits.models import SiteKey, Visit  # noqa: F401
