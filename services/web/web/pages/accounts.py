"""Connect accounts: one form makes the planner, publisher and metrics calls; each account's status."""
from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from smmkit.catalogue import CATALOGUE
from web.accounts import service
from web.apis import ApiProblem
from web.identity.deps import ApisDep, UserDep, Writer, check_csrf
from web.render import page, use_locale

router = APIRouter(dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
Field = Annotated[str, Form(max_length=10_000)]
NETWORKS = sorted((spec.title, name) for name, spec in CATALOGUE.items())


async def _page(request, apis, status_code=200, **context):
    return page(request, "accounts.html", status_code, accounts=await service.statuses(apis=apis),
                brands=await apis.get("planner", "/brands"), networks=NETWORKS, **context)


@router.get("/accounts")
async def accounts_page(request: Request, user: UserDep, apis: ApisDep):
    return await _page(request, apis)


@router.post("/accounts")
async def connect(request: Request, user: Writer, apis: ApisDep, network: Field, handle: Field, account_ref: Field,
                  credentials: Field, timezone: Field = "UTC", brand_id: Field = ""):
    form = {"network": network, "handle": handle, "account_ref": account_ref, "timezone": timezone,
            "brand_id": brand_id}
    try:
        await service.connect(apis=apis, credentials=service.parse_credentials(credentials), **form)
    except ApiProblem as exc:
        return await _page(request, apis, 422 if exc.status < 500 else 502, form=form, errors=exc.field_errors())
    return RedirectResponse("/accounts?connected=1", status_code=303)


@router.post("/accounts/{account_id}/reconnect")
async def reconnect(request: Request, account_id: uuid.UUID, user: Writer, apis: ApisDep, credentials: Field):
    account = await apis.get("planner", f"/accounts/{account_id}")
    try:
        await service.put_credentials(apis=apis, account=account, credentials=service.parse_credentials(credentials))
    except ApiProblem as exc:
        return await _page(request, apis, 422 if exc.status < 500 else 502, reconnect_id=str(account_id),
                           errors={f"reconnect-{account_id}": str(exc)})
    return RedirectResponse("/accounts?connected=1", status_code=303)
