from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.shops_woocommerce_webhook_response_shops_woocommerce_webhook import ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook
from ...models.shops_woocommerce_webhook_woo_order import ShopsWoocommerceWebhookWooOrder
from ...models.shops_woocommerce_webhook_xwc_webhook_topic import check_shops_woocommerce_webhook_xwc_webhook_topic
from ...models.shops_woocommerce_webhook_xwc_webhook_topic import ShopsWoocommerceWebhookXWCWebhookTopic
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    tenant_id: str,
    *,
    body: ShopsWoocommerceWebhookWooOrder,
    x_wc_webhook_topic: ShopsWoocommerceWebhookXWCWebhookTopic | Unset = UNSET,
    x_wc_webhook_delivery_id: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_wc_webhook_topic, Unset):
        headers["X-WC-Webhook-Topic"] = str(x_wc_webhook_topic)


    if not isinstance(x_wc_webhook_delivery_id, Unset):
        headers["X-WC-Webhook-Delivery-ID"] = x_wc_webhook_delivery_id



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks/woocommerce/{tenant_id}".format(tenant_id=quote(str(tenant_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook | None:
    if response.status_code == 200:
        response_200 = ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook]:
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
    body: ShopsWoocommerceWebhookWooOrder,
    x_wc_webhook_topic: ShopsWoocommerceWebhookXWCWebhookTopic | Unset = UNSET,
    x_wc_webhook_delivery_id: str | Unset = UNSET,

) -> Response[Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook]:
    """ WooCommerce ``order.created`` / ``order.updated`` (X-WC-Webhook-Signature); the creation ping gets
    200.

    Args:
        tenant_id (str): An id in another system
        x_wc_webhook_topic (ShopsWoocommerceWebhookXWCWebhookTopic | Unset):
        x_wc_webhook_delivery_id (str | Unset): An id in another system
        body (ShopsWoocommerceWebhookWooOrder):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
body=body,
x_wc_webhook_topic=x_wc_webhook_topic,
x_wc_webhook_delivery_id=x_wc_webhook_delivery_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShopsWoocommerceWebhookWooOrder,
    x_wc_webhook_topic: ShopsWoocommerceWebhookXWCWebhookTopic | Unset = UNSET,
    x_wc_webhook_delivery_id: str | Unset = UNSET,

) -> Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook | None:
    """ WooCommerce ``order.created`` / ``order.updated`` (X-WC-Webhook-Signature); the creation ping gets
    200.

    Args:
        tenant_id (str): An id in another system
        x_wc_webhook_topic (ShopsWoocommerceWebhookXWCWebhookTopic | Unset):
        x_wc_webhook_delivery_id (str | Unset): An id in another system
        body (ShopsWoocommerceWebhookWooOrder):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook
     """


    return sync_detailed(
        tenant_id=tenant_id,
client=client,
body=body,
x_wc_webhook_topic=x_wc_webhook_topic,
x_wc_webhook_delivery_id=x_wc_webhook_delivery_id,

    ).parsed

async def asyncio_detailed(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShopsWoocommerceWebhookWooOrder,
    x_wc_webhook_topic: ShopsWoocommerceWebhookXWCWebhookTopic | Unset = UNSET,
    x_wc_webhook_delivery_id: str | Unset = UNSET,

) -> Response[Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook]:
    """ WooCommerce ``order.created`` / ``order.updated`` (X-WC-Webhook-Signature); the creation ping gets
    200.

    Args:
        tenant_id (str): An id in another system
        x_wc_webhook_topic (ShopsWoocommerceWebhookXWCWebhookTopic | Unset):
        x_wc_webhook_delivery_id (str | Unset): An id in another system
        body (ShopsWoocommerceWebhookWooOrder):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook]
     """


    kwargs = _get_kwargs(
        tenant_id=tenant_id,
body=body,
x_wc_webhook_topic=x_wc_webhook_topic,
x_wc_webhook_delivery_id=x_wc_webhook_delivery_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShopsWoocommerceWebhookWooOrder,
    x_wc_webhook_topic: ShopsWoocommerceWebhookXWCWebhookTopic | Unset = UNSET,
    x_wc_webhook_delivery_id: str | Unset = UNSET,

) -> Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook | None:
    """ WooCommerce ``order.created`` / ``order.updated`` (X-WC-Webhook-Signature); the creation ping gets
    200.

    Args:
        tenant_id (str): An id in another system
        x_wc_webhook_topic (ShopsWoocommerceWebhookXWCWebhookTopic | Unset):
        x_wc_webhook_delivery_id (str | Unset): An id in another system
        body (ShopsWoocommerceWebhookWooOrder):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook
     """


    return (await asyncio_detailed(
        tenant_id=tenant_id,
client=client,
body=body,
x_wc_webhook_topic=x_wc_webhook_topic,
x_wc_webhook_delivery_id=x_wc_webhook_delivery_id,

    )).parsed
