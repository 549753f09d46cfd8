"""deploy/routes.yaml, the one front door, against what the services really serve.

Each service's OpenAPI comes from its app built in-process (tests/utils/apps.py); the web app's pages from its
router. The table must route every operation exactly once, route nothing that does not exist, and never let
two services claim one URL.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from starlette.routing import Match

from smmkit import stack
from smmkit.gateway import RouteTable
from smmkit.settings import CommonSettings
from tests.utils.apps import SERVICES, build

PARAM = re.compile(r"^\{[^}]+\}$")


@pytest.fixture(scope="module")
def table() -> RouteTable:
    return RouteTable.load()


@pytest.fixture(scope="module")
def operations() -> dict[str, dict[str, set[str]]]:
    """service -> path -> methods, from each service's OpenAPI document."""
    out = {}
    for service in SERVICES:
        doc = build(service, CommonSettings()).openapi()
        out[service] = {path: {m.upper() for m in ops} for path, ops in doc["paths"].items()}
    return out


@pytest.fixture(scope="module")
def web_app():
    from web.app import build_app
    from web.settings import WebSettings

    return build_app(CommonSettings(), WebSettings())


def _web_serves(app, path: str) -> bool:
    """A page of the web app answers ``path`` (pages are read with GET and sent with POST)."""
    scopes = [{"type": "http", "path": path, "method": method, "root_path": ""} for method in ("GET", "POST")]
    return any(route.matches(scope)[0] == Match.FULL for route in app.router.routes for scope in scopes)


def _concrete(template: str) -> str:
    return "/".join(f"x{i}" if PARAM.match(s) else s for i, s in enumerate(template.split("/")))


def test_every_operation_is_routed_exactly_once(table, operations):
    routed = Counter((r.service, r.upstream) for r in table.routes)
    missing = [(s, p) for s, paths in operations.items() for p in paths if routed[(s, p)] == 0]
    twice = [(s, p) for (s, p), n in routed.items() if n > 1]
    assert not missing, f"operations no route reaches: {missing}"
    assert not twice, f"operations routed more than once: {twice}"
    total = sum(len(methods) for paths in operations.values() for methods in paths.values())
    assert total > 80  # the four services' operations, all of them reached


def test_nothing_is_routed_that_does_not_exist(table, operations, web_app):
    for route in table.routes:
        if route.service == table.site:
            assert _web_serves(web_app, _concrete(route.upstream)), f"{route.public}: the web app has no such page"
        else:
            assert route.upstream in operations[route.service], \
                f"{route.public} -> {route.service} {route.upstream}, which {route.service} does not serve"


def test_no_two_services_claim_one_url(table):
    public = Counter(r.public for r in table.routes)
    assert [p for p, n in public.items() if n > 1] == []
    for a in table.routes:
        for b in table.routes:
            if a.service != b.service and a.public < b.public:
                overlap = len(a.segments) == len(b.segments) and all(
                    x == y or PARAM.match(x) or PARAM.match(y) for x, y in zip(a.segments, b.segments))
                assert not overlap, f"{a.public} ({a.service}) and {b.public} ({b.service}) match the same URLs"


def test_each_route_resolves_to_itself_and_the_rest_as_documented(table, web_app):
    for route in table.routes:
        assert table.resolve(_concrete(route.public)) == route
    assert table.resolve("/v1/posts/check").upstream == "/posts/check"  # a literal beats a parameter
    assert table.resolve("/v1/no-such-thing") is None and table.in_api("/v1/no-such-thing")
    # root routes are not under the API, and the ones a service serves hide no page of the web app
    for route in table.routes:
        if not table.in_api(route.public) and route.service != table.site:
            assert route.public == route.upstream
            assert not _web_serves(web_app, _concrete(route.public)), f"{route.public} hides a page of the web app"
    # the web app's own pages are the site's (no route claims them)
    for page in ("/", "/calendar", "/compose", "/signin", "/operator"):
        assert table.resolve(page) is None and not table.in_api(page)


def test_the_table_agrees_with_the_local_ports(table):
    assert {n: p for n, p in table.ports.items() if n in stack.SERVICE_PORTS} == stack.SERVICE_PORTS
    assert table.ports[table.site] == stack.WEB_PORT


def test_deprecated_routes_announce_it():
    table = RouteTable.parse({
        "api_prefix": "/v1", "site": "web", "upstreams": {"planner": 8001, "web": 8000},
        "api": {"/posts": {"service": "planner", "deprecated": date(2026, 1, 1), "sunset": date(2026, 7, 1)},
                "/posts/{post_id}": "planner"}})
    assert dict(table.resolve("/v1/posts").deprecation_headers()) == {
        b"deprecation": b"@1767225600", b"sunset": b"Wed, 01 Jul 2026 00:00:00 GMT"}
    assert table.resolve("/v1/posts/p1").deprecation_headers() == []
    with pytest.raises(ValueError, match="unknown keys"):
        RouteTable.parse({"api_prefix": "/v1", "site": "web", "upstreams": {"web": 8000},
                          "api": {"/x": {"service": "web", "retired": True}}})
