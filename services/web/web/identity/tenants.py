"""Tenants for the operator: created on the planner's operator API, then set up here with an owner invitation."""
from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from smmkit.app import Runtime
from smmkit.events import utcnow
from smmkit.plans import PlanRead
from web.apis import every_item, request
from web.identity import service


def _operator(runtime: Runtime) -> dict[str, str]:
    return {"Authorization": f"Bearer {runtime.settings.operator_token}"}


async def planner_admin(runtime: Runtime, method: str, path: str, json=None):
    return await request(runtime, runtime.service_settings.planner_url, method, f"/admin/tenants{path}",
                         headers=_operator(runtime), json=json)


async def all_tenants(runtime: Runtime) -> list[dict]:
    """Every tenant, through all pages of the operator's list."""
    return await every_item(lambda page: request(runtime, runtime.service_settings.planner_url, "GET",
                                                 "/admin/tenants", headers=_operator(runtime), params=page))


async def set_up(*, session: AsyncSession, runtime: Runtime, name: str, owner_email: str,
                 tenant_id: uuid.UUID | None = None, api_key: str | None = None) -> dict:
    """A new tenant (or, given its id and key, one created on the planner already) with its owner's invite."""
    owner_email = service.normalize_email(owner_email)
    if api_key is None or tenant_id is None:
        issued = await planner_admin(runtime, "POST", "", json={"name": name})
        tenant_id, api_key = uuid.UUID(issued["tenant"]["id"]), issued["api_key"]
    await service.link_tenant(session=session, box=runtime.secrets, tenant_id=tenant_id, name=name, api_key=api_key)
    token = await service.invite(session=session, tenant_id=tenant_id, email=owner_email, role="owner",
                                 invited_by="operator", secret=runtime.settings.secret_keys)
    url = f"{runtime.service_settings.public_url.rstrip('/')}/invite/{token}"
    return {"tenant_id": str(tenant_id), "name": name, "owner_email": owner_email, "invite_url": url}


async def seat_check(*, runtime: Runtime, session: AsyncSession, tenant_id: uuid.UUID) -> service.SeatCheck:
    """The tenant's plan from the planner's ``GET /plan`` (with the tenant's own key), for counting seats."""
    key = await service.api_key(session=session, box=runtime.secrets, tenant_id=tenant_id)
    body = await request(runtime, runtime.service_settings.planner_url, "GET", "/plan",
                         headers={"Authorization": f"Bearer {key}"})
    return service.SeatCheck(plan=PlanRead.model_validate(body["plan"]), now=utcnow(),
                             invite_max_age_s=runtime.service_settings.invite_max_age_s)
