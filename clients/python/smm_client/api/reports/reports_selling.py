from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.reports_selling_currency_type_0 import check_reports_selling_currency_type_0
from ...models.reports_selling_currency_type_0 import ReportsSellingCurrencyType0
from ...models.reports_selling_measure import check_reports_selling_measure
from ...models.reports_selling_measure import ReportsSellingMeasure
from ...models.reports_selling_response_reports_selling import ReportsSellingResponseReportsSelling
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    since: datetime.date,
    until: datetime.date,
    brand_id: None | Unset | UUID = UNSET,
    measure: ReportsSellingMeasure | Unset = 'revenue',
    currency: None | ReportsSellingCurrencyType0 | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_since = since.isoformat()
    params["since"] = json_since

    json_until = until.isoformat()
    params["until"] = json_until

    json_brand_id: None | str | Unset
    if isinstance(brand_id, Unset):
        json_brand_id = UNSET
    elif isinstance(brand_id, UUID):
        json_brand_id = str(brand_id)
    else:
        json_brand_id = brand_id
    params["brand_id"] = json_brand_id

    json_measure: str | Unset = UNSET
    if not isinstance(measure, Unset):
        json_measure = measure

    params["measure"] = json_measure

    json_currency: None | str | Unset
    if isinstance(currency, Unset):
        json_currency = UNSET
    elif isinstance(currency, str):
        json_currency = currency
    else:
        json_currency = currency
    params["currency"] = json_currency


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/selling",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportsSellingResponseReportsSelling | None:
    if response.status_code == 200:
        response_200 = ReportsSellingResponseReportsSelling.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportsSellingResponseReportsSelling]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date,
    until: datetime.date,
    brand_id: None | Unset | UUID = UNSET,
    measure: ReportsSellingMeasure | Unset = 'revenue',
    currency: None | ReportsSellingCurrencyType0 | Unset = UNSET,

) -> Response[Problem | ReportsSellingResponseReportsSelling]:
    """ "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

     "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

    API key scope: `read-only`.

    Args:
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100
        brand_id (None | Unset | UUID):
        measure (ReportsSellingMeasure | Unset):  Default: 'revenue'.
        currency (None | ReportsSellingCurrencyType0 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportsSellingResponseReportsSelling]
     """


    kwargs = _get_kwargs(
        since=since,
until=until,
brand_id=brand_id,
measure=measure,
currency=currency,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date,
    until: datetime.date,
    brand_id: None | Unset | UUID = UNSET,
    measure: ReportsSellingMeasure | Unset = 'revenue',
    currency: None | ReportsSellingCurrencyType0 | Unset = UNSET,

) -> Problem | ReportsSellingResponseReportsSelling | None:
    """ "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

     "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

    API key scope: `read-only`.

    Args:
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100
        brand_id (None | Unset | UUID):
        measure (ReportsSellingMeasure | Unset):  Default: 'revenue'.
        currency (None | ReportsSellingCurrencyType0 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportsSellingResponseReportsSelling
     """


    return sync_detailed(
        client=client,
since=since,
until=until,
brand_id=brand_id,
measure=measure,
currency=currency,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date,
    until: datetime.date,
    brand_id: None | Unset | UUID = UNSET,
    measure: ReportsSellingMeasure | Unset = 'revenue',
    currency: None | ReportsSellingCurrencyType0 | Unset = UNSET,

) -> Response[Problem | ReportsSellingResponseReportsSelling]:
    """ "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

     "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

    API key scope: `read-only`.

    Args:
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100
        brand_id (None | Unset | UUID):
        measure (ReportsSellingMeasure | Unset):  Default: 'revenue'.
        currency (None | ReportsSellingCurrencyType0 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportsSellingResponseReportsSelling]
     """


    kwargs = _get_kwargs(
        since=since,
until=until,
brand_id=brand_id,
measure=measure,
currency=currency,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.date,
    until: datetime.date,
    brand_id: None | Unset | UUID = UNSET,
    measure: ReportsSellingMeasure | Unset = 'revenue',
    currency: None | ReportsSellingCurrencyType0 | Unset = UNSET,

) -> Problem | ReportsSellingResponseReportsSelling | None:
    """ "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

     "Is our SMM selling?": daily engagement against daily sales; lagged correlations (0-14 days),
    Granger tests both ways, adstock regression and a verdict. Correlation is not incrementality.

    API key scope: `read-only`.

    Args:
        since (datetime.date): From 2000 up to 2100
        until (datetime.date): From 2000 up to 2100
        brand_id (None | Unset | UUID):
        measure (ReportsSellingMeasure | Unset):  Default: 'revenue'.
        currency (None | ReportsSellingCurrencyType0 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportsSellingResponseReportsSelling
     """


    return (await asyncio_detailed(
        client=client,
since=since,
until=until,
brand_id=brand_id,
measure=measure,
currency=currency,

    )).parsed
