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
# Networks with a consent screen: a "Connect with <network>" button each (the others take a pasted token).
SIGN_IN_NETWORKS = [(title, name) for title, name in NETWORKS if CATALOGUE[name].connect and CATALOGUE[name].connect.consent]


async def _page(request, apis, status_code=200, **context):
    return page(request, "accounts.html", status_code, accounts=await service.statuses(apis=apis),
                brands=await apis.get_all("planner", "/brands"), networks=NETWORKS,
                sign_in_networks=SIGN_IN_NETWORKS, **context)


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


@router.post("/accounts/connect/{network}")
async def connect_with_network(request: Request, network: str, user: Writer, apis: ApisDep, account_id: Field = ""):
    """Off to the network's consent screen; it sends the person back to /accounts/connected."""
    try:
        url = await service.start_connection(apis=apis, network=network, account_id=account_id or None,
                                             return_to=str(request.url_for("connection_landing")))
    except ApiProblem as exc:
        return await _page(request, apis, 422 if exc.status < 500 else 502, errors={"sign-in": str(exc)})
    return RedirectResponse(url, status_code=303)


@router.get("/accounts/connected", name="connection_landing")
async def connection_landing(request: Request, user: UserDep, apis: ApisDep, connection: uuid.UUID):
    return await _landed(request, apis, await service.settled_connection(apis=apis, connection_id=str(connection)))


@router.post("/accounts/connections/{connection_id}/destination")
async def choose_destination(request: Request, connection_id: uuid.UUID, user: Writer, apis: ApisDep, ref: Field):
    try:
        connection = await service.choose_destination(apis=apis, connection_id=str(connection_id), ref=ref)
    except ApiProblem as exc:
        return await _page(request, apis, 422 if exc.status < 500 else 502, errors={"sign-in": str(exc)})
    return await _landed(request, apis, connection)


async def _landed(request: Request, apis, connection: dict):
    if connection["status"] == "connected":
        return RedirectResponse("/accounts?connected=1", status_code=303)
    if connection["status"] == "choosing":
        return await _page(request, apis, choosing=connection)
    reason = connection.get("reason") or connection["status"]
    return await _page(request, apis, 422 if connection["status"] == "failed" else 202, errors={"sign-in": reason})
