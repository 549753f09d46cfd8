"""Request body limits per route, counted while the body streams in: 413 problem+json, never a 1 GB read.

Every route takes ``HTTP_BODY_LIMIT_BYTES`` unless it declares its own with ``openapi_extra=body_limit(n)``;
the limit that applies is the ``x-body-limit`` of the operation in the service's OpenAPI document.
A declared Content-Length over the limit is refused before a byte is read; a missing or lying one
(chunked bodies) is caught as the bytes arrive.
"""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

KiB = 1024
MiB = 1024 * KiB
EXTENSION = "x-body-limit"


def body_limit(limit_bytes: int) -> dict:
    """``openapi_extra`` of a route whose bodies may be larger (or must be smaller) than the default."""
    return {EXTENSION: limit_bytes}


def limit_of(route: object, default: int) -> int:
    return (getattr(route, "openapi_extra", None) or {}).get(EXTENSION, default)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over this operation's limit of {limit} bytes (x-body-limit)")


class BodyLimit:
    """Pure ASGI: wraps ``receive`` only, so a request whose body is never read costs nothing."""

    def __init__(self, app: ASGIApp, *, default: int) -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0

        async def limited_receive():
            nonlocal received
            # The endpoint reads the body after routing, so scope["route"] names the operation by now.
            limit = limit_of(scope.get("route"), self.default)
            if received == 0 and _content_length(scope) > limit:
                raise BodyTooLarge(limit)  # before reading: a client waiting on 100-continue sends nothing
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)


def _content_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else 0  # the server refuses a malformed one itself
    return 0


def document(operation: dict, route: object, default: int) -> None:
    """The limit and its 413 answer in the operation of a route that takes a body."""
    operation.setdefault(EXTENSION, limit_of(route, default))
    operation["responses"].setdefault("413", {
        "description": f"The request body is over {operation[EXTENSION]} bytes (x-body-limit), or an event it "
                       "would cause is over EVENT_MAX_BYTES",
        "content": {"application/problem+json": {"schema": {"type": "object"}}},
    })
