"""API keys for machines (owners only): issue one with scopes, see them, rotate with overlap, revoke.

Every call goes to the planner's ``/api-keys`` with the tenant's own key; the key this web app uses for the
tenant is shown but cannot be revoked or rotated here (the app would lock itself out).
"""
from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from smmkit.deps import RuntimeDep, UowDep
from web.apis import ApiProblem
from web.i18n import gettext as _
from web.identity import service
from web.identity.deps import ApisDep, Owner, check_csrf
from web.render import page, use_locale

router = APIRouter(prefix="/settings/api-keys", dependencies=[Depends(use_locale), Depends(check_csrf)],
                   include_in_schema=False)
SCOPES = ("read-only", "publish", "orders-ingest", "admin")
OVERLAPS_S = (0, 3600, 86400, 7 * 86400)  # what the rotate form offers (the API bounds it to 7 days)


async def _page(request, apis, uow, runtime, user, status_code=200, **context):
    own = await service.api_key(session=uow.session, box=runtime.secrets, tenant_id=user.tenant_id)
    keys = await apis.get_all("planner", "/api-keys")
    for key in keys:
        key["ours"] = key["prefix"] == own[:10]
    return page(request, "apikeys.html", status_code, keys=keys, scopes=SCOPES, overlaps=OVERLAPS_S,
                errors=context.pop("errors", {}), **context)


@router.get("")
async def keys_page(request: Request, user: Owner, apis: ApisDep, uow: UowDep, runtime: RuntimeDep):
    return await _page(request, apis, uow, runtime, user)


@router.post("")
async def issue(request: Request, user: Owner, apis: ApisDep, uow: UowDep, runtime: RuntimeDep,
                name: Annotated[str, Form(max_length=1000)] = "",
                scopes: Annotated[list[str], Form(max_length=4)] = []):  # noqa: B006 - FastAPI copies it
    try:
        issued = await apis.call("planner", "POST", "/api-keys", json={"name": name.strip() or None, "scopes": scopes})
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        errors = {("scopes" if k in ("scopes", "form") else k): v for k, v in exc.field_errors().items()}
        return await _page(request, apis, uow, runtime, user, exc.status, errors=errors,
                           form={"name": name, "scopes": scopes})
    return await _page(request, apis, uow, runtime, user, 201, issued=issued)


@router.post("/{key_id}/{action}")
async def change(request: Request, key_id: uuid.UUID, action: str, user: Owner, apis: ApisDep, uow: UowDep,
                 runtime: RuntimeDep, overlap_s: Annotated[int, Form(ge=0, le=7 * 86400)] = 0):
    keys = {k["id"]: k for k in await apis.get_all("planner", "/api-keys")}
    own = await service.api_key(session=uow.session, box=runtime.secrets, tenant_id=user.tenant_id)
    key = keys.get(str(key_id))
    errors = {}
    if action not in ("revoke", "rotate"):
        errors["form"] = _("unknown action")
    elif key is None:
        errors["form"] = _("no such key")
    elif key["prefix"] == own[:10]:
        errors["form"] = _("this key is the one the web app uses; it cannot be changed here")
    if errors:
        return await _page(request, apis, uow, runtime, user, 404 if key is None else 409, errors=errors)
    try:
        done = await apis.call("planner", "POST", f"/api-keys/{key_id}/{action}",
                               json={"overlap_s": overlap_s} if action == "rotate" else None)
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        return await _page(request, apis, uow, runtime, user, exc.status, errors={"form": str(exc)})
    if action == "rotate":
        return await _page(request, apis, uow, runtime, user, 201, issued=done, rotated=key)
    return await _page(request, apis, uow, runtime, user, revoked=done)
