"""The local front door: one origin serving the route table of ``deploy/routes.yaml``.

``/v1/...`` goes to the service that owns the path, the table's root routes (tracked links, shop and network
webhooks, the reviewer's page) to theirs, everything else to the web app. In Kubernetes the Ingress generated
from the same table does this job (deploy/k8s/ingress); this module is what ``smm up`` and docker compose run.

A plain ASGI app streaming both ways with httpx: method, query, body, status and headers pass through untouched
(``Authorization``, ``traceparent``, ``X-Correlation-Id`` ...) but for the hop-by-hop ones, and the answer is
sent as it arrives. Its own answers are problem+json: 404 for a path under ``/v1`` that no route claims, 503
when the service refuses the connection, 504 when it does not answer in time, 502 for any other failure.

    python -m smmkit.gateway --port 8080    # upstreams: GATEWAY_<NAME>_URL, else 127.0.0.1:<the table's port>
"""
from __future__ import annotations

import argparse
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime, time, timezone
from email.utils import format_datetime
from pathlib import Path

import httpx
import yaml

HEALTH_PATH = "/_gateway/healthz"  # the gateway's own liveness (no route of the table starts with /_)
PROBLEM = "application/problem+json"
# RFC 9110 7.6.1: meaningful for one connection only, never forwarded
HOP_BY_HOP = frozenset({b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te",
                        b"trailer", b"transfer-encoding", b"upgrade", b"host"})
