from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.key_issued import KeyIssued
from ...models.key_rotate import KeyRotate
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    tenant_id: UUID,
    key_id: UUID,
    *,
    body: KeyRotate,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/admin/tenants/{tenant_id}/api-keys/{key_id}/rotate".format(tenant_id=quote(str(tenant_id), safe=""),key_id=quote(str(key_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> KeyIssued | Problem | None:
    if response.status_code == 201:
        response_201 = KeyIssued.from_dict(response.json())



        return response_201

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[KeyIssued | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tenant_id: UUID,
    key_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: KeyRotate,

) -> Response[KeyIssued | Problem]:
    """ Rotate a tenant's key

    Args:
        tenant_id (UUID):
        key_id (UUID):
        body (KeyRotate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KeyIssued | Problem]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
key_id=key_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    tenant_id: UUID,
    key_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: KeyRotate,

) -> KeyIssued | Problem | None:
    """ Rotate a tenant's key

    Args:
        tenant_id (UUID):
        key_id (UUID):
        body (KeyRotate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KeyIssued | Problem
     """


    return sync_detailed(
        tenant_id=tenant_id,
key_id=key_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    tenant_id: UUID,
    key_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: KeyRotate,

) -> Response[KeyIssued | Problem]:
    """ Rotate a tenant's key

    Args:
        tenant_id (UUID):
        key_id (UUID):
        body (KeyRotate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KeyIssued | Problem]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
key_id=key_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    tenant_id: UUID,
    key_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: KeyRotate,

) -> KeyIssued | Problem | None:
    """ Rotate a tenant's key

    Args:
        tenant_id (UUID):
        key_id (UUID):
        body (KeyRotate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KeyIssued | Problem
     """


    return (await asyncio_detailed(
        tenant_id=tenant_id,
key_id=key_id,
client=client,
body=body,

    )).parsed
