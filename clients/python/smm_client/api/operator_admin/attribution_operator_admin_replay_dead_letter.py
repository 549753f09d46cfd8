from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.dead_letter_read import DeadLetterRead
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    dead_letter_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/attribution/admin/dead-letters/{dead_letter_id}/replay".format(dead_letter_id=quote(str(dead_letter_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DeadLetterRead | Problem | None:
    if response.status_code == 202:
        response_202 = DeadLetterRead.from_dict(response.json())



        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DeadLetterRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dead_letter_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> Response[DeadLetterRead | Problem]:
    """ Re-publish the message to its topic (durably, through the outbox). 409 if it still does not decode.

    Args:
        dead_letter_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadLetterRead | Problem]
     """


    kwargs = _get_kwargs(
        dead_letter_id=dead_letter_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    dead_letter_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> DeadLetterRead | Problem | None:
    """ Re-publish the message to its topic (durably, through the outbox). 409 if it still does not decode.

    Args:
        dead_letter_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadLetterRead | Problem
     """


    return sync_detailed(
        dead_letter_id=dead_letter_id,
client=client,

    ).parsed

async def asyncio_detailed(
    dead_letter_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> Response[DeadLetterRead | Problem]:
    """ Re-publish the message to its topic (durably, through the outbox). 409 if it still does not decode.

    Args:
        dead_letter_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadLetterRead | Problem]
     """


    kwargs = _get_kwargs(
        dead_letter_id=dead_letter_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    dead_letter_id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> DeadLetterRead | Problem | None:
    """ Re-publish the message to its topic (durably, through the outbox). 409 if it still does not decode.

    Args:
        dead_letter_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadLetterRead | Problem
     """


    return (await asyncio_detailed(
        dead_letter_id=dead_letter_id,
client=client,

    )).parsed
