import uuid

from fastapi import APIRouter, Response

from planner.webhooks import service
from planner.webhooks.schemas import DeliveryRead, WebhookCreate, WebhookCreated, WebhookRead
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.urlguard import refuse_internal_webhook

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("", status_code=201, response_model=WebhookCreated,
             summary="Be told when a post is published or fails (HMAC-signed, retried)")
async def create_webhook(body: WebhookCreate, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep):
    refuse_internal_webhook(str(body.url), runtime.settings.webhook_allowed_cidrs)
    hook, secret = await service.create(session=uow.session, tenant_id=tenant_id, webhook_in=body,
                                        box=runtime.secrets)
    await uow.commit()
    return WebhookCreated(**WebhookRead.model_validate(hook).model_dump(), secret=secret)


@router.get("", response_model=list[WebhookRead])
async def list_webhooks(tenant_id: TenantDep, uow: UowDep):
    return await service.list_all(session=uow.session, tenant_id=tenant_id)


@router.delete("/{webhook_id}", status_code=204)
async def delete_webhook(webhook_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    await service.remove(session=uow.session, tenant_id=tenant_id, webhook_id=webhook_id)
    await uow.commit()
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", response_model=list[DeliveryRead])
async def list_deliveries(webhook_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.deliveries(session=uow.session, tenant_id=tenant_id, webhook_id=webhook_id)
