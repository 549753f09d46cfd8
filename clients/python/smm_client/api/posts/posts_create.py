from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.post_create import PostCreate
from ...models.post_read import PostRead
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: PostCreate,
    tz: None | str | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_actor, Unset):
        headers["x-actor"] = x_actor



    

    params: dict[str, Any] = {}

    json_tz: None | str | Unset
    if isinstance(tz, Unset):
        json_tz = UNSET
    else:
        json_tz = tz
    params["tz"] = json_tz


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/posts",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PostRead | Problem | None:
    if response.status_code == 201:
        response_201 = PostRead.from_dict(response.json())



        return response_201

    if response.status_code == 402:
        response_402 = Problem.from_dict(response.json())



        return response_402

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PostRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PostCreate,
    tz: None | str | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> Response[PostRead | Problem]:
    """ Plan a post on one or more accounts

     API key scope: `publish`.

    Args:
        tz (None | str | Unset): IANA zone to show times in (default UTC)
        x_actor (None | str | Unset): Who does this (shown in history)
        body (PostCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostRead | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
tz=tz,
x_actor=x_actor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PostCreate,
    tz: None | str | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> PostRead | Problem | None:
    """ Plan a post on one or more accounts

     API key scope: `publish`.

    Args:
        tz (None | str | Unset): IANA zone to show times in (default UTC)
        x_actor (None | str | Unset): Who does this (shown in history)
        body (PostCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostRead | Problem
     """


    return sync_detailed(
        client=client,
body=body,
tz=tz,
x_actor=x_actor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PostCreate,
    tz: None | str | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> Response[PostRead | Problem]:
    """ Plan a post on one or more accounts

     API key scope: `publish`.

    Args:
        tz (None | str | Unset): IANA zone to show times in (default UTC)
        x_actor (None | str | Unset): Who does this (shown in history)
        body (PostCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostRead | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
tz=tz,
x_actor=x_actor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PostCreate,
    tz: None | str | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> PostRead | Problem | None:
    """ Plan a post on one or more accounts

     API key scope: `publish`.

    Args:
        tz (None | str | Unset): IANA zone to show times in (default UTC)
        x_actor (None | str | Unset): Who does this (shown in history)
        body (PostCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostRead | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
tz=tz,
x_actor=x_actor,

    )).parsed
