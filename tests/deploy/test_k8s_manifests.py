"""deploy/k8s: every overlay renders (deploy/k8s/render.py, no kubectl needed), every built-in
resource validates offline against the Kubernetes OpenAPI schemas (kubernetes-validate), and the
custom resources (KEDA ScaledObject, Strimzi KafkaTopic, PrometheusRule) are checked structurally.
The manifests are also checked against the code: topic registry, partition count, consumer groups,
settings names, ports and probe routes.
"""
from __future__ import annotations

import ast
import importlib
import json
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
from cryptography.fernet import Fernet
import yaml

from smmkit import stack
from smmkit.app import health_router
from smmkit.events import TOPICS, all_topic_names
from smmkit.settings import CommonSettings
from smm_deploy_helpers import run_smm_topics

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ["dev", "prod"]
KUSTOMIZATIONS = [f"overlays/{o}" for o in OVERLAYS] + ["topics/strimzi", "topics/job"]
K8S_VERSION = "1.30"
SERVICES = tuple(stack.SERVICE_PORTS)
APPS = {**stack.SERVICE_PORTS, "web": stack.WEB_PORT}  # every Deployment: the four services and the web app
KEDA_SCALED = {"publisher", "metrics", "attribution"}
HPA_SCALED = {"planner", "web"}
NETWORK_EGRESS = {"publisher", "metrics"}  # they call the social networks' APIs
INFRA_PORTS = {53, 9092, 5432, 6379}
SECRET_ENV = {"DATABASE_URL", "REDIS_URL", "OPERATOR_TOKEN", "SECRET_KEYS", "TRACKING_SECRET"}
# secrets only one service reads: the seal key pair (docs/connections.md) and our OAuth apps on the networks
OWN_SECRET_ENV = {"publisher": {"PUBLISHER_METRICS_SEAL_PUBLIC_KEY", "PUBLISHER_OAUTH_CLIENTS"},
                  "metrics": {"METRICS_SEAL_PRIVATE_KEY"}}
DEFAULT_PARTITIONS = CommonSettings.model_fields["kafka_partitions"].default
CRD_GROUPS = {"keda.sh", "kafka.strimzi.io", "monitoring.coreos.com"}


def load_renderer():
    spec = importlib.util.spec_from_file_location("smm_k8s_render", K8S / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = load_renderer()


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict]]:
    return {name: render.build(K8S / name) for name in KUSTOMIZATIONS}


def of_kind(resources, kind):
    return [r for r in resources if r["kind"] == kind]


def by_name(resources, kind):
    return {r["metadata"]["name"]: r for r in of_kind(resources, kind)}


def common_config(resources) -> dict[str, str]:
    return by_name(resources, "ConfigMap")["smm-common"]["data"]


def subscriptions_in_code() -> dict[str, dict[str, list[str]]]:
    """{service: {consumer group: [topics]}} from the Subscription(...) calls of each app.py."""
    result = {}
    for service in SERVICES:
        tree = ast.parse((ROOT / "services" / service / service / "app.py").read_text())
        groups = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Subscription":
                group = node.args[0].value
                groups[group] = [k.value for k in node.args[1].keys]
        result[service] = groups
    return result


# --- rendering and schema validation -----------------------------------------------------------

@pytest.mark.parametrize("name", KUSTOMIZATIONS)
def test_kustomization_renders(rendered, name):
    resources = rendered[name]
    assert resources
    for r in resources:
        assert r.get("apiVersion") and r.get("kind") and r["metadata"].get("name"), r


