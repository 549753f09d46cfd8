"""Tenant settings of attribution (windows, margin, ROI alert) and promo codes per target."""
import uuid
from datetime import timedelta

from fastapi import APIRouter
from pydantic import BaseModel

from attribution.config import service
from attribution.config.schemas import ConfigRead, ConfigUpdate
from attribution.orders import service as orders
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.urlguard import refuse_internal_webhook
from smmkit.validation import Name

router = APIRouter(tags=["settings"])


def _read(cfg) -> ConfigRead:
    return ConfigRead(click_window_s=cfg.click_window_s, half_life_s=cfg.half_life_s,
                      gross_margin_bp=cfg.gross_margin_bp, roi_alert_weeks=cfg.roi_alert_weeks,
                      alert_webhook_url=cfg.alert_webhook_url,
                      alert_webhook_secret_set=cfg.alert_webhook_secret is not None, updated_at=cfg.updated_at)


@router.get("/settings", response_model=ConfigRead)
async def get_settings(tenant_id: TenantDep, uow: UowDep) -> ConfigRead:
    return _read(await service.get(uow=uow, tenant_id=tenant_id))


@router.patch("/settings", response_model=ConfigRead)
async def update_settings(body: ConfigUpdate, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep) -> ConfigRead:
    if body.alert_webhook_url:
        refuse_internal_webhook(str(body.alert_webhook_url), runtime.settings.webhook_allowed_cidrs)
    cfg = await service.update(uow=uow, tenant_id=tenant_id, config_in=body, box=runtime.secrets,
                               rotation_overlap=timedelta(seconds=runtime.service_settings.webhook_rotation_overlap_s))
    await uow.commit()
    return _read(cfg)


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


@router.get("/promo-codes", response_model=list[PromoRead])
async def list_promos(tenant_id: TenantDep, uow: UowDep) -> list[PromoRead]:
    return [PromoRead(code=p.code, target_id=p.target_id) for p in await orders.list_promos(uow=uow,
                                                                                            tenant_id=tenant_id)]
