"""The Kubernetes Ingress (deploy/k8s/base/ingress) and the route table (deploy/routes.yaml) agree: for every
route, every page of the web app and the paths in between, the Ingress sends a URL to the service the gateway
(smmkit.gateway, what `smm up` and docker compose run) sends it to, with the same path rewritten."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from smmkit.gateway import Gateway, RouteTable
from smmkit.settings import CommonSettings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
PARAM = re.compile(r"^\{[^}]+\}$")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ingress_gen = _load("smm_k8s_ingress", K8S / "ingress.py")
render = _load("smm_k8s_render", K8S / "render.py")


@pytest.fixture(scope="module")
def table() -> RouteTable:
    return RouteTable.load()


@pytest.fixture(scope="module", params=["dev", "prod"])
def overlay(request) -> list[dict]:
    return render.build(K8S / "overlays" / request.param)


def _concrete(template: str) -> str:
    return "/".join(f"x{i}" if PARAM.match(s) else s for i, s in enumerate(template.split("/")))


def _ingress_targets(ingress: dict, url: str) -> set[tuple[str, int, str]]:
    """(service, port, path the service sees) for every Ingress path that takes ``url``, as ingress-nginx does
    with use-regex (the path anchored at the start) and rewrite-target /$1."""
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/rewrite-target"] == "/$1"
    out = set()
    for rule in ingress["spec"]["rules"]:
        for p in rule["http"]["paths"]:
            if m := re.match("^" + p["path"], url):
                backend = p["backend"]["service"]
                out.add((backend["name"], backend["port"]["number"], "/" + m.group(1)))
    return out


def test_the_committed_ingress_is_the_one_the_table_renders():
    assert (K8S / "base" / "ingress" / "ingress.yaml").read_text() == ingress_gen.render(), \
        "deploy/k8s/base/ingress/ingress.yaml is stale: run python deploy/k8s/ingress.py"


def _gateway_targets(table: RouteTable, url: str) -> set[tuple[str, int, str]]:
    """(service, port, path the service sees) where the gateway sends ``url``; empty for its own 404."""
    route, service = Gateway(table, {}).target(url)
    if service is None:
        return set()
    seen = "/" + "/".join(url.strip("/").split("/")[route.strip:]) if route and route.strip else url
    return {(service, table.ports[service], seen)}


def _web_pages() -> set[str]:
    """Every path the web app serves (its pages, probes, a static asset), parameters made concrete."""
    from web.app import build_app
    from web.settings import WebSettings

    app = build_app(CommonSettings(), WebSettings())
    return {_concrete(r.path) for r in app.router.routes if hasattr(r, "path")} | {"/static/app.css"}


# paths no route names, on both sides of each boundary: the API prefix, a root route's shape, the site
BETWEEN = ["/", "/v1", "/v1/", "/v1/no-such-thing", "/v1/posts/p1/extra", "/v1x", "/v10/posts", "/r", "/r/x/y",
           "/webhooks", "/webhooks/shopify", "/webhooks/shopify/t1/extra", "/webhooks/other/t1", "/review/t1",
           "/calendar", "/posts/p1", "/settings/team", "/no-such-page", "/metrics", "/openapi.json", "/docs",
           "/metrics/x", "/docsx"]


def test_the_ingress_routes_every_url_where_the_gateway_does(table, overlay):
    [ingress] = [r for r in overlay if r["kind"] == "Ingress"]
    urls = {_concrete(route.public) for route in table.routes} | _web_pages() | set(BETWEEN)
    assert len(urls) > len(table.routes) + 20  # the web app's pages are in, not only the table's routes
    for url in sorted(urls):
        assert _ingress_targets(ingress, url) == _gateway_targets(table, url), url
    # the site: the web app sees its pages' paths unchanged, and nothing under the API prefix
    assert _ingress_targets(ingress, "/calendar") == {(table.site, table.ports[table.site], "/calendar")}
    assert _ingress_targets(ingress, "/") == {(table.site, table.ports[table.site], "/")}
    assert _ingress_targets(ingress, "/v1/no-such-thing") == set()
    assert _ingress_targets(ingress, "/v1/posts/p1/extra") == set()  # anchored at the end too
    assert _ingress_targets(ingress, "/r/x1") == {("attribution", table.ports["attribution"], "/r/x1")}
    services = {p["backend"]["service"]["name"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]}
    assert services == set(table.ports)  # every upstream of the table, the web app included


def test_every_url_has_one_backend_whatever_order_nginx_tries_the_paths(table, overlay):
    """nginx takes the first matching regular expression and ingress-nginx sorts them by length: no URL may
    match two paths with different backends, so that order never matters."""
    [ingress] = [r for r in overlay if r["kind"] == "Ingress"]
    urls = {_concrete(route.public) for route in table.routes} | _web_pages() | set(BETWEEN)
    for url in urls:
        assert len({(service, port) for service, port, _ in _ingress_targets(ingress, url)}) <= 1, url


def test_ingress_backends_are_services_of_the_overlay_on_their_ports(table, overlay):
    [ingress] = [r for r in overlay if r["kind"] == "Ingress"]
    services = {s["metadata"]["name"]: {p["port"] for p in s["spec"]["ports"]}
                for s in overlay if s["kind"] == "Service"}
    for rule in ingress["spec"]["rules"]:
        for p in rule["http"]["paths"]:
            backend = p["backend"]["service"]
            assert backend["port"]["number"] in services[backend["name"]], backend
            assert backend["port"]["number"] == table.ports[backend["name"]]
    # the namespace comes from the overlay, like every other resource's
    assert ingress["metadata"]["namespace"] == next(s for s in overlay if s["kind"] == "Service")["metadata"]["namespace"]


def test_the_ingress_is_valid_yaml_of_one_resource():
    docs = [d for d in yaml.safe_load_all((K8S / "base" / "ingress" / "ingress.yaml").read_text()) if d]
    assert [d["kind"] for d in docs] == ["Ingress"]
