"""Per-tenant settings and shop webhook secrets (encrypted with the runtime's SecretBox)."""
from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from attribution.config.models import (
    DEFAULT_CLICK_WINDOW_S, DEFAULT_HALF_LIFE_S, DEFAULT_ROI_ALERT_WEEKS, ShopSecret, TenantConfig,
)
from attribution.config.schemas import ConfigUpdate
from smmkit import events as ev
from smmkit import webhooks as standard
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork

PLATFORMS = ("shopify", "woocommerce")


def defaults(tenant_id: uuid.UUID) -> TenantConfig:
    return TenantConfig(tenant_id=tenant_id, click_window_s=DEFAULT_CLICK_WINDOW_S, half_life_s=DEFAULT_HALF_LIFE_S,
                        gross_margin_bp=None, roi_alert_weeks=DEFAULT_ROI_ALERT_WEEKS, alert_webhook_url=None,
                        alert_webhook_secret=None, alert_webhook_failures=0, alert_webhook_disabled_at=None,
                        alert_webhook_disabled_reason=None, updated_at=None)


async def get(*, uow: UnitOfWork, tenant_id: uuid.UUID) -> TenantConfig:
    row = await uow.session.get(TenantConfig, tenant_id)
    return row if row is not None else defaults(tenant_id)


async def update(*, uow: UnitOfWork, tenant_id: uuid.UUID, config_in: ConfigUpdate, box: SecretBox,
                 rotation_overlap: timedelta = timedelta(days=1)) -> TenantConfig:
    current = await get(uow=uow, tenant_id=tenant_id)
    values = {c: getattr(current, c) for c in ("click_window_s", "half_life_s", "gross_margin_bp", "roi_alert_weeks",
                                                  "alert_webhook_url", "alert_webhook_secret")}
    changes = config_in.model_dump(exclude_unset=True)
    secret = changes.pop("alert_webhook_secret", None)
    values.update(changes)
    fresh = defaults(tenant_id)
    for name in ("click_window_s", "half_life_s", "roi_alert_weeks"):  # null: back to the default
        if values[name] is None:
            values[name] = getattr(fresh, name)
    if secret is not None:  # a rotation: the previous secret keeps signing for the overlap (smmkit.webhooks)
        previous = box.decrypt(current.alert_webhook_secret) if current.alert_webhook_secret else {"secrets": []}
        values["alert_webhook_secret"] = box.encrypt(standard.rotated(previous, secret, overlap=rotation_overlap))
    if "alert_webhook_url" in changes or secret is not None:  # a new endpoint or secret: try it afresh
        values.update(alert_webhook_failures=0, alert_webhook_disabled_at=None, alert_webhook_disabled_reason=None)
    values["updated_at"] = ev.utcnow()
    await uow.session.execute(pg_insert(TenantConfig).values(tenant_id=tenant_id, **values)
                              .on_conflict_do_update(index_elements=[TenantConfig.tenant_id], set_=values))
    await uow.session.flush()
    return await uow.session.get(TenantConfig, tenant_id, populate_existing=True)


async def set_shop_secret(*, uow: UnitOfWork, tenant_id: uuid.UUID, platform: str, secret: str,
                          box: SecretBox) -> None:
    values = {"secret": box.encrypt({"secret": secret}), "updated_at": ev.utcnow()}
    await uow.session.execute(pg_insert(ShopSecret).values(tenant_id=tenant_id, platform=platform, **values)
                              .on_conflict_do_update(index_elements=[ShopSecret.tenant_id, ShopSecret.platform],
                                                     set_=values))


async def shop_secret(*, uow: UnitOfWork, tenant_id: uuid.UUID, platform: str, box: SecretBox) -> str | None:
    token = await uow.session.scalar(select(ShopSecret.secret).where(
        ShopSecret.tenant_id == tenant_id, ShopSecret.platform == platform))
    return box.decrypt(token)["secret"] if token is not None else None


async def configured_platforms(*, uow: UnitOfWork, tenant_id: uuid.UUID) -> list[str]:
    return list(await uow.session.scalars(select(ShopSecret.platform).where(ShopSecret.tenant_id == tenant_id)
                                          .order_by(ShopSecret.platform)))
