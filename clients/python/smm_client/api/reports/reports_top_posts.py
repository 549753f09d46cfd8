from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.reports_top_posts_metric import check_reports_top_posts_metric
from ...models.reports_top_posts_metric import ReportsTopPostsMetric
from ...models.reports_top_posts_network_type_0 import check_reports_top_posts_network_type_0
from ...models.reports_top_posts_network_type_0 import ReportsTopPostsNetworkType0
from ...models.top_posts import TopPosts
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    metric: ReportsTopPostsMetric | Unset = 'interactions',
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 10,
    network: None | ReportsTopPostsNetworkType0 | Unset = UNSET,
    account_id: None | Unset | UUID = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_metric: str | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric

    params["metric"] = json_metric

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.date):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.date):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    params["limit"] = limit

    json_network: None | str | Unset
    if isinstance(network, Unset):
        json_network = UNSET
    elif isinstance(network, str):
        json_network = network
    else:
        json_network = network
    params["network"] = json_network

    json_account_id: None | str | Unset
    if isinstance(account_id, Unset):
        json_account_id = UNSET
    elif isinstance(account_id, UUID):
        json_account_id = str(account_id)
    else:
        json_account_id = account_id
    params["account_id"] = json_account_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/top-posts",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TopPosts | None:
    if response.status_code == 200:
        response_200 = TopPosts.from_dict(response.json())



        return response_200

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TopPosts]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    metric: ReportsTopPostsMetric | Unset = 'interactions',
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 10,
    network: None | ReportsTopPostsNetworkType0 | Unset = UNSET,
    account_id: None | Unset | UUID = UNSET,

) -> Response[Problem | TopPosts]:
    """ The posts with the most engagement

     API key scope: `read-only`.

    Args:
        metric (ReportsTopPostsMetric | Unset):  Default: 'interactions'.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        limit (int | Unset):  Default: 10.
        network (None | ReportsTopPostsNetworkType0 | Unset):
        account_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TopPosts]
     """


    kwargs = _get_kwargs(
        metric=metric,
since=since,
until=until,
limit=limit,
network=network,
account_id=account_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    metric: ReportsTopPostsMetric | Unset = 'interactions',
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 10,
    network: None | ReportsTopPostsNetworkType0 | Unset = UNSET,
    account_id: None | Unset | UUID = UNSET,

) -> Problem | TopPosts | None:
    """ The posts with the most engagement

     API key scope: `read-only`.

    Args:
        metric (ReportsTopPostsMetric | Unset):  Default: 'interactions'.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        limit (int | Unset):  Default: 10.
        network (None | ReportsTopPostsNetworkType0 | Unset):
        account_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TopPosts
     """


    return sync_detailed(
        client=client,
metric=metric,
since=since,
until=until,
limit=limit,
network=network,
account_id=account_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    metric: ReportsTopPostsMetric | Unset = 'interactions',
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 10,
    network: None | ReportsTopPostsNetworkType0 | Unset = UNSET,
    account_id: None | Unset | UUID = UNSET,

) -> Response[Problem | TopPosts]:
    """ The posts with the most engagement

     API key scope: `read-only`.

    Args:
        metric (ReportsTopPostsMetric | Unset):  Default: 'interactions'.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        limit (int | Unset):  Default: 10.
        network (None | ReportsTopPostsNetworkType0 | Unset):
        account_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TopPosts]
     """


    kwargs = _get_kwargs(
        metric=metric,
since=since,
until=until,
limit=limit,
network=network,
account_id=account_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    metric: ReportsTopPostsMetric | Unset = 'interactions',
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 10,
    network: None | ReportsTopPostsNetworkType0 | Unset = UNSET,
    account_id: None | Unset | UUID = UNSET,

) -> Problem | TopPosts | None:
    """ The posts with the most engagement

     API key scope: `read-only`.

    Args:
        metric (ReportsTopPostsMetric | Unset):  Default: 'interactions'.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        limit (int | Unset):  Default: 10.
        network (None | ReportsTopPostsNetworkType0 | Unset):
        account_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TopPosts
     """


    return (await asyncio_detailed(
        client=client,
metric=metric,
since=since,
until=until,
limit=limit,
network=network,
account_id=account_id,

    )).parsed
