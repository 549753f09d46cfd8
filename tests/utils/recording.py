"""A recording HTTP server on 127.0.0.1 in front of a sandbox network: what path did a client really call?

It serves at a base URL with no path, with a trailing slash, or with a path prefix (``/prefix``),
records every request as ``"METHOD /path?query"`` (decoded, the prefix included), strips the
prefix and passes the request on to the sandbox network, whose answer it returns unchanged.
Requests that miss the prefix are answered 404, so a client that dropped it fails loudly.
"""
from __future__ import annotations

import re
from typing import Literal

import httpx
from aiohttp import web

BaseShape = Literal["bare", "slash", "prefix"]
BASE_SHAPES: tuple[BaseShape, ...] = ("bare", "slash", "prefix")
PREFIX = "/prefix"
_HOP_BY_HOP = {"host", "content-length", "transfer-encoding", "connection", "content-encoding"}


class Recorder:
    def __init__(self, upstream: str, shape: BaseShape) -> None:
        self.upstream, self.shape = upstream, shape
        self.prefix = PREFIX if shape == "prefix" else ""
        self.requests: list[str] = []

    async def __aenter__(self) -> Recorder:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._relay)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self._http = httpx.AsyncClient(base_url=self.upstream, timeout=10)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._http.aclose()
        await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """Where a client is pointed: ``http://127.0.0.1:P``, ``.../`` or ``.../prefix``."""
        host, port = self._runner.addresses[0][:2]
        return f"http://{host}:{port}" + {"bare": "", "slash": "/", "prefix": PREFIX}[self.shape]

    def expect(self, *templates: str) -> None:
        """The requests seen must be these, in order: ``"POST /2/tweets"`` (the prefix, if any, is
        added here); ``{id}`` stands for an id the network chose."""
        patterns = [self._pattern(t) for t in templates]
        assert len(patterns) == len(self.requests) and all(
            re.fullmatch(p, seen) for p, seen in zip(patterns, self.requests)), (self.requests, templates)

    def _pattern(self, template: str) -> str:
        method, _, path = template.partition(" ")
        return re.escape(f"{method} {self.prefix}{path}").replace(re.escape("{id}"), "[^/?&]+")

    async def _relay(self, request: web.Request) -> web.Response:
        query = "&".join(f"{k}={v}" for k, v in request.query.items())
        self.requests.append(f"{request.method} {request.path}" + (f"?{query}" if query else ""))
        if not request.raw_path.startswith(self.prefix + "/"):
            return web.Response(status=404, text="the base URL's path prefix is missing")
        answer = await self._http.request(
            request.method, request.raw_path[len(self.prefix):], content=await request.read(),
            headers={k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP})
        return web.Response(status=answer.status_code, body=answer.content,
                            headers={k: v for k, v in answer.headers.items() if k.lower() not in _HOP_BY_HOP})
