from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.post_read import PostRead
from ...models.problem import Problem
from ...models.review_decision import ReviewDecision
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    post_id: UUID,
    *,
    body: None | ReviewDecision | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_actor, Unset):
        headers["x-actor"] = x_actor



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/posts/{post_id}/approve".format(post_id=quote(str(post_id), safe=""),),
    }

    
    if isinstance(body, ReviewDecision):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PostRead | Problem | None:
    if response.status_code == 200:
        response_200 = PostRead.from_dict(response.json())



        return response_200

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
    post_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: None | ReviewDecision | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> Response[PostRead | Problem]:
    """ in_review → approved → scheduled

     API key scope: `publish`.

    Args:
        post_id (UUID):
        x_actor (None | str | Unset): Who does this (shown in history)
        body (None | ReviewDecision | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostRead | Problem]
     """


    kwargs = _get_kwargs(
        post_id=post_id,
body=body,
x_actor=x_actor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    post_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: None | ReviewDecision | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> PostRead | Problem | None:
    """ in_review → approved → scheduled

     API key scope: `publish`.

    Args:
        post_id (UUID):
        x_actor (None | str | Unset): Who does this (shown in history)
        body (None | ReviewDecision | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostRead | Problem
     """


    return sync_detailed(
        post_id=post_id,
client=client,
body=body,
x_actor=x_actor,

    ).parsed

async def asyncio_detailed(
    post_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: None | ReviewDecision | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> Response[PostRead | Problem]:
    """ in_review → approved → scheduled

     API key scope: `publish`.

    Args:
        post_id (UUID):
        x_actor (None | str | Unset): Who does this (shown in history)
        body (None | ReviewDecision | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostRead | Problem]
     """


    kwargs = _get_kwargs(
        post_id=post_id,
body=body,
x_actor=x_actor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    post_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: None | ReviewDecision | Unset = UNSET,
    x_actor: None | str | Unset = UNSET,

) -> PostRead | Problem | None:
    """ in_review → approved → scheduled

     API key scope: `publish`.

    Args:
        post_id (UUID):
        x_actor (None | str | Unset): Who does this (shown in history)
        body (None | ReviewDecision | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostRead | Problem
     """


    return (await asyncio_detailed(
        post_id=post_id,
client=client,
body=body,
x_actor=x_actor,

    )).parsed
