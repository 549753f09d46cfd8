from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.account_connection_read import AccountConnectionRead
from ...models.credentials_put import CredentialsPut
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    account_id: UUID,
    *,
    body: CredentialsPut,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/publisher/accounts/{account_id}/credentials".format(account_id=quote(str(account_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccountConnectionRead | Problem | None:
    if response.status_code == 200:
        response_200 = AccountConnectionRead.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccountConnectionRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CredentialsPut,

) -> Response[AccountConnectionRead | Problem]:
    """ Only for an account created on the planner for this tenant, with its network and account_ref (else
    422). An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with
    Retry-After.

     Only for an account created on the planner for this tenant, with its network and account_ref (else
    422).
    An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with Retry-
    After.

    API key scope: `admin`.

    Args:
        account_id (UUID):
        body (CredentialsPut): ``network`` and ``account_ref`` must be the ones the account was
            created with on the planner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountConnectionRead | Problem]
     """


    kwargs = _get_kwargs(
        account_id=account_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CredentialsPut,

) -> AccountConnectionRead | Problem | None:
    """ Only for an account created on the planner for this tenant, with its network and account_ref (else
    422). An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with
    Retry-After.

     Only for an account created on the planner for this tenant, with its network and account_ref (else
    422).
    An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with Retry-
    After.

    API key scope: `admin`.

    Args:
        account_id (UUID):
        body (CredentialsPut): ``network`` and ``account_ref`` must be the ones the account was
            created with on the planner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountConnectionRead | Problem
     """


    return sync_detailed(
        account_id=account_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CredentialsPut,

) -> Response[AccountConnectionRead | Problem]:
    """ Only for an account created on the planner for this tenant, with its network and account_ref (else
    422). An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with
    Retry-After.

     Only for an account created on the planner for this tenant, with its network and account_ref (else
    422).
    An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with Retry-
    After.

    API key scope: `admin`.

    Args:
        account_id (UUID):
        body (CredentialsPut): ``network`` and ``account_ref`` must be the ones the account was
            created with on the planner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountConnectionRead | Problem]
     """


    kwargs = _get_kwargs(
        account_id=account_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CredentialsPut,

) -> AccountConnectionRead | Problem | None:
    """ Only for an account created on the planner for this tenant, with its network and account_ref (else
    422). An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with
    Retry-After.

     Only for an account created on the planner for this tenant, with its network and account_ref (else
    422).
    An unknown id, another tenant's, or one created a moment ago and not yet known here: 404 with Retry-
    After.

    API key scope: `admin`.

    Args:
        account_id (UUID):
        body (CredentialsPut): ``network`` and ``account_ref`` must be the ones the account was
            created with on the planner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountConnectionRead | Problem
     """


    return (await asyncio_detailed(
        account_id=account_id,
client=client,
body=body,

    )).parsed
