import uuid
from typing import Annotated

import httpx
from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse
from smmkit.app import Runtime
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.events import utcnow
from smmkit.validation import Label, Note, Ref, text

from publisher.connections import service
from publisher.connections.schemas import (
    ConnectionCreate,
    ConnectionRead,
    ConnectionStarted,
    DestinationChoice,
)

router = APIRouter(prefix="/connections", tags=["account connections"])
# Before ``router``: /connections/callback must not be taken for /connections/{connection_id}.
callback_router = APIRouter(prefix="/connections", tags=["account connections"])

_State = text(min_length=1, max_length=200)


def _http(runtime: Runtime) -> httpx.AsyncClient:
    """One pooled client for the networks' authorization servers (their URLs are absolute)."""
    if "connections" not in runtime.http_clients:
        runtime.http_clients["connections"] = httpx.AsyncClient(timeout=runtime.service_settings.http_timeout_s)
    return runtime.http_clients["connections"]


@router.post("", status_code=201, response_model=ConnectionStarted, summary="Start connecting an account")
async def start_connection(body: ConnectionCreate, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep):
    """Answers the network's authorization URL (with ``state`` and a PKCE challenge where the network takes
    one): send the person there. With ``account_id``: reconnect that account, keeping its history."""
    return await service.start(uow=uow, box=runtime.secrets, settings=runtime.service_settings, http=_http(runtime),
                               tenant_id=tenant_id, body=body, now=utcnow())


@callback_router.get("/callback", response_model=ConnectionRead, summary="Where the network sends the person back",
                     responses={303: {"description": "Connected: on to the connection's return_to"}})
async def connection_callback(uow: UowDep, runtime: RuntimeDep, state: Annotated[_State, Query()],
                              code: Ref | None = None, error: Label | None = None,
                              error_description: Note | None = None, device_id: Ref | None = None):
    """No API key: ``state`` identifies the attempt. Denied consent, an unknown, used or expired ``state``, a
    refused code, missing permissions or an account another workspace holds: a problem answer, nothing kept."""
    row = await service.callback(uow=uow, box=runtime.secrets, settings=runtime.service_settings,
                                 http=_http(runtime), state=state, code=code, error=error,
                                 error_description=error_description, device_id=device_id, now=utcnow())
    if row.return_to:
        return RedirectResponse(f"{row.return_to}{'&' if '?' in row.return_to else '?'}connection={row.id}", 303)
    return service.read(row, runtime.secrets)


@router.get("/{connection_id}", response_model=ConnectionRead, summary="A connection's progress")
async def get_connection(connection_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep):
    row = await service.get(uow=uow, tenant_id=tenant_id, connection_id=connection_id)
    return service.read(row, runtime.secrets)


@router.post("/{connection_id}/destination", response_model=ConnectionRead,
             summary="Choose what the account posts as (a Page, an organisation)")
async def choose_destination(connection_id: uuid.UUID, body: DestinationChoice, tenant_id: TenantDep, uow: UowDep,
                             runtime: RuntimeDep):
    row = await service.choose(uow=uow, box=runtime.secrets, tenant_id=tenant_id, connection_id=connection_id,
                               ref=body.ref)
    return service.read(row, runtime.secrets)
