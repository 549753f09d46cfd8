"""The sandbox: the catalogue's imitated social networks (15) plus the ``/_sandbox`` control API.

Each network is its own small app on its own port, with the paths of its production API, so an
adapter's base URL has no path, as in production (see ``sandbox.layout``). All of them share one
``SandboxState`` (posts, faults, clocks), kept in memory per ``create_app``.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from sandbox import control, oauth, push, shop
from sandbox.gate import Reply, SandboxMiddleware
from sandbox.layout import SandboxLayout
from sandbox.networks import READ_ROUTERS, ROUTERS
from sandbox.state import SandboxState


def create_app(layout: SandboxLayout, latency_ms: float = 0) -> ASGIApp:
    """One app per port of the layout, sharing one state; serve it on every port at once."""
    state = SandboxState(latency_ms=latency_ms)
    apps = {layout.control_port: control_app(state, layout)}
    apps |= {port: network_app(ROUTERS[name], state, oauth_of(name)) for name, port in layout.network_ports.items()}
    apps |= {port: network_app(READ_ROUTERS[name], state) for name, port in layout.read_ports.items()}
    return ByPort(apps)


def control_app(state: SandboxState, layout: SandboxLayout) -> FastAPI:
    app = FastAPI(title="SMM network sandbox", docs_url="/_sandbox/docs", openapi_url="/_sandbox/openapi.json")
    app.state.sandbox = state
    app.state.layout = layout
    for router in (control.router, oauth.control_router, push.router, shop.router):
        app.include_router(router)
    return app


def oauth_of(network: str) -> APIRouter:
    """The network's authorization server (``sandbox.oauth``), minus the paths its module serves itself."""
    routes = ROUTERS[network].routes

    def served(method: str, path: str) -> bool:
        return any(method in getattr(r, "methods", ()) and r.path_regex.match(path) for r in routes)

    return oauth.router_for(network, served)


def network_app(router: APIRouter, state: SandboxState, auth_router: APIRouter | None = None) -> FastAPI:
    # No /docs or /openapi.json: a network answers only what the real one does.
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.sandbox = state
    app.add_middleware(SandboxMiddleware)

    @app.exception_handler(Reply)
    async def reply(request: Request, exc: Reply) -> Response:
        return exc.response

    if auth_router is not None:  # first: its exact paths (/2/users/me) win over the module's patterns
        app.include_router(auth_router)
    app.include_router(router)
    return app


class ByPort:
    """Hands each request to the app of the port it came in on (uvicorn listens on all of them)."""

    def __init__(self, apps: dict[int, ASGIApp]) -> None:
        self.apps = apps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.apps[scope["server"][1]](scope, receive, send)
