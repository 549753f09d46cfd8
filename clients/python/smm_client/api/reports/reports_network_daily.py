from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.daily_aggregates import DailyAggregates
from ...models.problem import Problem
from ...models.reports_network_daily_network import check_reports_network_daily_network
from ...models.reports_network_daily_network import ReportsNetworkDailyNetwork
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    network: ReportsNetworkDailyNetwork,
    *,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

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


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/networks/{network}/daily".format(network=quote(str(network), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DailyAggregates | Problem | None:
    if response.status_code == 200:
        response_200 = DailyAggregates.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DailyAggregates | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    network: ReportsNetworkDailyNetwork,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,

) -> Response[DailyAggregates | Problem]:
    """ A network's engagement per day, over the tenant's accounts

     API key scope: `read-only`.

    Args:
        network (ReportsNetworkDailyNetwork): One of: telegram, vk, mastodon, bluesky, x,
            facebook, instagram, linkedin, threads, pinterest, youtube, tiktok, reddit, discord, gbp
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DailyAggregates | Problem]
     """


    kwargs = _get_kwargs(
        network=network,
since=since,
until=until,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    network: ReportsNetworkDailyNetwork,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,

) -> DailyAggregates | Problem | None:
    """ A network's engagement per day, over the tenant's accounts

     API key scope: `read-only`.

    Args:
        network (ReportsNetworkDailyNetwork): One of: telegram, vk, mastodon, bluesky, x,
            facebook, instagram, linkedin, threads, pinterest, youtube, tiktok, reddit, discord, gbp
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DailyAggregates | Problem
     """


    return sync_detailed(
        network=network,
client=client,
since=since,
until=until,

    ).parsed

async def asyncio_detailed(
    network: ReportsNetworkDailyNetwork,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,

) -> Response[DailyAggregates | Problem]:
    """ A network's engagement per day, over the tenant's accounts

     API key scope: `read-only`.

    Args:
        network (ReportsNetworkDailyNetwork): One of: telegram, vk, mastodon, bluesky, x,
            facebook, instagram, linkedin, threads, pinterest, youtube, tiktok, reddit, discord, gbp
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DailyAggregates | Problem]
     """


    kwargs = _get_kwargs(
        network=network,
since=since,
until=until,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    network: ReportsNetworkDailyNetwork,
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,

) -> DailyAggregates | Problem | None:
    """ A network's engagement per day, over the tenant's accounts

     API key scope: `read-only`.

    Args:
        network (ReportsNetworkDailyNetwork): One of: telegram, vk, mastodon, bluesky, x,
            facebook, instagram, linkedin, threads, pinterest, youtube, tiktok, reddit, discord, gbp
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DailyAggregates | Problem
     """


    return (await asyncio_detailed(
        network=network,
client=client,
since=since,
until=until,

    )).parsed
