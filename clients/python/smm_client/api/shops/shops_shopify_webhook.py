from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.shops_shopify_webhook_response_shops_shopify_webhook import ShopsShopifyWebhookResponseShopsShopifyWebhook
from ...models.shops_shopify_webhook_shopify_order import ShopsShopifyWebhookShopifyOrder
from ...models.shops_shopify_webhook_shopify_refund import ShopsShopifyWebhookShopifyRefund
from ...models.shops_shopify_webhook_x_shopify_topic import check_shops_shopify_webhook_x_shopify_topic
from ...models.shops_shopify_webhook_x_shopify_topic import ShopsShopifyWebhookXShopifyTopic
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    tenant_id: str,
    *,
    body: ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund,
    x_shopify_topic: ShopsShopifyWebhookXShopifyTopic | Unset = UNSET,
    x_shopify_webhook_id: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_shopify_topic, Unset):
        headers["X-Shopify-Topic"] = str(x_shopify_topic)


    if not isinstance(x_shopify_webhook_id, Unset):
        headers["X-Shopify-Webhook-Id"] = x_shopify_webhook_id



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks/shopify/{tenant_id}".format(tenant_id=quote(str(tenant_id), safe=""),),
    }

    
    if isinstance(body, ShopsShopifyWebhookShopifyOrder):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()


    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook | None:
    if response.status_code == 200:
        response_200 = ShopsShopifyWebhookResponseShopsShopifyWebhook.from_dict(response.json())



        return response_200

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund,
    x_shopify_topic: ShopsShopifyWebhookXShopifyTopic | Unset = UNSET,
    x_shopify_webhook_id: str | Unset = UNSET,

) -> Response[Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook]:
    """ Shopify ``orders/create``, ``orders/cancelled`` and ``refunds/create`` (X-Shopify-Hmac-Sha256).

    Args:
        tenant_id (str): An id in another system
        x_shopify_topic (ShopsShopifyWebhookXShopifyTopic | Unset):
        x_shopify_webhook_id (str | Unset): An id in another system
        body (ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
body=body,
x_shopify_topic=x_shopify_topic,
x_shopify_webhook_id=x_shopify_webhook_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund,
    x_shopify_topic: ShopsShopifyWebhookXShopifyTopic | Unset = UNSET,
    x_shopify_webhook_id: str | Unset = UNSET,

) -> Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook | None:
    """ Shopify ``orders/create``, ``orders/cancelled`` and ``refunds/create`` (X-Shopify-Hmac-Sha256).

    Args:
        tenant_id (str): An id in another system
        x_shopify_topic (ShopsShopifyWebhookXShopifyTopic | Unset):
        x_shopify_webhook_id (str | Unset): An id in another system
        body (ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook
     """


    return sync_detailed(
        tenant_id=tenant_id,
client=client,
body=body,
x_shopify_topic=x_shopify_topic,
x_shopify_webhook_id=x_shopify_webhook_id,

    ).parsed

async def asyncio_detailed(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund,
    x_shopify_topic: ShopsShopifyWebhookXShopifyTopic | Unset = UNSET,
    x_shopify_webhook_id: str | Unset = UNSET,

) -> Response[Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook]:
    """ Shopify ``orders/create``, ``orders/cancelled`` and ``refunds/create`` (X-Shopify-Hmac-Sha256).

    Args:
        tenant_id (str): An id in another system
        x_shopify_topic (ShopsShopifyWebhookXShopifyTopic | Unset):
        x_shopify_webhook_id (str | Unset): An id in another system
        body (ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
body=body,
x_shopify_topic=x_shopify_topic,
x_shopify_webhook_id=x_shopify_webhook_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund,
    x_shopify_topic: ShopsShopifyWebhookXShopifyTopic | Unset = UNSET,
    x_shopify_webhook_id: str | Unset = UNSET,

) -> Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook | None:
    """ Shopify ``orders/create``, ``orders/cancelled`` and ``refunds/create`` (X-Shopify-Hmac-Sha256).

    Args:
        tenant_id (str): An id in another system
        x_shopify_topic (ShopsShopifyWebhookXShopifyTopic | Unset):
        x_shopify_webhook_id (str | Unset): An id in another system
        body (ShopsShopifyWebhookShopifyOrder | ShopsShopifyWebhookShopifyRefund):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShopsShopifyWebhookResponseShopsShopifyWebhook
     """


    return (await asyncio_detailed(
        tenant_id=tenant_id,
client=client,
body=body,
x_shopify_topic=x_shopify_topic,
x_shopify_webhook_id=x_shopify_webhook_id,

    )).parsed
