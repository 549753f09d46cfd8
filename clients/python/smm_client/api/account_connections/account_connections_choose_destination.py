from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.connection_read import ConnectionRead
from ...models.destination_choice import DestinationChoice
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    connection_id: UUID,
    *,
    body: DestinationChoice,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/connections/{connection_id}/destination".format(connection_id=quote(str(connection_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ConnectionRead | Problem | None:
    if response.status_code == 200:
        response_200 = ConnectionRead.from_dict(response.json())



        return response_200

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ConnectionRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    connection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DestinationChoice,

) -> Response[ConnectionRead | Problem]:
    """ Choose what the account posts as (a Page, an organisation)

     API key scope: `admin`.

    Args:
        connection_id (UUID):
        body (DestinationChoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectionRead | Problem]
     """


    kwargs = _get_kwargs(
        connection_id=connection_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    connection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DestinationChoice,

) -> ConnectionRead | Problem | None:
    """ Choose what the account posts as (a Page, an organisation)

     API key scope: `admin`.

    Args:
        connection_id (UUID):
        body (DestinationChoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectionRead | Problem
     """


    return sync_detailed(
        connection_id=connection_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    connection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DestinationChoice,

) -> Response[ConnectionRead | Problem]:
    """ Choose what the account posts as (a Page, an organisation)

     API key scope: `admin`.

    Args:
        connection_id (UUID):
        body (DestinationChoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectionRead | Problem]
     """


    kwargs = _get_kwargs(
        connection_id=connection_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    connection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DestinationChoice,

) -> ConnectionRead | Problem | None:
    """ Choose what the account posts as (a Page, an organisation)

     API key scope: `admin`.

    Args:
        connection_id (UUID):
        body (DestinationChoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectionRead | Problem
     """


    return (await asyncio_detailed(
        connection_id=connection_id,
client=client,
body=body,

    )).parsed
