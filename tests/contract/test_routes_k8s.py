"""The Kubernetes Ingress (deploy/k8s/base/ingress) and the route table (deploy/routes.yaml) agree: for every
route, the Ingress sends a URL to the service the gateway sends it to, with the same path rewritten."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from smmkit.gateway import RouteTable

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


def test_the_ingress_routes_every_url_where_the_gateway_does(table, overlay):
    [ingress] = [r for r in overlay if r["kind"] == "Ingress"]
    left_out = set()
    for route in table.routes:
        url = _concrete(route.public)
        targets = _ingress_targets(ingress, url)
        if route.service not in ingress_gen.IN_KUBERNETES:
            assert targets == set(), f"{url}: {route.service} has no Kubernetes manifests, yet the Ingress routes it"
            left_out.add(route.service)
            continue
        seen_by_service = "/" + "/".join(url.strip("/").split("/")[route.strip:])
        assert targets == {(route.service, table.ports[route.service], seen_by_service)}, url
    assert left_out <= {table.site}  # only the web app, which has no manifests yet
    assert _ingress_targets(ingress, "/v1/no-such-thing") == set()
    assert _ingress_targets(ingress, "/v1/posts/p1/extra") == set()  # anchored at the end too


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
