"""What every imitated network call goes through before doing its work.

``admit`` checks the token, fires armed faults and spends the natural rate-limit budget,
answering in the network's own words (its ``Dialect``). ``SandboxMiddleware`` adds the
configured latency and holds back the answers of requests marked "hold" (the
``timeout`` and ``lost_response`` faults) until the client hangs up.

Tokens: anything starting with "sbx-" is valid, "sbx-expired..." is expired, no token is
"missing" (most networks answer it as an invalid one). Where the
token names the account (Mastodon, X), the owner is the part after "sbx-" up to the
first "." ("sbx-42" and a refreshed "sbx-42.3" both belong to account "42").
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.state import SandboxState
from smmkit.catalogue import NetworkLimit

HOLD_KEY = "sandbox.hold"


class Dialect(Protocol):
    """How one network words the errors every endpoint can produce."""

    network: str

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response: ...

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        """``limit`` is the natural (catalogue) limit that was hit, None for an injected fault."""

    def server_error(self) -> Response: ...


class Reply(Exception):
    """Raise to answer at once with a prepared response (usually an error)."""

    def __init__(self, response: Response) -> None:
        super().__init__(f"reply {response.status_code}")
        self.response = response


def get_state(request: Request) -> SandboxState:
    return request.app.state.sandbox


async def _state_dependency(request: Request) -> SandboxState:
    # async on purpose: a sync dependency costs every request a hop to the thread pool
    return request.app.state.sandbox


StateDep = Annotated[SandboxState, Depends(_state_dependency)]


def answer(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


def token_owner(token: str) -> str:
    return token.removeprefix("sbx-").split(".")[0]


def bearer_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() in ("bearer", "oauth") and value:
        return value.strip()
    return request.query_params.get("access_token")


def check_token(dialect: Dialect, token: str | None) -> str:
    if not token:
        raise Reply(dialect.unauthorized(expired=False, missing=True))
    if not token.startswith("sbx-"):
        raise Reply(dialect.unauthorized(expired=False))
    if token.startswith("sbx-expired"):
        raise Reply(dialect.unauthorized(expired=True))
    return token


async def admit(
    request: Request,
    dialect: Dialect,
    *,
    token: str | None,
    account: str,
    write: bool,
    limits: Iterable[NetworkLimit] = (),
    public: bool = False,
) -> None:
    """Let a request through, or raise Reply with the error the network would give.

    ``limits`` (``sandbox.limits.limits``) are spent by ``account``, or by the token where the network
    limits the app (Telegram's bot)."""
    state = get_state(request)
    if not public:
        check_token(dialect, token)
        oauth = getattr(state, "oauth", None)  # sandbox.oauth's book: a replayed code revoked what it gave
        if oauth is not None and token in oauth.revoked:
            raise Reply(dialect.unauthorized(expired=True))
    fault = state.faults.take(dialect.network, account, write=write, path=request.url.path)
    if fault is not None:
        if fault.kind == "rate_limit":
            state.refusals[dialect.network, "rate_limited"] += 1
            raise Reply(dialect.rate_limited(fault.retry_after_s, account))
        if fault.kind == "server_error":
            state.refusals[dialect.network, "server_error"] += 1
            raise Reply(dialect.server_error())
        if fault.kind == "reply":
            raise Reply(answer(fault.body, fault.status))
        if fault.kind == "slow":
            await asyncio.sleep(fault.delay_ms / 1000)
        if fault.kind in ("timeout", "lost_response"):
            request.scope[HOLD_KEY]["held"] = True
        if fault.kind == "timeout":  # nothing happens; the (held) answer is never seen
            raise Reply(dialect.server_error())
    for limit in limits:
        subject = (token or "") if limit.per == "app" else account
        wait_s = state.limits.take(dialect.network, subject, limit, scale=state.config.rate_limit_scale)
        if wait_s is not None:
            state.refusals[dialect.network, "rate_limited"] += 1
            raise Reply(dialect.rate_limited(wait_s, account, limit))


async def read_params(request: Request) -> dict[str, Any]:
    """Query parameters merged with a JSON or form body: these APIs accept either."""
    params: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if "json" in content_type:
        with contextlib.suppress(ValueError):
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
    elif "form" in content_type:
        form = await request.form()
        for key in set(form):
            values = form.getlist(key)
            params[key] = values if key.endswith("[]") or len(values) > 1 else values[0]
    return params


class SandboxMiddleware:
    """Adds ``latency_ms`` to every network call and withholds held answers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        config = scope["app"].state.sandbox.config
        if config.latency_ms > 0:
            await asyncio.sleep(config.latency_ms / 1000)
        hold = {"held": False}
        scope[HOLD_KEY] = hold

        async def send_unless_held(message: Message) -> None:
            if not hold["held"]:
                await send(message)

        await self.app(scope, receive, send_unless_held)
        if hold["held"]:
            await _until_client_hangs_up(receive, config.hold_max_s)


async def _until_client_hangs_up(receive: Receive, max_s: float) -> None:
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(max_s):
            while (await receive())["type"] != "http.disconnect":
                pass
