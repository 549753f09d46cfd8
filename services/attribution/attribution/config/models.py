import uuid
from datetime import datetime

from sqlalchemy import LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from attribution.db import Base

DEFAULT_CLICK_WINDOW_S = 7 * 24 * 3600
DEFAULT_HALF_LIFE_S = 7 * 24 * 3600
DEFAULT_ROI_ALERT_WEEKS = 3


class TenantConfig(Base):
    """Per-tenant attribution knobs; a tenant without a row gets the defaults."""

    __tablename__ = "tenant_config"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    click_window_s: Mapped[int] = mapped_column(default=DEFAULT_CLICK_WINDOW_S)
    half_life_s: Mapped[int] = mapped_column(default=DEFAULT_HALF_LIFE_S)
    gross_margin_bp: Mapped[int | None]          # basis points of revenue kept as gross profit; None = 100 %
    roi_alert_weeks: Mapped[int] = mapped_column(default=DEFAULT_ROI_ALERT_WEEKS)
    alert_webhook_url: Mapped[str | None]
    alert_webhook_secret: Mapped[bytes | None] = mapped_column(LargeBinary)   # SecretBox-encrypted secret ring
    # failed deliveries in a row to alert_webhook_url; at ATTRIBUTION_WEBHOOK_DISABLE_AFTER it is disabled
    alert_webhook_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    alert_webhook_disabled_at: Mapped[datetime | None]
    alert_webhook_disabled_reason: Mapped[str | None]
    updated_at: Mapped[datetime]


class ShopSecret(Base):
    """A tenant's webhook signing secret for one shop platform, encrypted at rest."""

    __tablename__ = "shop_secrets"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(primary_key=True)    # shopify | woocommerce
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime]
