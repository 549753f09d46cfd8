from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.channels_report import ChannelsReport
from ...models.problem import Problem
from ...models.reports_channels_model import check_reports_channels_model
from ...models.reports_channels_model import ReportsChannelsModel
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    model: ReportsChannelsModel | Unset = 'last_touch',
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_model: str | Unset = UNSET
    if not isinstance(model, Unset):
        json_model = model

    params["model"] = json_model

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/channels",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ChannelsReport | Problem | None:
    if response.status_code == 200:
        response_200 = ChannelsReport.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ChannelsReport | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: ReportsChannelsModel | Unset = 'last_touch',
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,

) -> Response[ChannelsReport | Problem]:
    """ SMM's share of revenue beside the other channels

     Revenue, share and orders per channel and currency; per currency revenue from posts, SMM revenue and
    share, revenue and orders SMM influenced, and those it assisted (the last non-direct touch was
    another
    channel).

    API key scope: `read-only`.

    Args:
        model (ReportsChannelsModel | Unset):  Default: 'last_touch'.
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelsReport | Problem]
     """


    kwargs = _get_kwargs(
        model=model,
since=since,
until=until,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    model: ReportsChannelsModel | Unset = 'last_touch',
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,

) -> ChannelsReport | Problem | None:
    """ SMM's share of revenue beside the other channels

     Revenue, share and orders per channel and currency; per currency revenue from posts, SMM revenue and
    share, revenue and orders SMM influenced, and those it assisted (the last non-direct touch was
    another
    channel).

    API key scope: `read-only`.

    Args:
        model (ReportsChannelsModel | Unset):  Default: 'last_touch'.
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelsReport | Problem
     """


    return sync_detailed(
        client=client,
model=model,
since=since,
until=until,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: ReportsChannelsModel | Unset = 'last_touch',
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,

) -> Response[ChannelsReport | Problem]:
    """ SMM's share of revenue beside the other channels

     Revenue, share and orders per channel and currency; per currency revenue from posts, SMM revenue and
    share, revenue and orders SMM influenced, and those it assisted (the last non-direct touch was
    another
    channel).

    API key scope: `read-only`.

    Args:
        model (ReportsChannelsModel | Unset):  Default: 'last_touch'.
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelsReport | Problem]
     """


    kwargs = _get_kwargs(
        model=model,
since=since,
until=until,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    model: ReportsChannelsModel | Unset = 'last_touch',
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,

) -> ChannelsReport | Problem | None:
    """ SMM's share of revenue beside the other channels

     Revenue, share and orders per channel and currency; per currency revenue from posts, SMM revenue and
    share, revenue and orders SMM influenced, and those it assisted (the last non-direct touch was
    another
    channel).

    API key scope: `read-only`.

    Args:
        model (ReportsChannelsModel | Unset):  Default: 'last_touch'.
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelsReport | Problem
     """


    return (await asyncio_detailed(
        client=client,
model=model,
since=since,
until=until,

    )).parsed
