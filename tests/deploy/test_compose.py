"""docker-compose.yml and .env.example, checked without a Docker engine.

The file is interpolated the way compose does it (``${VAR:-default}``, ``${VAR:?error}``, ``$$``)
with the values of .env.example, then validated against the Compose Specification JSON schema.
``compose_spec.json`` beside this file is vendored unchanged from the PyPI wheel
docker-compose 1.29.2 (``compose/config/compose_spec.json``, Apache-2.0, see
``compose_spec.LICENSE``). It predates a few newer keys (top-level ``name``, ``develop``, ...),
which docker-compose.yml therefore does not use.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from smmkit import stack
from smmkit.events import all_topic_names
from smmkit.settings import REAL_NETWORK_BASE_URLS, CommonSettings
from smm_deploy_helpers import run_smm_topics

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SCHEMA = Path(__file__).with_name("compose_spec.json")

INFRA = {"kafka", "postgres", "redis"}
SETUP = {"migrate", "topics"}
APPS = {"planner", "publisher", "metrics", "attribution", "web", "sandbox"}
OBSERVABILITY = {"prometheus", "grafana"}
FRONT = {"gateway"}  # smmkit.gateway serving deploy/routes.yaml
SECRETS = ("OPERATOR_TOKEN", "SECRET_KEYS", "TRACKING_SECRET")


class MissingVariable(KeyError):
    pass


_VAR = re.compile(r"\$(?:(?P<escaped>\$)|\{(?P<braced>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|(?P<bare>\w+))")


def interpolate(value, env: dict[str, str]):
    """Compose's variable substitution, applied to every string value of the parsed file."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def sub(m: re.Match) -> str:
        if m["escaped"]:
            return "$"
        name = m["braced"] or m["bare"]
        op, arg, current = m["op"], m["arg"], env.get(name)
        if op == ":-":
            return current if current else arg
        if op == "-":
            return current if current is not None else arg
        if op in (":?", "?"):
            if current is None or (op == ":?" and current == ""):
                raise MissingVariable(f"{name}: {arg}")
            return current
        return current or ""

    return _VAR.sub(sub, value)


def variables_used(text: str) -> set[str]:
    return {m["braced"] or m["bare"] for m in _VAR.finditer(text) if not m["escaped"]}


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"not KEY=value: {line!r}"
            values[key.strip()] = value
    return values


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def compose(raw) -> dict:
    return interpolate(raw, env_example())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.mark.parametrize("with_env_file", [True, False], ids=["with .env", "compose defaults"])
def test_compose_file_is_valid_against_the_compose_spec(raw, with_env_file):
    env = env_example() if with_env_file else {s: "change-me" for s in SECRETS}
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft201909Validator(schema).validate(interpolate(raw, env))


def test_every_required_service_is_defined(services):
    assert set(services) == INFRA | SETUP | APPS | OBSERVABILITY | FRONT


def test_the_gateway_reaches_each_service_of_the_route_table_on_its_port(services):
    from smmkit.gateway import RouteTable

    table = RouteTable.load()
    gateway = services["gateway"]
    upstreams = {k: v for k, v in app_env(services, "gateway").items() if k.startswith("GATEWAY_")}
    assert upstreams == {f"GATEWAY_{name.upper()}_URL": f"http://{name}:{table.ports[name]}"
                         for name in table.ports if name in services}
    assert set(gateway["depends_on"]) == {name for name in table.ports if name in services}
    assert gateway["read_only"] is True and gateway["cap_drop"] == ["ALL"]


def test_every_long_running_service_has_a_healthcheck(services):
    for name, svc in services.items():
        if name in SETUP:
            assert svc.get("restart") == "no", f"{name} is one-shot and must not restart"
            continue
        check = svc.get("healthcheck")
        assert check and check.get("test") and not check.get("disable"), f"{name} has no healthcheck"


def test_apps_wait_for_migrations_topics_and_healthy_infrastructure(services):
    for name in APPS:
        deps = services[name]["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully", name
        assert deps["topics"]["condition"] == "service_completed_successfully", name
        for infra in INFRA:
            assert deps[infra]["condition"] == "service_healthy", (name, infra)
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert services["topics"]["depends_on"] == {"kafka": {"condition": "service_healthy"}}
    assert services["grafana"]["depends_on"]["prometheus"]["condition"] == "service_healthy"


def test_kafka_is_a_single_kraft_node_without_topic_auto_creation(services):
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    env = {k: str(v) for k, v in kafka["environment"].items()}
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == f"{env['KAFKA_NODE_ID']}@kafka:9093"
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    for key in ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "KAFKA_DEFAULT_REPLICATION_FACTOR"):
        assert env[key] == "1", key
    assert "INTERNAL://kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"]


