from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.heatmap import Heatmap
from ...models.problem import Problem
from ...models.reports_best_times_metric import check_reports_best_times_metric
from ...models.reports_best_times_metric import ReportsBestTimesMetric
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    account_id: UUID,
    *,
    metric: ReportsBestTimesMetric | Unset = 'interactions',
    min_samples: int | Unset = 3,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_metric: str | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric

    params["metric"] = json_metric

    params["min_samples"] = min_samples


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/accounts/{account_id}/best-times".format(account_id=quote(str(account_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Heatmap | Problem | None:
    if response.status_code == 200:
        response_200 = Heatmap.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Heatmap | Problem]:
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
    metric: ReportsBestTimesMetric | Unset = 'interactions',
    min_samples: int | Unset = 3,

) -> Response[Heatmap | Problem]:
    """ Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

     Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

    API key scope: `read-only`.

    Args:
        account_id (UUID):
        metric (ReportsBestTimesMetric | Unset):  Default: 'interactions'.
        min_samples (int | Unset):  Default: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Heatmap | Problem]
     """


    kwargs = _get_kwargs(
        account_id=account_id,
metric=metric,
min_samples=min_samples,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    metric: ReportsBestTimesMetric | Unset = 'interactions',
    min_samples: int | Unset = 3,

) -> Heatmap | Problem | None:
    """ Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

     Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

    API key scope: `read-only`.

    Args:
        account_id (UUID):
        metric (ReportsBestTimesMetric | Unset):  Default: 'interactions'.
        min_samples (int | Unset):  Default: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Heatmap | Problem
     """


    return sync_detailed(
        account_id=account_id,
client=client,
metric=metric,
min_samples=min_samples,

    ).parsed

async def asyncio_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    metric: ReportsBestTimesMetric | Unset = 'interactions',
    min_samples: int | Unset = 3,

) -> Response[Heatmap | Problem]:
    """ Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

     Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

    API key scope: `read-only`.

    Args:
        account_id (UUID):
        metric (ReportsBestTimesMetric | Unset):  Default: 'interactions'.
        min_samples (int | Unset):  Default: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Heatmap | Problem]
     """


    kwargs = _get_kwargs(
        account_id=account_id,
metric=metric,
min_samples=min_samples,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    metric: ReportsBestTimesMetric | Unset = 'interactions',
    min_samples: int | Unset = 3,

) -> Heatmap | Problem | None:
    """ Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

     Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots.

    API key scope: `read-only`.

    Args:
        account_id (UUID):
        metric (ReportsBestTimesMetric | Unset):  Default: 'interactions'.
        min_samples (int | Unset):  Default: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Heatmap | Problem
     """


    return (await asyncio_detailed(
        account_id=account_id,
client=client,
metric=metric,
min_samples=min_samples,

    )).parsed
