"""The sandbox: nine imitated social networks plus the ``/_sandbox`` control API.

Each network is its own small app on its own port, with the paths of its production API, so an
adapter's base URL has no path, as in production (see ``sandbox.layout``). All of them share one
``SandboxState`` (posts, faults, clocks), kept in memory per ``create_app``.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from sandbox import control, push, shop
from sandbox.gate import Reply, SandboxMiddleware
from sandbox.layout import SandboxLayout
from sandbox.networks import READ_ROUTERS, ROUTERS
from sandbox.state import SandboxState


def create_app(layout: SandboxLayout, latency_ms: float = 0) -> ASGIApp:
    """One app per port of the layout, sharing one state; serve it on every port at once."""
    state = SandboxState(latency_ms=latency_ms)
    apps = {layout.control_port: control_app(state, layout)}
    apps |= {port: network_app(ROUTERS[name], state) for name, port in layout.network_ports.items()}
    apps |= {port: network_app(READ_ROUTERS[name], state) for name, port in layout.read_ports.items()}
    return ByPort(apps)


def control_app(state: SandboxState, layout: SandboxLayout) -> FastAPI:
    app = FastAPI(title="SMM network sandbox", docs_url="/_sandbox/docs", openapi_url="/_sandbox/openapi.json")
    app.state.sandbox = state
    app.state.layout = layout
    for router in (control.router, push.router, shop.router):
        app.include_router(router)
    return app


def network_app(router: APIRouter, state: SandboxState) -> FastAPI:
    # No /docs or /openapi.json: a network answers only what the real one does.
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.sandbox = state
    app.add_middleware(SandboxMiddleware)

    @app.exception_handler(Reply)
    async def reply(request: Request, exc: Reply) -> Response:
        return exc.response

    app.include_router(router)
    return app


class ByPort:
    """Hands each request to the app of the port it came in on (uvicorn listens on all of them)."""

    def __init__(self, apps: dict[int, ASGIApp]) -> None:
        self.apps = apps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.apps[scope["server"][1]](scope, receive, send)
