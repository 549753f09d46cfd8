"""Prometheus scrape config, alert rules and the provisioned Grafana dashboard.

Static checks run everywhere. Where ``promtool`` is installed (Debian package ``prometheus``), the
config and rules are also checked by Prometheus itself, the alert unit tests
(deploy/prometheus/alerts_test.yml) run, and every dashboard query is parsed as PromQL.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from fastapi import FastAPI
from prometheus_client import REGISTRY

from smmkit import stack
from smmkit.app import instrument_http

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = ROOT / "deploy" / "prometheus"
GRAFANA = ROOT / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "smm-overview.json"
BUSINESS = GRAFANA / "dashboards" / "smm-business.json"
DASHBOARDS = sorted((GRAFANA / "dashboards").glob("*.json"))

SERVICE_PACKAGES = ("smmkit", "planner", "publisher", "metrics", "attribution")
needs_promtool = pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool is not installed")


def known_series() -> set[str]:
    """Every series name the services really export: import every module of every service (metrics are
    registered at import) and read the names off the registry, with their exposition suffixes."""
    for package in SERVICE_PACKAGES:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)
    # the HTTP metrics are registered when a service app's middleware is built: build one the way services do
    app = FastAPI()
    instrument_http(app)
    app.build_middleware_stack()
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}
    return {family.name + suffix for family in REGISTRY.collect() for suffix in suffixes.get(family.type, ("",))}


def series_in(expr: str) -> set[str]:
    """Our series and the HTTP instrumentator's (not PromQL's functions or labels)."""
    return set(re.findall(r"\b((?:smm|http)_[a-z_]+)\b(?!\s*=)", expr)) - {"http_request", "http_requests"}


def dashboard(path: Path = DASHBOARD) -> dict:
    return json.loads(path.read_text())


def dashboard_exprs(path: Path | None = None) -> list[str]:
    return [t["expr"] for p in (path and [path] or DASHBOARDS) for panel in dashboard(p)["panels"]
            for t in panel.get("targets", [])]


def alert_rules() -> list[dict]:
    return [r for g in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"] for r in g["rules"]]


def test_prometheus_scrapes_every_service_on_its_metrics_endpoint():
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    jobs = {j["job_name"]: j for j in config["scrape_configs"]}
    for name, port in {**stack.SERVICE_PORTS, "web": stack.WEB_PORT}.items():
        job = jobs[name]
        assert job.get("metrics_path", "/metrics") == "/metrics"
        assert [t for c in job["static_configs"] for t in c["targets"]] == [f"{name}:{port}"]
    assert config["rule_files"] == ["alerts.yml"]


def test_compose_mounts_the_prometheus_and_grafana_config():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert "./deploy/prometheus:/etc/prometheus:ro" in services["prometheus"]["volumes"]
    assert "--config.file=/etc/prometheus/prometheus.yml" in services["prometheus"]["command"]
    grafana = services["grafana"]["volumes"]
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro" in grafana
    provider = yaml.safe_load((GRAFANA / "provisioning" / "dashboards" / "smm.yml").read_text())["providers"][0]
    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in grafana


def test_grafana_datasource_is_the_one_the_dashboard_uses():
    (source,) = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text())["datasources"]
    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"
    assert [p.name for p in DASHBOARDS] == ["smm-business.json", "smm-overview.json"]
    for path in DASHBOARDS:
        for panel in dashboard(path)["panels"]:
            if panel["type"] == "row":
                continue
            assert panel["datasource"] == {"type": "prometheus", "uid": source["uid"]}, panel["title"]
            assert panel["targets"], panel["title"]
    assert len({dashboard(p)["uid"] for p in DASHBOARDS}) == len(DASHBOARDS)


def test_dashboard_panels_do_not_overlap():
    for path in DASHBOARDS:
        cells = set()
        for panel in dashboard(path)["panels"]:
            g = panel["gridPos"]
            assert g["x"] + g["w"] <= 24
            for x in range(g["x"], g["x"] + g["w"]):
                for y in range(g["y"], g["y"] + g["h"]):
                    assert (x, y) not in cells, panel["title"]
                    cells.add((x, y))


def test_dashboard_shows_requests_and_lag_per_partition():
    exprs = dashboard_exprs(DASHBOARD)

    def find(pattern):
        return [e for e in exprs if re.search(pattern, e)]
    assert find(r"by \(job, method, handler\) \(rate\(http_requests_total\[")
    assert find(r'http_requests_total\{status="5xx"\}')
    assert find(r"histogram_quantile\(0.99, sum by \(job, method, handler, le\) "
                r"\(rate\(http_request_duration_seconds_bucket")
    assert find(r"max by \(consumer, topic, partition\) \(smm_consumer_lag\)")


def test_business_dashboard_shows_publishing_and_revenue():
    exprs = dashboard_exprs(BUSINESS)

    def find(pattern):
        return [e for e in exprs if re.search(pattern, e)]
    assert find(r'increase\(smm_publish_outcomes_total\{outcome="published"\}\[1h\]\)')
    assert find(r"histogram_quantile\(0.99, .*smm_publish_lateness_seconds_bucket")
    assert find(r"by \(currency\) \(increase\(smm_attributed_revenue_minor_total\[1d\]\)\)")
    assert find(r"by \(pillar\) \(increase\(smm_attributed_revenue_by_pillar_minor_total")


def test_dashboard_shows_what_operators_need():
    exprs = dashboard_exprs(DASHBOARD)

    def find(pattern):
        return [e for e in exprs if re.search(pattern, e)]

    lateness = find(r"smm_publish_lateness_seconds_bucket")
    assert any("histogram_quantile(0.5," in e for e in lateness) and any("histogram_quantile(0.99," in e for e in lateness)
    assert all("by (network, le)" in e for e in lateness)
    assert find(r"by \(network, outcome\).*smm_publish_outcomes_total")
    assert find(r"by \(network\).*smm_publish_retries_total")
    assert find(r"by \(consumer, topic\).*smm_consumer_lag")
    assert find(r"smm_outbox_backlog") and find(r"smm_outbox_oldest_age_seconds")
    assert find(r"smm_dlq_events_total")
    assert find(r"by \(currency\) \(increase\(smm_attributed_revenue_minor_total\[1d\]\)\)")


def test_dashboard_and_alerts_use_only_metrics_that_exist():
    known = known_series()
    for expr in dashboard_exprs() + [r["expr"] for r in alert_rules()]:
        unknown = series_in(expr) - known
        assert not unknown, f"{expr}: unknown series {unknown}"


def test_the_four_alerts_exist_with_their_thresholds():
    rules = {r["alert"]: r for r in alert_rules()}
    assert "smm_consumer_lag" in rules["SmmConsumerLagHigh"]["expr"]
    assert "increase(smm_dlq_events_total" in rules["SmmDlqGrowing"]["expr"]
    assert "smm_outbox_oldest_age_seconds" in rules["SmmOutboxBacklogOld"]["expr"]
    p99 = rules["SmmPublishLatenessHigh"]["expr"]
    assert p99.startswith("histogram_quantile(0.99,") and p99.endswith("> 60")


def test_readme_explains_every_alert():
    readme = (ROOT / "deploy" / "README.md").read_text()
    for rule in alert_rules():
        assert rule["alert"] in readme, f"deploy/README.md does not explain {rule['alert']}"


@needs_promtool
def test_promtool_accepts_the_config_and_rules():
    for args in (["check", "config", str(PROMETHEUS / "prometheus.yml")],
                 ["check", "rules", str(PROMETHEUS / "alerts.yml")]):
        result = subprocess.run(["promtool", *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_alert_unit_tests_pass():
    result = subprocess.run(["promtool", "test", "rules", str(PROMETHEUS / "alerts_test.yml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_dashboard_queries_are_valid_promql(tmp_path):
    rules = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:query{n}", "expr": e.replace("$__rate_interval", "5m")}
        for n, e in enumerate(dashboard_exprs())]}]}
    path = tmp_path / "dashboard_rules.yml"
    path.write_text(yaml.safe_dump(rules))
    result = subprocess.run(["promtool", "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
