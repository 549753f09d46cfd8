from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.connection_read import ConnectionRead
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    state: str,
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
    error_description: None | str | Unset = UNSET,
    device_id: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["state"] = state

    json_code: None | str | Unset
    if isinstance(code, Unset):
        json_code = UNSET
    else:
        json_code = code
    params["code"] = json_code

    json_error: None | str | Unset
    if isinstance(error, Unset):
        json_error = UNSET
    else:
        json_error = error
    params["error"] = json_error

    json_error_description: None | str | Unset
    if isinstance(error_description, Unset):
        json_error_description = UNSET
    else:
        json_error_description = error_description
    params["error_description"] = json_error_description

    json_device_id: None | str | Unset
    if isinstance(device_id, Unset):
        json_device_id = UNSET
    else:
        json_device_id = device_id
    params["device_id"] = json_device_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/connections/callback",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ConnectionRead | Problem | None:
    if response.status_code == 200:
        response_200 = ConnectionRead.from_dict(response.json())



        return response_200

    if response.status_code == 303:
        response_303 = cast(Any, None)
        return response_303

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ConnectionRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: str,
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
    error_description: None | str | Unset = UNSET,
    device_id: None | str | Unset = UNSET,

) -> Response[Any | ConnectionRead | Problem]:
    """ Where the network sends the person back

     No API key: ``state`` identifies the attempt. Denied consent, an unknown, used or expired ``state``,
    a
    refused code, missing permissions or an account another workspace holds: a problem answer, nothing
    kept.

    Args:
        state (str):
        code (None | str | Unset):
        error (None | str | Unset):
        error_description (None | str | Unset):
        device_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ConnectionRead | Problem]
     """


    kwargs = _get_kwargs(
        state=state,
code=code,
error=error,
error_description=error_description,
device_id=device_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    state: str,
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
    error_description: None | str | Unset = UNSET,
    device_id: None | str | Unset = UNSET,

) -> Any | ConnectionRead | Problem | None:
    """ Where the network sends the person back

     No API key: ``state`` identifies the attempt. Denied consent, an unknown, used or expired ``state``,
    a
    refused code, missing permissions or an account another workspace holds: a problem answer, nothing
    kept.

    Args:
        state (str):
        code (None | str | Unset):
        error (None | str | Unset):
        error_description (None | str | Unset):
        device_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ConnectionRead | Problem
     """


    return sync_detailed(
        client=client,
state=state,
code=code,
error=error,
error_description=error_description,
device_id=device_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: str,
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
    error_description: None | str | Unset = UNSET,
    device_id: None | str | Unset = UNSET,

) -> Response[Any | ConnectionRead | Problem]:
    """ Where the network sends the person back

     No API key: ``state`` identifies the attempt. Denied consent, an unknown, used or expired ``state``,
    a
    refused code, missing permissions or an account another workspace holds: a problem answer, nothing
    kept.

    Args:
        state (str):
        code (None | str | Unset):
        error (None | str | Unset):
        error_description (None | str | Unset):
        device_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ConnectionRead | Problem]
     """


    kwargs = _get_kwargs(
        state=state,
code=code,
error=error,
error_description=error_description,
device_id=device_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    state: str,
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
    error_description: None | str | Unset = UNSET,
    device_id: None | str | Unset = UNSET,

) -> Any | ConnectionRead | Problem | None:
    """ Where the network sends the person back

     No API key: ``state`` identifies the attempt. Denied consent, an unknown, used or expired ``state``,
    a
    refused code, missing permissions or an account another workspace holds: a problem answer, nothing
    kept.

    Args:
        state (str):
        code (None | str | Unset):
        error (None | str | Unset):
        error_description (None | str | Unset):
        device_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ConnectionRead | Problem
     """


    return (await asyncio_detailed(
        client=client,
state=state,
code=code,
error=error,
error_description=error_description,
device_id=device_id,

    )).parsed
