"""The sandbox app: nine imitated social networks plus the ``/_sandbox`` control API.

Every network lives under its own prefix, so an adapter's base URL is
``http://<host>:<port>/<network>``. State is in memory and per app instance.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

from sandbox import control, push, shop
from sandbox.gate import Reply, SandboxMiddleware
from sandbox.networks import ROUTERS
from sandbox.state import SandboxState


def create_app(latency_ms: float = 0) -> FastAPI:
    app = FastAPI(title="SMM network sandbox", docs_url="/_sandbox/docs", openapi_url="/_sandbox/openapi.json")
    app.state.sandbox = SandboxState(latency_ms=latency_ms)
    app.add_middleware(SandboxMiddleware)

    @app.exception_handler(Reply)
    async def reply(request: Request, exc: Reply) -> Response:
        return exc.response

    app.include_router(control.router)
    app.include_router(push.router)
    app.include_router(shop.router)
    for router in ROUTERS.values():
        app.include_router(router)
    return app
