from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.plan_limits import PlanLimits
from ...models.plan_read import PlanRead
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    plan_name: str,
    *,
    body: PlanLimits,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/admin/plans/{plan_name}".format(plan_name=quote(str(plan_name), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PlanRead | Problem | None:
    if response.status_code == 200:
        response_200 = PlanRead.from_dict(response.json())



        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PlanRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    plan_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PlanLimits,

) -> Response[PlanRead | Problem]:
    """ Create a plan or replace its limits; its tenants have them at once (operator)

    Args:
        plan_name (str): A plan's name, e.g. free, pro
        body (PlanLimits):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanRead | Problem]
     """


    kwargs = _get_kwargs(
        plan_name=plan_name,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    plan_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PlanLimits,

) -> PlanRead | Problem | None:
    """ Create a plan or replace its limits; its tenants have them at once (operator)

    Args:
        plan_name (str): A plan's name, e.g. free, pro
        body (PlanLimits):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanRead | Problem
     """


    return sync_detailed(
        plan_name=plan_name,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    plan_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PlanLimits,

) -> Response[PlanRead | Problem]:
    """ Create a plan or replace its limits; its tenants have them at once (operator)

    Args:
        plan_name (str): A plan's name, e.g. free, pro
        body (PlanLimits):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanRead | Problem]
     """


    kwargs = _get_kwargs(
        plan_name=plan_name,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    plan_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PlanLimits,

) -> PlanRead | Problem | None:
    """ Create a plan or replace its limits; its tenants have them at once (operator)

    Args:
        plan_name (str): A plan's name, e.g. free, pro
        body (PlanLimits):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanRead | Problem
     """


    return (await asyncio_detailed(
        plan_name=plan_name,
client=client,
body=body,

    )).parsed