def app_env(services, name) -> dict[str, str]:
    return {k: str(v) for k, v in services[name]["environment"].items()}


def test_apps_talk_to_real_kafka_with_idempotent_producers(services):
    for name in APPS | SETUP:
        env = app_env(services, name)
        assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["KAFKA_IDEMPOTENCE"] == "true"
        assert env["DATABASE_URL"].startswith("postgresql://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379/")


@pytest.mark.parametrize("with_env_file", [True, False], ids=["with .env", "compose defaults"])
def test_topics_service_creates_every_registry_topic_with_the_default_partition_count(raw, monkeypatch, with_env_file):
    env = env_example() if with_env_file else {s: "change-me" for s in SECRETS}
    services = interpolate(raw, env)["services"]
    assert services["topics"]["command"] == ["smm", "topics"]
    topics_env = app_env(services, "topics")
    default_partitions = CommonSettings.model_fields["kafka_partitions"].default
    assert int(topics_env["KAFKA_PARTITIONS"]) == default_partitions

    created = run_smm_topics(monkeypatch, topics_env)
    assert sorted(name for name, _, _ in created) == sorted(all_topic_names())
    assert {(p, rf) for _, p, rf in created} == {(default_partitions, 1)}


def test_migrations_service_runs_smm_migrate(services):
    assert services["migrate"]["command"] == ["smm", "migrate"]


def test_services_run_on_their_standard_ports_with_matching_healthchecks(services):
    for name, port in stack.SERVICE_PORTS.items():
        svc = services[name]
        assert svc["command"] == ["uvicorn", f"{name}.app:app", "--host", "0.0.0.0", "--port", str(port)]
        assert svc["ports"] == [f"127.0.0.1:{port}:{port}"]
        assert f"http://127.0.0.1:{port}/readyz" in " ".join(svc["healthcheck"]["test"])
    sandbox = services["sandbox"]
    assert sandbox["command"] == ["python", "-m", "sandbox", "--host", "0.0.0.0", "--port", str(stack.SANDBOX_PORT)]
    assert sandbox_health_url() in " ".join(sandbox["healthcheck"]["test"])
    ports = sorted(stack.default_sandbox().ports())  # what `--port 8010` serves: control, then each network
    assert ports[0] == stack.SANDBOX_PORT and len(set(ports)) == len(ports)
    # one published range from the control port up, holding every network's port (a port may be spare)
    first, last = sandbox["ports"][0].removeprefix("127.0.0.1:").split(":")[0].split("-")
    assert len(sandbox["ports"]) == 1 and int(first) == ports[0] and int(last) >= ports[-1]


def test_the_web_app_calls_the_four_services_and_builds_links_on_the_front_door(services):
    """As `smm up` starts it (stack.web_process): WEB_<SERVICE>_URL for each service, here at its compose name."""
    from web.settings import WebSettings

    web = services["web"]
    port = stack.WEB_PORT
    assert web["command"] == ["uvicorn", "web.app:app", "--host", "0.0.0.0", "--port", str(port)]
    assert web["ports"] == [f"127.0.0.1:{port}:{port}"]
    assert f"http://127.0.0.1:{port}/readyz" in " ".join(web["healthcheck"]["test"])
    assert web["image"] == services["planner"]["image"] and web["build"] == services["planner"]["build"]
    env = app_env(services, "web")
    web_env = {k: v for k, v in env.items() if k.startswith("WEB_")}
    fields = {("WEB_" + f).upper() for f in WebSettings.model_fields}
    assert set(web_env) <= fields, "not a setting of the web app (typo?)"
    for name, service_port in stack.SERVICE_PORTS.items():
        assert web_env[f"WEB_{name.upper()}_URL"] == f"http://{name}:{service_port}"
        assert web["depends_on"][name]["condition"] == "service_healthy"
    # people open the gateway's origin: invitation and review links must point there
    (gateway_port,) = services["gateway"]["ports"]
    assert web_env["WEB_PUBLIC_URL"] == "http://" + gateway_port.rsplit(":", 1)[0]
    for secret in SECRETS:
        assert env[secret] == env_example()[secret]


