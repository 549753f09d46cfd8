from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.order_accepted import OrderAccepted
from ...models.order_in import OrderIn
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    body: OrderIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrderAccepted | Problem | None:
    if response.status_code == 202:
        response_202 = OrderAccepted.from_dict(response.json())



        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OrderAccepted | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OrderIn,

) -> Response[OrderAccepted | Problem]:
    """ Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

     Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

    API key scope: `orders-ingest`.

    Args:
        body (OrderIn): An order from the generic orders API (bounds as in ``order.created``: what
            is accepted can be stored).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderAccepted | Problem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: OrderIn,

) -> OrderAccepted | Problem | None:
    """ Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

     Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

    API key scope: `orders-ingest`.

    Args:
        body (OrderIn): An order from the generic orders API (bounds as in ``order.created``: what
            is accepted can be stored).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderAccepted | Problem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OrderIn,

) -> Response[OrderAccepted | Problem]:
    """ Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

     Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

    API key scope: `orders-ingest`.

    Args:
        body (OrderIn): An order from the generic orders API (bounds as in ``order.created``: what
            is accepted can be stored).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderAccepted | Problem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OrderIn,

) -> OrderAccepted | Problem | None:
    """ Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

     Accepted orders become ``order.created`` events; attribution happens when that event is consumed.

    API key scope: `orders-ingest`.

    Args:
        body (OrderIn): An order from the generic orders API (bounds as in ``order.created``: what
            is accepted can be stored).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderAccepted | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
