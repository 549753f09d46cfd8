"""The operator's console (tenants: list, create, suspend, reactivate; users and usage per tenant) and its
JSON twin."""
from __future__ import annotations

import asyncio
import hmac
import uuid
from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from smmkit.deps import RuntimeDep, UowDep
from smmkit.events import utcnow
from smmkit.problems import DomainError
from smmkit.tenancy import require_operator
from smmkit.validation import Name, Ref
from web import usage
from web.apis import ApiProblem
from web.i18n import gettext as _
from web.identity import service, tenants
from web.identity.deps import OperatorDep, check_csrf
from web.pages.auth import signed_in_redirect
from web.render import page, use_locale

router = APIRouter(prefix="/operator", dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
api = APIRouter(prefix="/operator/api", tags=["operator"], dependencies=[Depends(require_operator)])
Text = Annotated[str, Form(max_length=1000)]
CONSOLE_DAYS = 7  # the console's usage columns: the last week, today included (UTC)
# Tenants whose usage is asked at once (4 services each): a console of many tenants would otherwise queue
# hundreds of requests on the services' database pools at once and time out (WEB_API_TIMEOUT_S) under load.
CONSOLE_AT_ONCE = 4


@router.get("/signin")
async def signin_form(request: Request):
    return page(request, "operator_signin.html")


@router.post("/signin")
async def signin(request: Request, uow: UowDep, runtime: RuntimeDep, token: Text):
    if not hmac.compare_digest(token.encode(), runtime.settings.operator_token.encode()):
        await runtime.api_limits.for_client(request)  # guessing the token: PUBLIC_RATE_LIMIT per address (429)
        return page(request, "operator_signin.html", 401, errors={"token": _("wrong operator token")})
    session_token = await service.start_session(session=uow.session, user_id=None, operator=True, now=utcnow(),
                                                max_age_s=runtime.service_settings.session_max_age_s)
    await uow.commit()
    return signed_in_redirect(runtime, session_token, "/operator")


async def _console(request, uow, runtime, status_code=200, **context):
    rows = await tenants.all_tenants(runtime)
    users = await service.list_users(session=uow.session)
    until = utcnow().date()
    since = until - timedelta(days=CONSOLE_DAYS - 1)
    at_once = asyncio.Semaphore(CONSOLE_AT_ONCE)

    async def usage_of(tenant_id: str) -> list[dict]:
        async with at_once:
            return await usage.tenant_usage(runtime, tenant_id, since, until)

    used = await asyncio.gather(*(usage_of(row["id"]) for row in rows))
    for row, days in zip(rows, used):
        row["users"] = users.get(uuid.UUID(row["id"]), 0)
        row["usage"] = usage.totals(days)
    return page(request, "operator.html", status_code, tenants=rows, usage_days=CONSOLE_DAYS, **context)


@router.get("/tenants/{tenant_id}/usage")
async def tenant_usage(request: Request, tenant_id: uuid.UUID, op: OperatorDep, runtime: RuntimeDep,
                       since: Annotated[str, Query(max_length=10)] = "",
                       until: Annotated[str, Query(max_length=10)] = ""):
    """One tenant's usage per day; a bad range shows next to its field (the services' 422 problem)."""
    tenants_ = {t["id"]: t for t in await tenants.all_tenants(runtime)}
    tenant = tenants_.get(str(tenant_id))
    if tenant is None:
        return page(request, "error.html", 404, title=_("Not found"), detail=_("no such tenant"))
    today = utcnow().date()
    form = {"since": since or (today - timedelta(days=29)).isoformat(), "until": until or today.isoformat()}
    dates, errors = {}, {}
    for name in ("since", "until"):
        try:
            dates[name] = date.fromisoformat(form[name])
        except ValueError:
            errors[name] = _("write the date as YYYY-MM-DD")
    if not errors:
        try:
            days = await usage.tenant_usage(runtime, tenant_id, dates["since"], dates["until"])
        except ApiProblem as exc:
            if exc.status >= 500:
                raise
            errors = exc.field_errors()
    if errors:
        return page(request, "operator_usage.html", 422, tenant=tenant, form=form, days=[], errors=errors)
    return page(request, "operator_usage.html", tenant=tenant, form=form, days=days, total=usage.totals(days))


@router.get("")
async def console(request: Request, op: OperatorDep, uow: UowDep, runtime: RuntimeDep):
    return await _console(request, uow, runtime)


@router.post("/tenants")
async def create_tenant(request: Request, op: OperatorDep, uow: UowDep, runtime: RuntimeDep, name: Text,
                        owner_email: Text):
    try:
        created = await tenants.set_up(session=uow.session, runtime=runtime, name=name, owner_email=owner_email)
    except (DomainError, ApiProblem) as exc:
        errors = exc.field_errors() if isinstance(exc, ApiProblem) else {exc.extra.get("field", "name"): exc.detail}
        return await _console(request, uow, runtime, 422, errors=errors, form={"name": name, "email": owner_email})
    await uow.commit()
    return await _console(request, uow, runtime, 201, created=created)


@router.post("/tenants/{tenant_id}/{action}")
async def set_status(tenant_id: uuid.UUID, action: Literal["suspend", "activate"], op: OperatorDep,
                     runtime: RuntimeDep):
    await tenants.planner_admin(runtime, "POST", f"/{tenant_id}/{action}")
    return RedirectResponse("/operator", status_code=303)


class TenantSetUp(BaseModel):
    name: Name
    owner_email: Name
    tenant_id: uuid.UUID | None = None
    api_key: Ref | None = None


class TenantSetUpRead(BaseModel):
    tenant_id: uuid.UUID
    name: str
    owner_email: str
    invite_url: str


@api.post("/tenants", status_code=201, response_model=TenantSetUpRead,
          summary="Create a tenant (or adopt one with its id and key) and invite its owner")
async def api_set_up(body: TenantSetUp, uow: UowDep, runtime: RuntimeDep):
    created = await tenants.set_up(session=uow.session, runtime=runtime, **body.model_dump())
    await uow.commit()
    return created