def test_the_gateway_sends_the_site_to_the_web_app(services):
    from smmkit.gateway import Gateway, RouteTable

    table = RouteTable.load()
    upstreams = {k: v for k, v in app_env(services, "gateway").items() if k.startswith("GATEWAY_")}
    gateway = Gateway(table, {name: upstreams[f"GATEWAY_{name.upper()}_URL"] for name in table.ports})
    _, service = gateway.target("/calendar")
    assert service == table.site == "web"
    assert gateway.upstreams[service] == f"http://web:{stack.WEB_PORT}"
    assert services["gateway"]["depends_on"]["web"]["condition"] == "service_healthy"


def sandbox_health_url() -> str:
    """The sandbox health URL `smm up` waits for (smmkit.stack): compose checks the same one."""
    return stack.sandbox_process(stack.default_sandbox(), {}, Path("/nonexistent")).health_url


def test_sandbox_serves_its_healthcheck_path():
    from urllib.parse import urlsplit

    import httpx
    from sandbox.server import running_sandbox

    with running_sandbox() as sandbox:
        assert httpx.get(sandbox.control + urlsplit(sandbox_health_url()).path).status_code == 200


def test_published_ports_are_bound_to_loopback(services):
    for name, svc in services.items():
        for mapping in svc.get("ports", []):
            assert str(mapping).startswith("127.0.0.1:"), (name, mapping)


def test_every_network_points_at_the_sandbox(services):
    """At the ports ``python -m sandbox --port 8010`` serves, each at a base URL with no path."""
    expected = stack.network_env(stack.default_sandbox().at("sandbox"))
    for name in ("publisher", "metrics"):
        env = app_env(services, name)
        for key in (f"{name.upper()}_NETWORK_BASE_URLS", f"{name.upper()}_NETWORK_READ_URLS"):
            assert json.loads(env[key]) == json.loads(expected[key]), key
        urls = json.loads(env[f"{name.upper()}_NETWORK_BASE_URLS"])
        assert set(urls) == set(REAL_NETWORK_BASE_URLS)
        assert all(url.count("/") == 2 for url in urls.values()), "no path after the host"


def test_app_containers_are_hardened(services):
    for name in APPS | SETUP:
        svc = services[name]
        assert svc["read_only"] is True and "/tmp" in svc["tmpfs"], name
        assert svc["cap_drop"] == ["ALL"] and "no-new-privileges:true" in svc["security_opt"], name


def test_secrets_must_come_from_the_environment(raw):
    env = env_example()
    for secret in SECRETS:
        without = {k: v for k, v in env.items() if k != secret}
        with pytest.raises(MissingVariable, match=secret):
            interpolate(raw, without)
        # Never a literal value in the file: only the required-variable form.
        for svc in raw["services"].values():
            value = (svc.get("environment") or {}).get(secret)
            if value is not None:
                assert re.fullmatch(rf"\$\{{{secret}:\?[^}}]+\}}", value), value


def test_every_compose_variable_is_documented_in_env_example():
    undocumented = variables_used(COMPOSE.read_text()) - set(env_example())
    assert not undocumented, f"add {sorted(undocumented)} to .env.example"


def settings_classes():
    from attribution.settings import AttributionSettings
    from metrics.settings import MetricsSettings
    from planner.settings import PlannerSettings
    from publisher.settings import PublisherSettings

    return [CommonSettings, PlannerSettings, PublisherSettings, MetricsSettings, AttributionSettings]


def env_names(cls) -> list[str]:
    prefix = cls.model_config.get("env_prefix", "")
    return [(prefix + name).upper() for name in cls.model_fields]


def test_env_example_names_every_setting():
    documented = set(env_example())
    for cls in settings_classes():
        missing = set(env_names(cls)) - documented
        assert not missing, f"{cls.__name__}: add {sorted(missing)} to .env.example"


def test_env_example_values_are_the_code_defaults(monkeypatch, tmp_path):
    """`cp .env.example .env` must not change what `make up` and the tests do: the same values,
    parsed by the settings classes themselves, and placeholders for every secret."""
    env_file = tmp_path / ".env"
    env_file.write_text(ENV_EXAMPLE.read_text())
    for cls in settings_classes():
        for name in env_names(cls):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.chdir(tmp_path)
        from_file = cls(_env_file=str(env_file)).model_dump()
        monkeypatch.chdir(Path(__file__).parent)
        defaults = cls(_env_file=None).model_dump()
        assert from_file == defaults, cls.__name__
    values = env_example()
    for secret in SECRETS:
        assert values[secret] == "change-me"
