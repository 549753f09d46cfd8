from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.calendar_ics_network_type_0 import CalendarIcsNetworkType0
from ...models.calendar_ics_network_type_0 import check_calendar_ics_network_type_0
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    from_: datetime.date,
    to: datetime.date,
    tz: str | Unset = 'UTC',
    brand_id: None | Unset | UUID = UNSET,
    account_id: None | Unset | UUID = UNSET,
    network: CalendarIcsNetworkType0 | None | Unset = UNSET,
    campaign: None | str | Unset = UNSET,
    pillar: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    params["tz"] = tz

    json_brand_id: None | str | Unset
    if isinstance(brand_id, Unset):
        json_brand_id = UNSET
    elif isinstance(brand_id, UUID):
        json_brand_id = str(brand_id)
    else:
        json_brand_id = brand_id
    params["brand_id"] = json_brand_id

    json_account_id: None | str | Unset
    if isinstance(account_id, Unset):
        json_account_id = UNSET
    elif isinstance(account_id, UUID):
        json_account_id = str(account_id)
    else:
        json_account_id = account_id
    params["account_id"] = json_account_id

    json_network: None | str | Unset
    if isinstance(network, Unset):
        json_network = UNSET
    elif isinstance(network, str):
        json_network = network
    else:
        json_network = network
    params["network"] = json_network

    json_campaign: None | str | Unset
    if isinstance(campaign, Unset):
        json_campaign = UNSET
    else:
        json_campaign = campaign
    params["campaign"] = json_campaign

    json_pillar: None | str | Unset
    if isinstance(pillar, Unset):
        json_pillar = UNSET
    else:
        json_pillar = pillar
    params["pillar"] = json_pillar

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/calendar.ics",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    tz: str | Unset = 'UTC',
    brand_id: None | Unset | UUID = UNSET,
    account_id: None | Unset | UUID = UNSET,
    network: CalendarIcsNetworkType0 | None | Unset = UNSET,
    campaign: None | str | Unset = UNSET,
    pillar: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,

) -> Response[Problem | str]:
    """ iCalendar export of the same range and filters

     API key scope: `read-only`.

    Args:
        from_ (datetime.date): From 2000 up to 2100
        to (datetime.date): From 2000 up to 2100
        tz (str | Unset): An IANA time zone, e.g. Europe/Berlin Default: 'UTC'.
        brand_id (None | Unset | UUID):
        account_id (None | Unset | UUID):
        network (CalendarIcsNetworkType0 | None | Unset):
        campaign (None | str | Unset):
        pillar (None | str | Unset):
        status (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
tz=tz,
brand_id=brand_id,
account_id=account_id,
network=network,
campaign=campaign,
pillar=pillar,
status=status,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    tz: str | Unset = 'UTC',
    brand_id: None | Unset | UUID = UNSET,
    account_id: None | Unset | UUID = UNSET,
    network: CalendarIcsNetworkType0 | None | Unset = UNSET,
    campaign: None | str | Unset = UNSET,
    pillar: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,

) -> Problem | str | None:
    """ iCalendar export of the same range and filters

     API key scope: `read-only`.

    Args:
        from_ (datetime.date): From 2000 up to 2100
        to (datetime.date): From 2000 up to 2100
        tz (str | Unset): An IANA time zone, e.g. Europe/Berlin Default: 'UTC'.
        brand_id (None | Unset | UUID):
        account_id (None | Unset | UUID):
        network (CalendarIcsNetworkType0 | None | Unset):
        campaign (None | str | Unset):
        pillar (None | str | Unset):
        status (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
     """


    return sync_detailed(
        client=client,
from_=from_,
to=to,
tz=tz,
brand_id=brand_id,
account_id=account_id,
network=network,
campaign=campaign,
pillar=pillar,
status=status,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    tz: str | Unset = 'UTC',
    brand_id: None | Unset | UUID = UNSET,
    account_id: None | Unset | UUID = UNSET,
    network: CalendarIcsNetworkType0 | None | Unset = UNSET,
    campaign: None | str | Unset = UNSET,
    pillar: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,

) -> Response[Problem | str]:
    """ iCalendar export of the same range and filters

     API key scope: `read-only`.

    Args:
        from_ (datetime.date): From 2000 up to 2100
        to (datetime.date): From 2000 up to 2100
        tz (str | Unset): An IANA time zone, e.g. Europe/Berlin Default: 'UTC'.
        brand_id (None | Unset | UUID):
        account_id (None | Unset | UUID):
        network (CalendarIcsNetworkType0 | None | Unset):
        campaign (None | str | Unset):
        pillar (None | str | Unset):
        status (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
tz=tz,
brand_id=brand_id,
account_id=account_id,
network=network,
campaign=campaign,
pillar=pillar,
status=status,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    tz: str | Unset = 'UTC',
    brand_id: None | Unset | UUID = UNSET,
    account_id: None | Unset | UUID = UNSET,
    network: CalendarIcsNetworkType0 | None | Unset = UNSET,
    campaign: None | str | Unset = UNSET,
    pillar: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,

) -> Problem | str | None:
    """ iCalendar export of the same range and filters

     API key scope: `read-only`.

    Args:
        from_ (datetime.date): From 2000 up to 2100
        to (datetime.date): From 2000 up to 2100
        tz (str | Unset): An IANA time zone, e.g. Europe/Berlin Default: 'UTC'.
        brand_id (None | Unset | UUID):
        account_id (None | Unset | UUID):
        network (CalendarIcsNetworkType0 | None | Unset):
        campaign (None | str | Unset):
        pillar (None | str | Unset):
        status (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
     """


    return (await asyncio_detailed(
        client=client,
from_=from_,
to=to,
tz=tz,
brand_id=brand_id,
account_id=account_id,
network=network,
campaign=campaign,
pillar=pillar,
status=status,

    )).parsed
