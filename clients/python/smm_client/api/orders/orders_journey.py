from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.order_journey import OrderJourney
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    order_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orders/{order_id}/journey".format(order_id=quote(str(order_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrderJourney | Problem | None:
    if response.status_code == 200:
        response_200 = OrderJourney.from_dict(response.json())



        return response_200

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OrderJourney | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> Response[OrderJourney | Problem]:
    """ The journey behind one order and each model's credit

     Touches in order (tracked clicks and site visits of every channel) and, per per-journey model, the
    credit of each touch key (a post target, or a channel). ``order_id`` is the id ``POST /orders``
    answers.

    API key scope: `read-only`.

    Args:
        order_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderJourney | Problem]
     """


    kwargs = _get_kwargs(
        order_id=order_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> OrderJourney | Problem | None:
    """ The journey behind one order and each model's credit

     Touches in order (tracked clicks and site visits of every channel) and, per per-journey model, the
    credit of each touch key (a post target, or a channel). ``order_id`` is the id ``POST /orders``
    answers.

    API key scope: `read-only`.

    Args:
        order_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderJourney | Problem
     """


    return sync_detailed(
        order_id=order_id,
client=client,

    ).parsed

async def asyncio_detailed(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> Response[OrderJourney | Problem]:
    """ The journey behind one order and each model's credit

     Touches in order (tracked clicks and site visits of every channel) and, per per-journey model, the
    credit of each touch key (a post target, or a channel). ``order_id`` is the id ``POST /orders``
    answers.

    API key scope: `read-only`.

    Args:
        order_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderJourney | Problem]
     """


    kwargs = _get_kwargs(
        order_id=order_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> OrderJourney | Problem | None:
    """ The journey behind one order and each model's credit

     Touches in order (tracked clicks and site visits of every channel) and, per per-journey model, the
    credit of each touch key (a post target, or a channel). ``order_id`` is the id ``POST /orders``
    answers.

    API key scope: `read-only`.

    Args:
        order_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderJourney | Problem
     """


    return (await asyncio_detailed(
        order_id=order_id,
client=client,

    )).parsed