@pytest.mark.parametrize("name", KUSTOMIZATIONS)
def test_builtin_resources_validate_against_the_kubernetes_schema(rendered, name):
    checked = 0
    for resource in rendered[name]:
        group = resource["apiVersion"].split("/")[0] if "/" in resource["apiVersion"] else ""
        if group in CRD_GROUPS:
            continue
        try:
            kubernetes_validate.validate(resource, K8S_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            path = ".".join(str(p) for p in exc.path)
            pytest.fail(f"{resource['kind']}/{resource['metadata']['name']}: {path}: {exc.message}")
        checked += 1
    assert checked or name == "topics/strimzi"


def test_every_custom_resource_kind_is_known():
    kinds = set()
    for name in KUSTOMIZATIONS:
        for r in render.build(K8S / name):
            if r["apiVersion"].split("/")[0] in CRD_GROUPS:
                kinds.add((r["apiVersion"], r["kind"]))
    assert kinds == {("keda.sh/v1alpha1", "ScaledObject"), ("kafka.strimzi.io/v1beta2", "KafkaTopic"),
                     ("monitoring.coreos.com/v1", "PrometheusRule"), ("monitoring.coreos.com/v1", "PodMonitor")}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlay_sets_namespace_image_and_restricted_pod_security(rendered, overlay):
    resources = rendered[f"overlays/{overlay}"]
    (namespace,) = of_kind(resources, "Namespace")
    ns = namespace["metadata"]["name"]
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for r in resources:
        if r["kind"] != "Namespace":
            assert r["metadata"]["namespace"] == ns, r["metadata"]["name"]
        for container in render._containers(r):
            image = container["image"]
            name, tag, _ = render._split_image(image)
            assert "/" in name and tag and tag != "latest", image


def test_overlays_differ_where_they_should(rendered):
    dev, prod = rendered["overlays/dev"], rendered["overlays/prod"]

    def image(resources):
        return {c["image"] for r in resources for c in render._containers(r)}

    assert image(dev) != image(prod)
    dev_cpu = by_name(dev, "Deployment")["publisher"]["spec"]["template"]["spec"]["containers"][0]["resources"]
    prod_cpu = by_name(prod, "Deployment")["publisher"]["spec"]["template"]["spec"]["containers"][0]["resources"]
    assert dev_cpu != prod_cpu
    assert by_name(dev, "HorizontalPodAutoscaler")["planner"]["spec"]["minReplicas"] < \
        by_name(prod, "HorizontalPodAutoscaler")["planner"]["spec"]["minReplicas"]
    assert int(common_config(dev)["KAFKA_REPLICATION_FACTOR"]) == 1
    assert int(common_config(prod)["KAFKA_REPLICATION_FACTOR"]) >= 3


# --- Deployments ---------------------------------------------------------------------------------

@pytest.mark.parametrize("overlay", OVERLAYS)
def test_one_deployment_service_and_pdb_per_service(rendered, overlay):
    resources = rendered[f"overlays/{overlay}"]
    deployments = by_name(resources, "Deployment")
    assert set(deployments) == set(APPS)
    services, pdbs = by_name(resources, "Service"), by_name(resources, "PodDisruptionBudget")
    for name, dep in deployments.items():
        pod_labels = dep["spec"]["template"]["metadata"]["labels"]
        selector = dep["spec"]["selector"]["matchLabels"]
        assert selector.items() <= pod_labels.items()
        assert services[name]["spec"]["selector"].items() <= pod_labels.items()
        assert pdbs[name]["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        (container,) = dep["spec"]["template"]["spec"]["containers"]
        port = APPS[name]
        assert container["ports"] == [{"name": "http", "containerPort": port, "protocol": "TCP"}]
        assert container["command"][:2] == ["uvicorn", f"{name}.app:app"]
        assert container["command"][container["command"].index("--port") + 1] == str(port)
        assert services[name]["spec"]["ports"][0]["targetPort"] == "http"
        assert dep["spec"]["template"]["metadata"]["annotations"]["prometheus.io/port"] == str(port)


def pod_specs(resources):
    for r in resources:
        if r["kind"] in ("Deployment", "Job"):
            yield r, r["spec"]["template"]["spec"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_are_locked_down(rendered, overlay):
    for resource, spec in pod_specs(rendered[f"overlays/{overlay}"]):
        name = resource["metadata"]["name"]
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert spec["automountServiceAccountToken"] is False, name
        volumes = {v["name"]: v for v in spec["volumes"]}
        for container in spec["containers"]:
            sc = container["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False, name
            assert sc["readOnlyRootFilesystem"] is True, name
            assert sc["capabilities"]["drop"] == ["ALL"], name
            assert "add" not in sc["capabilities"], name
            tmp = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]
            assert tmp and "emptyDir" in volumes[tmp[0]["name"]], f"{name}: /tmp must be an emptyDir"
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(container["resources"][kind]), (name, kind)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_probes_use_healthz_for_liveness_and_readyz_for_readiness(rendered, overlay):
    for name, dep in by_name(rendered[f"overlays/{overlay}"], "Deployment").items():
        (container,) = dep["spec"]["template"]["spec"]["containers"]
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}, name
        assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}, name
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz", name


def probe_paths() -> set[str]:
    paths = set()
    for overlay in OVERLAYS:
        for dep in of_kind(render.build(K8S / "overlays" / overlay), "Deployment"):
            for container in dep["spec"]["template"]["spec"]["containers"]:
                for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                    paths.add(container[probe]["httpGet"]["path"])
    return paths


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
@pytest.mark.parametrize("service", APPS)
def test_probe_paths_are_routes_of_the_service_app(service):
    """Ask the real app: without `with`, TestClient runs no lifespan, so nothing connects anywhere.
    /healthz answers 200; /readyz then fails for want of a runtime (500), but it is routed (not 404)."""
    from fastapi.testclient import TestClient

    try:
        module = importlib.import_module(f"{service}.app")
    except ImportError as exc:  # a service mid-change elsewhere; its own tests report the import error
        if (exc.name or "").split(".")[0] != service and service not in str(exc):
            raise
        pytest.skip(f"{service}.app does not import right now: {exc}")
    client = TestClient(module.app, raise_server_exceptions=False)
    for path in sorted(probe_paths()):
        status = client.get(path).status_code
        assert status not in (404, 405), f"{service} does not serve {path}"
    assert client.get("/healthz").status_code == 200
    assert client.get("/no-such-probe-path").status_code == 404


def test_probe_paths_come_from_the_shared_health_router():
    """Every service app is assembled by create_service_app, which mounts smmkit's health router."""
    assert probe_paths() <= {r.path for r in health_router().routes}
    for service in APPS:
        source = (ROOT / "services" / service / service / "app.py").read_text()
        assert "create_service_app(" in source, service


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_autoscaled_deployments_leave_replicas_to_their_autoscaler(rendered, overlay):
    for name, dep in by_name(rendered[f"overlays/{overlay}"], "Deployment").items():
        assert "replicas" not in dep["spec"], f"{name}: the autoscaler owns spec.replicas"


# --- configuration and secrets ---------------------------------------------------------------------

def known_env_names() -> set[str]:
    from metrics.settings import MetricsSettings
    from planner.settings import PlannerSettings
    from publisher.settings import PublisherSettings
    from web.settings import WebSettings

    names = {"FORWARDED_ALLOW_IPS"}  # uvicorn's own (the peers whose X-Forwarded-For it trusts)
    for cls in (CommonSettings, PlannerSettings, PublisherSettings, MetricsSettings, WebSettings):
        prefix = cls.model_config.get("env_prefix", "")
        names |= {(prefix + f).upper() for f in cls.model_fields}
    return names


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_config_maps_hold_only_known_non_secret_settings(rendered, overlay):
    known = known_env_names()
    for name, cm in by_name(rendered[f"overlays/{overlay}"], "ConfigMap").items():
        unknown = set(cm["data"]) - known
        assert not unknown, f"{name}: {sorted(unknown)} are not settings of any service (typo?)"
        assert not set(cm["data"]) & SECRET_ENV, f"{name} holds a secret"
    common = common_config(rendered[f"overlays/{overlay}"])
    assert common["KAFKA_IDEMPOTENCE"] == "true"
    assert common["ENVIRONMENT"] == "production"
    assert int(common["KAFKA_PARTITIONS"]) == DEFAULT_PARTITIONS


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_urls_are_known_networks_at_base_urls_with_no_path(rendered, overlay):
    """{} (the real APIs) in the base; an overlay pointing a network elsewhere gives a base URL shaped
    like the production one (``https://host[:port]``), which the adapters join their paths to."""
    from urllib.parse import urlsplit

    from smmkit.catalogue import NETWORKS

    seen = 0
    for cm in by_name(rendered[f"overlays/{overlay}"], "ConfigMap").values():
        for key, value in cm["data"].items():
            if key.endswith(("_NETWORK_BASE_URLS", "_NETWORK_READ_URLS")):
                seen += 1
                urls = json.loads(value)
                assert set(urls) <= set(NETWORKS), key
                assert all(urlsplit(url).path in ("", "/") for url in urls.values()), key
    assert seen == 4, "publisher and metrics each name their base and read URLs"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_secrets_are_referenced_never_committed(rendered, overlay):
    resources = rendered[f"overlays/{overlay}"]
    assert not of_kind(resources, "Secret")
    for resource, spec in pod_specs(resources):
        for container in spec["containers"]:
            env = {e["name"]: e for e in container.get("env", [])}
            assert set(env) >= SECRET_ENV, resource["metadata"]["name"]
            own = OWN_SECRET_ENV.get(resource["metadata"]["name"], set())
            assert set(env) >= own, resource["metadata"]["name"]
            for name in SECRET_ENV | own:
                assert "value" not in env[name]
                assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "smm-secrets"
            refs = [e["configMapRef"]["name"] for e in container["envFrom"]]
            assert refs[0] == "smm-common"
            assert set(refs) <= set(by_name(resources, "ConfigMap")), refs
    for path in K8S.rglob("*.yaml"):
        assert "kind: Secret" not in path.read_text(), path


# --- autoscaling ---------------------------------------------------------------------------------

@pytest.mark.parametrize("overlay", OVERLAYS)
def test_one_autoscaler_per_deployment_keda_for_consumers_hpa_for_the_planner(rendered, overlay):
    resources = rendered[f"overlays/{overlay}"]
    hpa_targets = [h["spec"]["scaleTargetRef"]["name"] for h in of_kind(resources, "HorizontalPodAutoscaler")]
    keda_targets = [s["spec"]["scaleTargetRef"]["name"] for s in of_kind(resources, "ScaledObject")]
    assert sorted(hpa_targets) == sorted(HPA_SCALED)
    assert sorted(keda_targets) == sorted(KEDA_SCALED)
    assert not set(hpa_targets) & set(keda_targets)
    for hpa in of_kind(resources, "HorizontalPodAutoscaler"):
        (metric,) = hpa["spec"]["metrics"]
        assert metric["type"] == "Resource" and metric["resource"]["name"] == "cpu"
        assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_keda_scales_each_consumer_group_on_the_lag_of_its_own_topics(rendered, overlay):
    resources = rendered[f"overlays/{overlay}"]
    common = common_config(resources)
    partitions = int(common["KAFKA_PARTITIONS"])
    code = subscriptions_in_code()
    for name, so in by_name(resources, "ScaledObject").items():
        spec = so["spec"]
        assert spec["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"] <= partitions, name
        triggers = spec["triggers"]
        assert all(t["type"] == "kafka" for t in triggers)
        (group,) = code[name]
        assert {t["metadata"]["consumerGroup"] for t in triggers} == {group}
        assert sorted(t["metadata"]["topic"] for t in triggers) == sorted(code[name][group])
        for t in triggers:
            meta = t["metadata"]
            assert meta["topic"] in TOPICS
            assert int(meta["lagThreshold"]) > 0
            assert meta["bootstrapServers"] == common["KAFKA_BOOTSTRAP_SERVERS"]
            assert meta["offsetResetPolicy"] == "earliest"  # as the consumers (bus.py)
    hpa = by_name(resources, "HorizontalPodAutoscaler")["planner"]
    assert hpa["spec"]["maxReplicas"] <= partitions


def test_code_subscriptions_are_the_expected_consumer_groups():
    assert subscriptions_in_code() == {
        "planner": {"planner": ["post.published", "post.failed", "tenant.deletion_requested", "tenant.data_deleted",
                                "connection.authorized", "account.needs_reconnect"]},
        "publisher": {"publisher": ["account.created", "post.scheduled", "tenant.deletion_requested",
                                    "connection.settled"]},
        "metrics": {"metrics": ["account.created", "post.published", "tenant.deletion_requested",
                                "credentials.issued"]},
        "attribution": {"attribution": ["order.created", "post.published", "engagement.updated",
                                        "tenant.deletion_requested"]},
    }


# --- network policies ------------------------------------------------------------------------------

def rule_ports(rule) -> set:
    return {p["port"] for p in rule.get("ports", [])}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_deny_by_default_and_open_only_what_is_needed(rendered, overlay):
    resources = rendered[f"overlays/{overlay}"]
    policies = by_name(resources, "NetworkPolicy")
    deny = policies["default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny

    infra = policies["smm-infra-egress"]["spec"]
    assert infra["podSelector"]["matchLabels"] == {"app.kubernetes.io/part-of": "smm"}
    assert set().union(*(rule_ports(r) for r in infra["egress"])) == INFRA_PORTS
    assert "ingress" not in infra

    for resource, spec in pod_specs(resources):
        labels = resource["spec"]["template"]["metadata"]["labels"]
        assert labels.get("app.kubernetes.io/part-of") == "smm", "infra egress would not apply"

    for name in APPS:
        spec = policies[name]["spec"]
        assert spec["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": name}
        assert [rule_ports(r) for r in spec["ingress"]] == [{APPS[name]}]
        egress_ports = set().union(*(rule_ports(r) for r in spec.get("egress", [])))
        if name == "web":
            # each of the four services on its own port, pods of this namespace only
            reached = set()
            for rule in spec["egress"]:
                (peer,) = rule["to"]
                assert set(peer) == {"podSelector"}, "no ipBlock, no other namespace"
                (port,) = rule_ports(rule)
                reached.add((peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"], port))
            assert reached == set(stack.SERVICE_PORTS.items())
            assert set(spec["policyTypes"]) == {"Ingress", "Egress"}
        elif name in NETWORK_EGRESS:
            assert egress_ports == {443}, name
            for rule in spec["egress"]:
                for peer in rule["to"]:
                    block = peer["ipBlock"]
                    assert block["except"], "private ranges and metadata endpoints must stay closed"
                    if block["cidr"] == "0.0.0.0/0":
                        assert {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"} <= set(block["except"])
        else:
            assert not egress_ports, f"{name} has no reason to leave the cluster"

    for name, policy in policies.items():
        allowed = INFRA_PORTS | {443} | (set(stack.SERVICE_PORTS.values()) if name == "web" else set())
        for rule in policy["spec"].get("egress", []):
            assert rule.get("ports"), f"{name}: egress rule without ports opens everything"
            assert rule_ports(rule) <= allowed, name


# --- jobs and topics -----------------------------------------------------------------------------

def test_migrations_job_runs_smm_migrate(rendered):
    for overlay in OVERLAYS:
        job = by_name(rendered[f"overlays/{overlay}"], "Job")["smm-migrate"]
        (container,) = job["spec"]["template"]["spec"]["containers"]
        assert container["command"] == ["smm", "migrate"]
        assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"


def test_smm_migrate_covers_the_schema_of_every_deployment():
    """The Job runs `smm migrate`: it must bring every app with migrations (the web app's `web` schema too)."""
    from smmkit.migrate import MIGRATION_PACKAGES, migrations_dir

    with_migrations = {app for app in APPS if (migrations_dir(app) / "env.py").is_file()}
    assert with_migrations == set(APPS)
    assert with_migrations <= set(MIGRATION_PACKAGES)


def test_topics_job_creates_the_registry_topics_with_the_configured_partitions(rendered, monkeypatch):
    (job,) = of_kind(rendered["topics/job"], "Job")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["smm", "topics"]
    assert container["envFrom"] == [{"configMapRef": {"name": "smm-common"}}]
    assert "smm-topics" in by_name(rendered["overlays/dev"], "Job"), "dev creates its topics with the Job"

    common = dict(common_config(rendered["overlays/dev"]))
    common.update({k: "change-me-not" for k in ("OPERATOR_TOKEN", "TRACKING_SECRET")})
    common["SECRET_KEYS"] = Fernet.generate_key().decode()  # production takes nothing else
    created = run_smm_topics(monkeypatch, common)
    assert sorted(n for n, _, _ in created) == sorted(all_topic_names())
    assert {(p, rf) for _, p, rf in created} == {(DEFAULT_PARTITIONS, int(common["KAFKA_REPLICATION_FACTOR"]))}


def test_strimzi_topics_match_the_registry(rendered):
    topics = of_kind(rendered["topics/strimzi"], "KafkaTopic")
    assert sorted(t["spec"]["topicName"] for t in topics) == sorted(all_topic_names())
    prod_rf = int(common_config(rendered["overlays/prod"])["KAFKA_REPLICATION_FACTOR"])
    for t in topics:
        assert t["apiVersion"] == "kafka.strimzi.io/v1beta2"
        assert t["metadata"]["namespace"] == "kafka"
        assert t["metadata"]["labels"]["strimzi.io/cluster"] == "smm-kafka"
        assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", t["metadata"]["name"])
        assert t["spec"]["partitions"] == DEFAULT_PARTITIONS
        assert t["spec"]["replicas"] == prod_rf
        assert int(t["spec"]["config"]["min.insync.replicas"]) < prod_rf
    assert not of_kind(rendered["overlays/prod"], "KafkaTopic"), "KafkaTopics live in the Kafka namespace"


def test_kafka_bootstrap_points_at_the_strimzi_cluster(rendered):
    for overlay in OVERLAYS:
        assert common_config(rendered[f"overlays/{overlay}"])["KAFKA_BOOTSTRAP_SERVERS"] == \
            "smm-kafka-kafka-bootstrap.kafka.svc:9092"


# --- monitoring ----------------------------------------------------------------------------------

def test_prometheus_rule_carries_the_compose_alerts(rendered):
    (rule,) = of_kind(rendered["overlays/prod"], "PrometheusRule")
    alerts = yaml.safe_load((ROOT / "deploy" / "prometheus" / "alerts.yml").read_text())
    assert rule["spec"] == alerts
    names = {r["alert"] for g in rule["spec"]["groups"] for r in g["rules"]}
    assert names == {"SmmConsumerLagHigh", "SmmDlqGrowing", "SmmOutboxBacklogOld", "SmmPublishLatenessHigh"}
    for group in rule["spec"]["groups"]:
        for r in group["rules"]:
            assert r["expr"] and r["labels"]["severity"] in {"warning", "critical"} and r["annotations"]["summary"]


def test_pod_monitor_scrapes_every_service_pod(rendered):
    resources = rendered["overlays/prod"]
    (monitor,) = of_kind(resources, "PodMonitor")
    selector = monitor["spec"]["selector"]["matchLabels"]
    selected = [d["metadata"]["name"] for d in of_kind(resources, "Deployment")
                if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()]
    assert sorted(selected) == sorted(APPS)
    assert monitor["spec"]["podMetricsEndpoints"] == [{"port": "http", "path": "/metrics", "interval": "15s"}]


# --- the renderer itself -------------------------------------------------------------------------

def test_strategic_merge_merges_keyed_lists_and_replaces_custom_resource_lists():
    base = {"spec": {"containers": [{"name": "a", "image": "x", "env": [{"name": "K", "value": "1"}]},
                                    {"name": "b", "image": "y"}],
                     "triggers": [{"t": 1}, {"t": 2}], "drop": 1}}
    patch = {"spec": {"containers": [{"name": "b", "image": "z"}, {"name": "c", "image": "w"}],
                      "triggers": [{"t": 3}], "drop": None}}
    merged = render.strategic_merge(base, patch, builtin=True)
    assert [c["name"] for c in merged["spec"]["containers"]] == ["a", "b", "c"]
    assert merged["spec"]["containers"][0]["env"] == [{"name": "K", "value": "1"}]
    assert merged["spec"]["containers"][1]["image"] == "z"
    assert merged["spec"]["triggers"] == [{"t": 3}]
    assert "drop" not in merged["spec"]
    crd = render.strategic_merge(base, patch, builtin=False)
    assert [c["name"] for c in crd["spec"]["containers"]] == ["b", "c"]


def test_renderer_refuses_what_it_does_not_implement(tmp_path):
    (tmp_path / "kustomization.yaml").write_text("resources: []\nnamePrefix: x-\n")
    with pytest.raises(render.RenderError, match="namePrefix"):
        render.build(tmp_path)


def test_image_names_split_like_kustomize():
    assert render._split_image("registry:5000/smm/app:1.2@sha256:abc") == ("registry:5000/smm/app", "1.2", "sha256:abc")
    assert render._split_image("registry:5000/smm/app") == ("registry:5000/smm/app", "", "")


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
@pytest.mark.parametrize("name", KUSTOMIZATIONS)
def test_renderer_agrees_with_kubectl_kustomize(rendered, name):
    out = subprocess.run(["kubectl", "kustomize", str(K8S / name)], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    theirs = {render.resource_id(r): r for r in yaml.safe_load_all(out) if r}
    mine = {render.resource_id(r): r for r in rendered[name]}
    assert mine == theirs
