from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    recurrence_id: UUID,
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_tz: None | str | Unset
    if isinstance(tz, Unset):
        json_tz = UNSET
    else:
        json_tz = tz
    params["tz"] = json_tz


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/recurrences/{recurrence_id}/occurrences".format(recurrence_id=quote(str(recurrence_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | list[datetime.datetime] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in (_response_200):
            response_200_item = datetime.datetime.fromisoformat(response_200_item_data)



            response_200.append(response_200_item)

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | list[datetime.datetime]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    recurrence_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: None | str | Unset = UNSET,

) -> Response[Problem | list[datetime.datetime]]:
    """ Occurrences in [from, to), expanded on demand (at most 1000; more is a 422)

     API key scope: `read-only`.

    Args:
        recurrence_id (UUID):
        from_ (datetime.datetime): With a UTC offset, from 2000 up to 2100
        to (datetime.datetime): With a UTC offset, from 2000 up to 2100
        tz (None | str | Unset): IANA zone to show times in (default UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[datetime.datetime]]
     """


    kwargs = _get_kwargs(
        recurrence_id=recurrence_id,
from_=from_,
to=to,
tz=tz,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    recurrence_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: None | str | Unset = UNSET,

) -> Problem | list[datetime.datetime] | None:
    """ Occurrences in [from, to), expanded on demand (at most 1000; more is a 422)

     API key scope: `read-only`.

    Args:
        recurrence_id (UUID):
        from_ (datetime.datetime): With a UTC offset, from 2000 up to 2100
        to (datetime.datetime): With a UTC offset, from 2000 up to 2100
        tz (None | str | Unset): IANA zone to show times in (default UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[datetime.datetime]
     """


    return sync_detailed(
        recurrence_id=recurrence_id,
client=client,
from_=from_,
to=to,
tz=tz,

    ).parsed

async def asyncio_detailed(
    recurrence_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: None | str | Unset = UNSET,

) -> Response[Problem | list[datetime.datetime]]:
    """ Occurrences in [from, to), expanded on demand (at most 1000; more is a 422)

     API key scope: `read-only`.

    Args:
        recurrence_id (UUID):
        from_ (datetime.datetime): With a UTC offset, from 2000 up to 2100
        to (datetime.datetime): With a UTC offset, from 2000 up to 2100
        tz (None | str | Unset): IANA zone to show times in (default UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[datetime.datetime]]
     """


    kwargs = _get_kwargs(
        recurrence_id=recurrence_id,
from_=from_,
to=to,
tz=tz,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    recurrence_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: None | str | Unset = UNSET,

) -> Problem | list[datetime.datetime] | None:
    """ Occurrences in [from, to), expanded on demand (at most 1000; more is a 422)

     API key scope: `read-only`.

    Args:
        recurrence_id (UUID):
        from_ (datetime.datetime): With a UTC offset, from 2000 up to 2100
        to (datetime.datetime): With a UTC offset, from 2000 up to 2100
        tz (None | str | Unset): IANA zone to show times in (default UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[datetime.datetime]
     """


    return (await asyncio_detailed(
        recurrence_id=recurrence_id,
client=client,
from_=from_,
to=to,
tz=tz,

    )).parsed
