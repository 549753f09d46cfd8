from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.usage_read import UsageRead
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    tenant_id: UUID,
    *,
    since: datetime.date,
    until: datetime.date,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_since = since.isoformat()
    params["since"] = json_since

    json_until = until.isoformat()
    params["until"] = json_until


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/publisher/admin/tenants/{tenant_id}/usage".format(tenant_id=quote(str(tenant_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | UsageRead | None:
    if response.status_code == 200:
        response_200 = UsageRead.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | UsageRead]:
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
    since: datetime.date,
    until: datetime.date,

) -> Response[Problem | UsageRead]:
    """ A tenant's usage per day (UTC) on this service, from since to until inclusive

    Args:
        tenant_id (UUID):
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UsageRead]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
since=since,
until=until,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date,
    until: datetime.date,

) -> Problem | UsageRead | None:
    """ A tenant's usage per day (UTC) on this service, from since to until inclusive

    Args:
        tenant_id (UUID):
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UsageRead
     """


    return sync_detailed(
        tenant_id=tenant_id,
client=client,
since=since,
until=until,

    ).parsed

async def asyncio_detailed(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date,
    until: datetime.date,

) -> Response[Problem | UsageRead]:
    """ A tenant's usage per day (UTC) on this service, from since to until inclusive

    Args:
        tenant_id (UUID):
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UsageRead]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
since=since,
until=until,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date,
    until: datetime.date,

) -> Problem | UsageRead | None:
    """ A tenant's usage per day (UTC) on this service, from since to until inclusive

    Args:
        tenant_id (UUID):
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UsageRead
     """


    return (await asyncio_detailed(
        tenant_id=tenant_id,
client=client,
since=since,
until=until,

    )).parsed
