"""The four services and the sandbox as separate processes, as in production.

The platform has a broker, a database and a Redis database of its own, so its consumers
and jobs never touch what the in-process service tests of the same session produce.
"""
import asyncio
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from sandbox.layout import PORTS_NEEDED, SandboxLayout
from smmkit import demo, stack
from smmkit.bus import ensure_topics
from tests.conftest import VAR, scratch_database


# Facebook's webhook secrets: the handshake's verify token travels in a query string.
FACEBOOK_APP_SECRET = "fb-app-secret-" + "7d1c0a9e52b84f63"
FACEBOOK_VERIFY_TOKEN = "fb-verify-" + "c3e81f0b9a2d4467"


def _other_redis_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}"))


@pytest.fixture(scope="session")
def platform(settings):
    yield from _own_platform(settings, name="platform", redis_db=13)


@pytest.fixture(scope="module")
def chaos_platform(settings):
    """A platform of its own for tests that SIGKILL services: a killed consumer can stay a member of its
    group on tansu for long, holding partitions; that must not stall the other tests' platform."""
    yield from _own_platform(settings, name="chaos-platform", redis_db=12)


def _own_platform(settings, *, name: str, redis_db: int):
    broker = stack.Broker(port=stack.free_port(), log_path=VAR / name / "tansu.log").start()
    with scratch_database() as database_url:
        own = settings.model_copy(update={"database_url": database_url, "kafka_bootstrap_servers": broker.bootstrap,
                                          "redis_url": _other_redis_db(settings.redis_url, redis_db)})
        asyncio.run(ensure_topics(own))
        try:
            yield from _run_platform(own, VAR / name, broker=broker)
        finally:
            broker.stop()


def _run_platform(settings, log_dir, *, broker: stack.Broker, extra_env: dict[str, str] | None = None):
    """The platform's processes on ``settings``' database, Redis and ``broker`` (``extra_env`` on top of the
    suite's environment; the chaos harness shortens the planner's dispatch lead with it)."""
    # every port at once: ports picked one by one can repeat (a service and a sandbox network on one port)
    free = iter(stack.free_ports(len(stack.SERVICE_PORTS) + PORTS_NEEDED))
    ports = {name: next(free) for name in stack.SERVICE_PORTS}
    sandbox = SandboxLayout.assign(free)
    for name in ("sandbox", *ports):  # this session's logs only (test_secrets_in_logs searches them)
        (log_dir / f"{name}.log").unlink(missing_ok=True)
    (log_dir / "spans.jsonl").unlink(missing_ok=True)  # every process's spans (smmkit.tracing, test_trace)
    env = stack.platform_env(
        database_url=settings.database_url, redis_url=settings.redis_url, bootstrap=settings.kafka_bootstrap_servers,
        sandbox=sandbox,
        extra={
            "ENVIRONMENT": "test",
            "OPERATOR_TOKEN": settings.operator_token,
            "SECRET_KEYS": settings.secret_keys,
            "TRACKING_SECRET": settings.tracking_secret,
            "KAFKA_PARTITIONS": str(settings.kafka_partitions),
            "KAFKA_SESSION_TIMEOUT_MS": "6000",
            "KAFKA_HEARTBEAT_INTERVAL_MS": "2000",
            "PLANNER_DISPATCH_INTERVAL_S": "0.1",
            "PUBLISHER_LEASE_S": "3",
            "PUBLISHER_HTTP_TIMEOUT_S": "1.5",
            "PUBLISHER_RETRY_BASE_S": "0.2",
            # the networks (the sandbox) send the person back to the publisher itself: no gateway here
            "PUBLISHER_CONNECT_CALLBACK_URL": f"http://127.0.0.1:{ports['publisher']}/connections/callback",
            "METRICS_POLL_INTERVAL_S": "0.2",
            "METRICS_FACEBOOK_APP_SECRET": FACEBOOK_APP_SECRET,
            "METRICS_FACEBOOK_VERIFY_TOKEN": FACEBOOK_VERIFY_TOKEN,
            "API_RATE_LIMIT": str(settings.api_rate_limit),
            "PUBLIC_RATE_LIMIT": str(settings.public_rate_limit),
            "TRACE_FILE": str(log_dir / "spans.jsonl"),
            **(extra_env or {}),
        },
    )
    p = stack.Platform(env=env, log_dir=log_dir, service_ports=ports, sandbox=sandbox, access_log=True,
                       broker=broker)
    try:
        p.start()
        yield p
    finally:
        p.stop()


class Api:
    """Small HTTP helper: one client per service, with the tenant's key."""

    def __init__(self, platform: stack.Platform, key: str):
        self.platform = platform
        self.headers = {"Authorization": f"Bearer {key}"}
        self._clients: dict[str, httpx.Client] = {}

    def __getattr__(self, service: str) -> httpx.Client:
        if service.startswith("_"):
            raise AttributeError(service)
        if service not in self._clients:
            self._clients[service] = httpx.Client(base_url=self.platform.url(service), headers=self.headers,
                                                  timeout=10)
        return self._clients[service]


def create_tenant(platform, settings, name: str) -> dict:
    resp = httpx.post(f"{platform.url('planner')}/admin/tenants", json={"name": name},
                      headers={"Authorization": f"Bearer {settings.operator_token}"})
    assert resp.status_code == 201, resp.text
    return resp.json()


def put_credentials(client: httpx.Client, account_id: str, body: dict) -> httpx.Response:
    """PUT credentials on the publisher or metrics for an account just created on the planner, retried while
    the service has not yet consumed its ``account.created`` (404 with Retry-After), as clients do."""
    url = f"{str(client.base_url).rstrip('/')}/accounts/{account_id}/credentials"
    return demo.put_credentials(url, headers=dict(client.headers), json=body)
