from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.shop_secret_in import ShopSecretIn
from ...models.shops_set_secret_platform import check_shops_set_secret_platform
from ...models.shops_set_secret_platform import ShopsSetSecretPlatform
from typing import cast



def _get_kwargs(
    platform: ShopsSetSecretPlatform,
    *,
    body: ShopSecretIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/shop-secrets/{platform}".format(platform=quote(str(platform), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    platform: ShopsSetSecretPlatform,
    *,
    client: AuthenticatedClient | Client,
    body: ShopSecretIn,

) -> Response[Any | Problem]:
    """ Store the shop's webhook signing secret, encrypted; it is never shown again.

     Store the shop's webhook signing secret, encrypted; it is never shown again.

    API key scope: `admin`.

    Args:
        platform (ShopsSetSecretPlatform):
        body (ShopSecretIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        platform=platform,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    platform: ShopsSetSecretPlatform,
    *,
    client: AuthenticatedClient | Client,
    body: ShopSecretIn,

) -> Any | Problem | None:
    """ Store the shop's webhook signing secret, encrypted; it is never shown again.

     Store the shop's webhook signing secret, encrypted; it is never shown again.

    API key scope: `admin`.

    Args:
        platform (ShopsSetSecretPlatform):
        body (ShopSecretIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return sync_detailed(
        platform=platform,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    platform: ShopsSetSecretPlatform,
    *,
    client: AuthenticatedClient | Client,
    body: ShopSecretIn,

) -> Response[Any | Problem]:
    """ Store the shop's webhook signing secret, encrypted; it is never shown again.

     Store the shop's webhook signing secret, encrypted; it is never shown again.

    API key scope: `admin`.

    Args:
        platform (ShopsSetSecretPlatform):
        body (ShopSecretIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        platform=platform,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    platform: ShopsSetSecretPlatform,
    *,
    client: AuthenticatedClient | Client,
    body: ShopSecretIn,

) -> Any | Problem | None:
    """ Store the shop's webhook signing secret, encrypted; it is never shown again.

     Store the shop's webhook signing secret, encrypted; it is never shown again.

    API key scope: `admin`.

    Args:
        platform (ShopsSetSecretPlatform):
        body (ShopSecretIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return (await asyncio_detailed(
        platform=platform,
client=client,
body=body,

    )).parsed
