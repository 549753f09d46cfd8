"""Tenant settings of attribution (windows, margin, ROI alert) and promo codes per target."""
import uuid
from datetime import timedelta

from fastapi import APIRouter
from pydantic import BaseModel

from attribution.config import service
from attribution.alerts import service as alerts
from attribution.config.schemas import AlertDeliveryRead, ConfigRead, ConfigUpdate
from attribution.orders import service as orders
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.urlguard import refuse_internal_webhook
from smmkit.events import utcnow
from smmkit.pagination import Page, PageDep
from smmkit.validation import Name

router = APIRouter(tags=["settings"])


def _read(cfg) -> ConfigRead:
    return ConfigRead(click_window_s=cfg.click_window_s, half_life_s=cfg.half_life_s,
                      gross_margin_bp=cfg.gross_margin_bp, roi_alert_weeks=cfg.roi_alert_weeks,
                      alert_webhook_url=cfg.alert_webhook_url,
                      alert_webhook_secret_set=cfg.alert_webhook_secret is not None,
                      alert_webhook_active=cfg.alert_webhook_disabled_at is None,
                      alert_webhook_failures=cfg.alert_webhook_failures or 0,
                      alert_webhook_disabled_at=cfg.alert_webhook_disabled_at,
                      alert_webhook_disabled_reason=cfg.alert_webhook_disabled_reason, updated_at=cfg.updated_at)


@router.get("/settings", response_model=ConfigRead, summary="Attribution settings: model, window, ROI alert webhook")
async def get_settings(tenant_id: TenantDep, uow: UowDep) -> ConfigRead:
    return _read(await service.get(uow=uow, tenant_id=tenant_id))


@router.patch("/settings", response_model=ConfigRead, summary="Change attribution settings")
async def update_settings(body: ConfigUpdate, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep) -> ConfigRead:
    if body.alert_webhook_url:
        refuse_internal_webhook(str(body.alert_webhook_url), runtime.settings.webhook_allowed_cidrs)
    cfg = await service.update(uow=uow, tenant_id=tenant_id, config_in=body, box=runtime.secrets,
                               rotation_overlap=timedelta(seconds=runtime.service_settings.webhook_rotation_overlap_s))
    await uow.commit()
    return _read(cfg)


@router.get("/settings/alert-webhook/deliveries", response_model=Page[AlertDeliveryRead],
            summary="The ROI alert webhook's delivery log, newest first (one page)")
async def list_alert_deliveries(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await alerts.deliveries(uow=uow, tenant_id=tenant_id, page=page)


@router.post("/settings/alert-webhook/deliveries/{delivery_id}/redeliver", status_code=202,
             response_model=AlertDeliveryRead, summary="Send an alert delivery again (same webhook-id)")
async def redeliver_alert(delivery_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    row = await alerts.redeliver(uow=uow, tenant_id=tenant_id, delivery_id=delivery_id, now=utcnow())
    await uow.commit()
    return row


@router.post("/settings/alert-webhook/enable", response_model=ConfigRead,
             summary="Turn the ROI alert webhook back on after it was disabled for repeated failures")
async def enable_alert_webhook(tenant_id: TenantDep, uow: UowDep) -> ConfigRead:
    await alerts.enable(uow=uow, tenant_id=tenant_id)
    await uow.commit()
    return _read(await service.get(uow=uow, tenant_id=tenant_id))


class PromoIn(BaseModel):
    code: Name
    target_id: uuid.UUID


class PromoRead(BaseModel):
    code: str
    target_id: uuid.UUID


@router.put("/promo-codes", response_model=PromoRead)
async def register_promo(body: PromoIn, tenant_id: TenantDep, uow: UowDep) -> PromoRead:
    """A code unique to one post target (weakest evidence; joins waiting orders that used it)."""
    promo = await orders.register_promo(uow=uow, tenant_id=tenant_id, code=body.code, target_id=body.target_id)
    await uow.commit()
    return PromoRead(code=promo.code, target_id=promo.target_id)


@router.get("/promo-codes", response_model=Page[PromoRead],
            summary="List promo codes and the posts they credit, by code (one page)")
async def list_promos(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    found = await orders.list_promos(uow=uow, tenant_id=tenant_id, page=page)
    return {**found, "items": [PromoRead(code=p.code, target_id=p.target_id) for p in found["items"]]}
