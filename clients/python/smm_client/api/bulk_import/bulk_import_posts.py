from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bulk_import_posts_format_type_0 import BulkImportPostsFormatType0
from ...models.bulk_import_posts_format_type_0 import check_bulk_import_posts_format_type_0
from ...models.bulk_import_posts_json_import_row import BulkImportPostsJsonImportRow
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    body: list[BulkImportPostsJsonImportRow],
    format_: BulkImportPostsFormatType0 | None | Unset = UNSET,
    only_valid: bool | Unset = False,
    brand_id: None | Unset | UUID = UNSET,
    dry_run: bool | Unset = False,
    x_actor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_actor, Unset):
        headers["x-actor"] = x_actor



    

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, str):
        json_format_ = format_
    else:
        json_format_ = format_
    params["format"] = json_format_

    params["only_valid"] = only_valid

    json_brand_id: None | str | Unset
    if isinstance(brand_id, Unset):
        json_brand_id = UNSET
    elif isinstance(brand_id, UUID):
        json_brand_id = str(brand_id)
    else:
        json_brand_id = brand_id
    params["brand_id"] = json_brand_id

    params["dry_run"] = dry_run


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/imports/posts",
        "params": params,
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)



    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 201:
        response_201 = response.json()
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkImportPostsJsonImportRow],
    format_: BulkImportPostsFormatType0 | None | Unset = UNSET,
    only_valid: bool | Unset = False,
    brand_id: None | Unset | UUID = UNSET,
    dry_run: bool | Unset = False,
    x_actor: None | str | Unset = UNSET,

) -> Response[Any | Problem]:
    """ Import posts from CSV or JSON (all or nothing unless only_valid)

     API key scope: `publish`.

    Args:
        format_ (BulkImportPostsFormatType0 | None | Unset):
        only_valid (bool | Unset): Import the good rows, report the bad ones Default: False.
        brand_id (None | Unset | UUID):
        dry_run (bool | Unset): Check every row and report the bad ones; save nothing (200)
            Default: False.
        x_actor (None | str | Unset): Who does this (shown in history)
        body (list[BulkImportPostsJsonImportRow]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
format_=format_,
only_valid=only_valid,
brand_id=brand_id,
dry_run=dry_run,
x_actor=x_actor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkImportPostsJsonImportRow],
    format_: BulkImportPostsFormatType0 | None | Unset = UNSET,
    only_valid: bool | Unset = False,
    brand_id: None | Unset | UUID = UNSET,
    dry_run: bool | Unset = False,
    x_actor: None | str | Unset = UNSET,

) -> Any | Problem | None:
    """ Import posts from CSV or JSON (all or nothing unless only_valid)

     API key scope: `publish`.

    Args:
        format_ (BulkImportPostsFormatType0 | None | Unset):
        only_valid (bool | Unset): Import the good rows, report the bad ones Default: False.
        brand_id (None | Unset | UUID):
        dry_run (bool | Unset): Check every row and report the bad ones; save nothing (200)
            Default: False.
        x_actor (None | str | Unset): Who does this (shown in history)
        body (list[BulkImportPostsJsonImportRow]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return sync_detailed(
        client=client,
body=body,
format_=format_,
only_valid=only_valid,
brand_id=brand_id,
dry_run=dry_run,
x_actor=x_actor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkImportPostsJsonImportRow],
    format_: BulkImportPostsFormatType0 | None | Unset = UNSET,
    only_valid: bool | Unset = False,
    brand_id: None | Unset | UUID = UNSET,
    dry_run: bool | Unset = False,
    x_actor: None | str | Unset = UNSET,

) -> Response[Any | Problem]:
    """ Import posts from CSV or JSON (all or nothing unless only_valid)

     API key scope: `publish`.

    Args:
        format_ (BulkImportPostsFormatType0 | None | Unset):
        only_valid (bool | Unset): Import the good rows, report the bad ones Default: False.
        brand_id (None | Unset | UUID):
        dry_run (bool | Unset): Check every row and report the bad ones; save nothing (200)
            Default: False.
        x_actor (None | str | Unset): Who does this (shown in history)
        body (list[BulkImportPostsJsonImportRow]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
format_=format_,
only_valid=only_valid,
brand_id=brand_id,
dry_run=dry_run,
x_actor=x_actor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkImportPostsJsonImportRow],
    format_: BulkImportPostsFormatType0 | None | Unset = UNSET,
    only_valid: bool | Unset = False,
    brand_id: None | Unset | UUID = UNSET,
    dry_run: bool | Unset = False,
    x_actor: None | str | Unset = UNSET,

) -> Any | Problem | None:
    """ Import posts from CSV or JSON (all or nothing unless only_valid)

     API key scope: `publish`.

    Args:
        format_ (BulkImportPostsFormatType0 | None | Unset):
        only_valid (bool | Unset): Import the good rows, report the bad ones Default: False.
        brand_id (None | Unset | UUID):
        dry_run (bool | Unset): Check every row and report the bad ones; save nothing (200)
            Default: False.
        x_actor (None | str | Unset): Who does this (shown in history)
        body (list[BulkImportPostsJsonImportRow]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
format_=format_,
only_valid=only_valid,
brand_id=brand_id,
dry_run=dry_run,
x_actor=x_actor,

    )).parsed
