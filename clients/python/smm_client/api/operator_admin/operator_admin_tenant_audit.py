from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.page_audit_entry import PageAuditEntry
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    tenant_id: UUID,
    *,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    action: None | str | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    else:
        json_action = action
    params["action"] = json_action

    json_actor: None | str | Unset
    if isinstance(actor, Unset):
        json_actor = UNSET
    else:
        json_actor = actor
    params["actor"] = json_actor

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/admin/tenants/{tenant_id}/audit".format(tenant_id=quote(str(tenant_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageAuditEntry | Problem | None:
    if response.status_code == 200:
        response_200 = PageAuditEntry.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if 400 <= response.status_code <= 499:
        response_4xx = Problem.from_dict(response.json())



        return response_4xx

    if 500 <= response.status_code <= 599:
        response_5xx = Problem.from_dict(response.json())



        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PageAuditEntry | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    action: None | str | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[PageAuditEntry | Problem]:
    """ A tenant's audit log, newest first (operator)

    Args:
        tenant_id (UUID):
        since (datetime.datetime | None | Unset): Entries at or after this time
        until (datetime.datetime | None | Unset): Entries before this time
        action (None | str | Unset): Exactly this action, e.g. `POST /posts`, or a method alone
            (`DELETE`)
        actor (None | str | Unset): Exactly this actor, e.g. `key:<id>`
        limit (int | Unset): Items per page (default 50, at most 200) Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditEntry | Problem]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
since=since,
until=until,
action=action,
actor=actor,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    action: None | str | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> PageAuditEntry | Problem | None:
    """ A tenant's audit log, newest first (operator)

    Args:
        tenant_id (UUID):
        since (datetime.datetime | None | Unset): Entries at or after this time
        until (datetime.datetime | None | Unset): Entries before this time
        action (None | str | Unset): Exactly this action, e.g. `POST /posts`, or a method alone
            (`DELETE`)
        actor (None | str | Unset): Exactly this actor, e.g. `key:<id>`
        limit (int | Unset): Items per page (default 50, at most 200) Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditEntry | Problem
     """


    return sync_detailed(
        tenant_id=tenant_id,
client=client,
since=since,
until=until,
action=action,
actor=actor,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    action: None | str | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[PageAuditEntry | Problem]:
    """ A tenant's audit log, newest first (operator)

    Args:
        tenant_id (UUID):
        since (datetime.datetime | None | Unset): Entries at or after this time
        until (datetime.datetime | None | Unset): Entries before this time
        action (None | str | Unset): Exactly this action, e.g. `POST /posts`, or a method alone
            (`DELETE`)
        actor (None | str | Unset): Exactly this actor, e.g. `key:<id>`
        limit (int | Unset): Items per page (default 50, at most 200) Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditEntry | Problem]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
since=since,
until=until,
action=action,
actor=actor,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    action: None | str | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> PageAuditEntry | Problem | None:
    """ A tenant's audit log, newest first (operator)

    Args:
        tenant_id (UUID):
        since (datetime.datetime | None | Unset): Entries at or after this time
        until (datetime.datetime | None | Unset): Entries before this time
        action (None | str | Unset): Exactly this action, e.g. `POST /posts`, or a method alone
            (`DELETE`)
        actor (None | str | Unset): Exactly this actor, e.g. `key:<id>`
        limit (int | Unset): Items per page (default 50, at most 200) Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditEntry | Problem
     """


    return (await asyncio_detailed(
        tenant_id=tenant_id,
client=client,
since=since,
until=until,
action=action,
actor=actor,
limit=limit,
cursor=cursor,

    )).parsed