FORWARDED = frozenset({b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host"})  # replaced, not repeated
_PARAM = re.compile(r"^\{[A-Za-z_][A-Za-z0-9_]*\}$")


def default_table_path() -> Path:
    """``GATEWAY_ROUTES``, else the repository's deploy/routes.yaml (the image sets GATEWAY_ROUTES)."""
    env = os.environ.get("GATEWAY_ROUTES")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "deploy" / "routes.yaml"


def _segments(path: str) -> tuple[str, ...]:
    return tuple(path.strip("/").split("/")) if path.strip("/") else ()


def _http_date(day: date) -> str:
    return format_datetime(datetime.combine(day, time(), timezone.utc), usegmt=True)


@dataclass(frozen=True)
class Route:
    public: str          # the path template clients use, /v1 included for the API
    service: str
    upstream: str        # the template the service serves
    deprecated: date | None = None
    sunset: date | None = None

    @cached_property
    def segments(self) -> tuple[str, ...]:
        return _segments(self.public)

    @cached_property
    def strip(self) -> int:
        """How many leading segments of the public path the service does not see (/v1, a service's name)."""
        return len(self.segments) - len(_segments(self.upstream))

    def matches(self, segments: tuple[str, ...]) -> bool:
        return len(segments) == len(self.segments) and all(
            _PARAM.match(mine) or mine == theirs for mine, theirs in zip(self.segments, segments))

    @cached_property
    def specificity(self) -> tuple[bool, ...]:
        """Literal segments win over parameters, leftmost first (``/posts/check`` over ``/posts/{post_id}``)."""
        return tuple(not _PARAM.match(s) for s in self.segments)

    def deprecation_headers(self) -> list[tuple[bytes, bytes]]:
        headers = []
        if self.deprecated:  # RFC 9745: a structured-field date, seconds since the epoch
            when = int(datetime.combine(self.deprecated, time(), timezone.utc).timestamp())
            headers.append((b"deprecation", f"@{when}".encode()))
        if self.sunset:  # RFC 8594: an HTTP date
            headers.append((b"sunset", _http_date(self.sunset).encode()))
        return headers


@dataclass(frozen=True)
class RouteTable:
    api_prefix: str
    site: str
    ports: dict[str, int]
    routes: tuple[Route, ...]
    internal: frozenset[str] = frozenset()  # served by the site but routed by no one (metrics, OpenAPI pages)

    @classmethod
    def load(cls, path: Path | None = None) -> "RouteTable":
        return cls.parse(yaml.safe_load(Path(path or default_table_path()).read_text()))

    @classmethod
    def parse(cls, data: dict) -> "RouteTable":
        prefix = "/" + data["api_prefix"].strip("/")
        ports = {name: int(port) for name, port in data["upstreams"].items()}
        routes = [_route(prefix + path, entry, ports, api=True) for path, entry in (data.get("api") or {}).items()]
        routes += [_route(path, entry, ports, api=False) for path, entry in (data.get("root") or {}).items()]
        if data["site"] not in ports:
            raise ValueError(f"site {data['site']!r} is not an upstream")
        return cls(prefix, data["site"], ports, tuple(routes), frozenset(data.get("internal") or ()))

    @cached_property
    def _by_length(self) -> dict[int, list[Route]]:
        out: dict[int, list[Route]] = {}
        for route in self.routes:
            out.setdefault(len(route.segments), []).append(route)
        return out

    def resolve(self, path: str) -> Route | None:
        segments = _segments(path)
        found = [r for r in self._by_length.get(len(segments), ()) if r.matches(segments)]
        return max(found, key=lambda r: r.specificity) if found else None

    def in_api(self, path: str) -> bool:
        return path == self.api_prefix or path.startswith(self.api_prefix + "/")


def _route(public: str, entry, ports: dict[str, int], *, api: bool) -> Route:
    entry = {"service": entry} if isinstance(entry, str) else dict(entry)
    service = entry.pop("service")
    if service not in ports:
        raise ValueError(f"{public}: unknown upstream {service!r}")
    # the service sees an API path without /v1 and, where two services share a path, without the service's
    # name; a root route as it is
    segments = _segments(public)[1:] if api else _segments(public)
    if api and len(segments) > 1 and segments[0] == service:
        segments = segments[1:]
    route = Route(public, service, "/" + "/".join(segments), entry.pop("deprecated", None), entry.pop("sunset", None))
    if entry:
        raise ValueError(f"{public}: unknown keys {sorted(entry)}")
    return route


def _problem(status: int, title: str, detail: str) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    return status, [(b"content-type", PROBLEM.encode()), (b"content-length", str(len(body)).encode())], body


class Gateway:
    """The ASGI app. ``upstreams``: service name -> base URL (no trailing slash)."""

    def __init__(self, table: RouteTable, upstreams: dict[str, str], *, timeout_s: float = 60.0):
        self.table = table
        self.upstreams = {name: url.rstrip("/") for name, url in upstreams.items()}
        self.timeout = httpx.Timeout(timeout_s, connect=5.0)
        self.client: httpx.AsyncClient | None = None

    def _client(self) -> httpx.AsyncClient:
        if self.client is None:
            # no pool limit: the gateway must not queue what the services could serve
            self.client = httpx.AsyncClient(timeout=self.timeout, follow_redirects=False, trust_env=False,
                                            limits=httpx.Limits(max_connections=None, max_keepalive_connections=100))
        return self.client

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()
            self.client = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def target(self, path: str) -> tuple[Route | None, str | None]:
        """The route and the service for ``path``; (None, None) for a path under /v1 that no route claims."""
        route = self.table.resolve(path)
        if route:
            return route, route.service
        if self.table.in_api(path) or path in self.table.internal:
            return None, None
        return None, self.table.site

    async def _http(self, scope, receive, send) -> None:
        path = scope["path"]
        if path == HEALTH_PATH:
            return await _answer(send, 200, [(b"content-type", b"application/json")], b'{"status":"ok"}')
        route, service = self.target(path)
        if service is None:
            return await _answer(send, *_problem(404, "Not Found", f"no route for {path} on this API"))
        base = self.upstreams.get(service)
        if base is None:
            return await _answer(send, *_problem(503, "Service Unavailable", f"{service} is not configured here"))
        # forward the raw (still percent-encoded) path, minus what the service does not see
        raw = scope.get("raw_path") or path.encode()
        raw_path = raw.split(b"?", 1)[0].decode("latin-1")
        if route and route.strip:
            raw_path = "/" + "/".join(raw_path.strip("/").split("/")[route.strip:])
        url = base + raw_path + (("?" + scope["query_string"].decode("latin-1")) if scope.get("query_string") else "")
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in HOP_BY_HOP and k.lower() not in FORWARDED]
        headers += _forwarded(scope)
        has_body = any(k.lower() in (b"content-length", b"transfer-encoding") for k, _ in scope["headers"])
        client = self._client()
        request = client.build_request(scope["method"], url, headers=headers,
                                       content=_body(receive) if has_body else None)
        sent = {k.lower() for k, _ in headers}
        for name in ("accept", "accept-encoding", "user-agent"):  # httpx's defaults: only what the client sent
            if name.encode() not in sent:
                request.headers.pop(name, None)
        try:
            response = await client.send(request, stream=True)
        except httpx.ConnectError:
            return await _answer(send, *_problem(503, "Service Unavailable", f"{service} does not accept connections"))
        except httpx.TimeoutException:
            return await _answer(send, *_problem(504, "Gateway Timeout", f"{service} did not answer in time"))
        except httpx.HTTPError as exc:
            return await _answer(send, *_problem(502, "Bad Gateway", f"{service}: {type(exc).__name__}"))
        try:
            out = [(k, v) for k, v in response.headers.raw if k.lower() not in HOP_BY_HOP]
            if route:
                out += route.deprecation_headers()
            await send({"type": "http.response.start", "status": response.status_code, "headers": out})
            async for chunk in response.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        except httpx.HTTPError:
            pass  # the service broke off mid-answer: the client's connection ends short, as the service's did
        finally:
            await response.aclose()


async def _body(receive):
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        if message.get("body"):
            yield message["body"]
        if not message.get("more_body"):
            return


def _forwarded(scope) -> list[tuple[bytes, bytes]]:
    """X-Forwarded-For/-Proto/-Host: who called, as the gateway saw it (appended to what came before it)."""
    headers = dict((k.lower(), v) for k, v in scope["headers"])
    client = (scope.get("client") or ("unknown", 0))[0].encode()
    before = headers.get(b"x-forwarded-for")
    out = [(b"x-forwarded-for", before + b", " + client if before else client),
           (b"x-forwarded-proto", scope.get("scheme", "http").encode())]
    if b"host" in headers:
        out.append((b"x-forwarded-host", headers[b"host"]))
    return out


async def _answer(send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def upstreams_from_env(table: RouteTable, env: dict[str, str] | None = None) -> dict[str, str]:
    """``GATEWAY_<NAME>_URL`` per upstream, else 127.0.0.1 on the table's port."""
    env = os.environ if env is None else env
    return {name: env.get(f"GATEWAY_{name.upper()}_URL", f"http://127.0.0.1:{port}")
            for name, port in table.ports.items()}


def build_app() -> Gateway:
    """The app uvicorn serves (``smmkit.gateway:build_app`` with ``--factory``)."""
    table = RouteTable.load()
    return Gateway(table, upstreams_from_env(table))


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="Serve the route table of deploy/routes.yaml on one origin.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    uvicorn.run(build_app(), host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
