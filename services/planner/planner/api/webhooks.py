import uuid
from datetime import timedelta
from typing import Literal

from fastapi import APIRouter, Response

from planner.webhooks import service
from planner.webhooks.schemas import (DeliveryRead, SecretRotate, SecretRotated, WebhookCreate, WebhookCreated,
                                      WebhookRead)
from smmkit.events import utcnow
from smmkit.pagination import Page, PageDep
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.urlguard import refuse_internal_webhook

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("", status_code=201, response_model=WebhookCreated,
             summary="Be told when a post is published or fails (signed per Standard Webhooks, retried)")
async def create_webhook(body: WebhookCreate, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep):
    refuse_internal_webhook(str(body.url), runtime.settings.webhook_allowed_cidrs)
    hook, secret = await service.create(session=uow.session, tenant_id=tenant_id, webhook_in=body,
                                        box=runtime.secrets)
    await uow.commit()
    return WebhookCreated(**WebhookRead.model_validate(hook).model_dump(), secret=secret)


@router.get("", response_model=Page[WebhookRead], summary="List webhook endpoints, oldest first (one page)")
async def list_webhooks(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.list_page(session=uow.session, tenant_id=tenant_id, page=page)


@router.delete("/{webhook_id}", status_code=204, summary="Delete a webhook endpoint")
async def delete_webhook(webhook_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    await service.remove(session=uow.session, tenant_id=tenant_id, webhook_id=webhook_id)
    await uow.commit()
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", response_model=Page[DeliveryRead],
            summary="The endpoint's delivery log, newest first: status, attempts, the receiver's last answer")
async def list_deliveries(webhook_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, page: PageDep,
                          status: Literal["pending", "delivered", "failed"] | None = None):
    return await service.deliveries(session=uow.session, tenant_id=tenant_id, webhook_id=webhook_id, status=status,
                                    page=page)


@router.post("/{webhook_id}/rotate-secret", response_model=SecretRotated,
             summary="A new signing secret; the current one keeps signing beside it for the overlap")
async def rotate_secret(webhook_id: uuid.UUID, body: SecretRotate, tenant_id: TenantDep, uow: UowDep,
                        runtime: RuntimeDep):
    overlap_s = body.overlap_s if body.overlap_s is not None else runtime.service_settings.webhook_rotation_overlap_s
    secret, until = await service.rotate_secret(session=uow.session, tenant_id=tenant_id, webhook_id=webhook_id,
                                                box=runtime.secrets, overlap=timedelta(seconds=overlap_s),
                                                now=utcnow())
    await uow.commit()
    return SecretRotated(secret=secret, previous_expires_at=until)


@router.post("/{webhook_id}/enable", response_model=WebhookRead,
             summary="Turn an endpoint disabled after repeated failures back on")
async def enable_webhook(webhook_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    hook = await service.enable(session=uow.session, tenant_id=tenant_id, webhook_id=webhook_id)
    await uow.commit()
    return hook


@router.post("/{webhook_id}/deliveries/{delivery_id}/redeliver", status_code=202, response_model=DeliveryRead,
             summary="Send a delivery again (same webhook-id), with a fresh allowance of attempts")
async def redeliver(webhook_id: uuid.UUID, delivery_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    delivery = await service.redeliver(session=uow.session, tenant_id=tenant_id, webhook_id=webhook_id,
                                       delivery_id=delivery_id, now=utcnow())
    await uow.commit()
    return delivery
