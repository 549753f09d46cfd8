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



def _get_kwargs(
    *,
    key: str,
    url_query: None | str | Unset = UNSET,
    referrer: None | str | Unset = UNSET,
    visitor_id: None | str | Unset = UNSET,
    page_view_id: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["key"] = key

    json_url_query: None | str | Unset
    if isinstance(url_query, Unset):
        json_url_query = UNSET
    else:
        json_url_query = url_query
    params["url"] = json_url_query

    json_referrer: None | str | Unset
    if isinstance(referrer, Unset):
        json_referrer = UNSET
    else:
        json_referrer = referrer
    params["referrer"] = json_referrer

    json_visitor_id: None | str | Unset
    if isinstance(visitor_id, Unset):
        json_visitor_id = UNSET
    else:
        json_visitor_id = visitor_id
    params["visitor_id"] = json_visitor_id

    json_page_view_id: None | str | Unset
    if isinstance(page_view_id, Unset):
        json_page_view_id = UNSET
    else:
        json_page_view_id = page_view_id
    params["page_view_id"] = json_page_view_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/t/p.gif",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | None:
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    key: str,
    url_query: None | str | Unset = UNSET,
    referrer: None | str | Unset = UNSET,
    visitor_id: None | str | Unset = UNSET,
    page_view_id: None | str | Unset = UNSET,

) -> Response[Problem]:
    """ Record a page view without JavaScript (an <img>)

     The page is ``url`` or else the Referer; the visitor is ``visitor_id``, else our ``smm_vid`` cookie.

    Args:
        key (str): The tenant's site key (POST /site-keys)
        url_query (None | str | Unset):
        referrer (None | str | Unset):
        visitor_id (None | str | Unset):
        page_view_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
     """


    kwargs = _get_kwargs(
        key=key,
url_query=url_query,
referrer=referrer,
visitor_id=visitor_id,
page_view_id=page_view_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    key: str,
    url_query: None | str | Unset = UNSET,
    referrer: None | str | Unset = UNSET,
    visitor_id: None | str | Unset = UNSET,
    page_view_id: None | str | Unset = UNSET,

) -> Problem | None:
    """ Record a page view without JavaScript (an <img>)

     The page is ``url`` or else the Referer; the visitor is ``visitor_id``, else our ``smm_vid`` cookie.

    Args:
        key (str): The tenant's site key (POST /site-keys)
        url_query (None | str | Unset):
        referrer (None | str | Unset):
        visitor_id (None | str | Unset):
        page_view_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
     """


    return sync_detailed(
        client=client,
key=key,
url_query=url_query,
referrer=referrer,
visitor_id=visitor_id,
page_view_id=page_view_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    key: str,
    url_query: None | str | Unset = UNSET,
    referrer: None | str | Unset = UNSET,
    visitor_id: None | str | Unset = UNSET,
    page_view_id: None | str | Unset = UNSET,

) -> Response[Problem]:
    """ Record a page view without JavaScript (an <img>)

     The page is ``url`` or else the Referer; the visitor is ``visitor_id``, else our ``smm_vid`` cookie.

    Args:
        key (str): The tenant's site key (POST /site-keys)
        url_query (None | str | Unset):
        referrer (None | str | Unset):
        visitor_id (None | str | Unset):
        page_view_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
     """


    kwargs = _get_kwargs(
        key=key,
url_query=url_query,
referrer=referrer,
visitor_id=visitor_id,
page_view_id=page_view_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    key: str,
    url_query: None | str | Unset = UNSET,
    referrer: None | str | Unset = UNSET,
    visitor_id: None | str | Unset = UNSET,
    page_view_id: None | str | Unset = UNSET,

) -> Problem | None:
    """ Record a page view without JavaScript (an <img>)

     The page is ``url`` or else the Referer; the visitor is ``visitor_id``, else our ``smm_vid`` cookie.

    Args:
        key (str): The tenant's site key (POST /site-keys)
        url_query (None | str | Unset):
        referrer (None | str | Unset):
        visitor_id (None | str | Unset):
        page_view_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
     """


    return (await asyncio_detailed(
        client=client,
key=key,
url_query=url_query,
referrer=referrer,
visitor_id=visitor_id,
page_view_id=page_view_id,

    )).parsed
