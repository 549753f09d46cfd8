"""The four services and the sandbox as separate processes, against the session's real infrastructure."""
import httpx
import pytest

from smmkit import stack
from tests.conftest import VAR


@pytest.fixture(scope="session")
def platform(settings, topics):
    ports = {name: stack.free_port() for name in stack.SERVICE_PORTS}
    sandbox_port = stack.free_port()
    env = stack.platform_env(
        database_url=settings.database_url, redis_url=settings.redis_url, bootstrap=settings.kafka_bootstrap_servers,
        sandbox_url=f"http://127.0.0.1:{sandbox_port}",
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
            "METRICS_POLL_INTERVAL_S": "0.2",
        },
    )
    p = stack.Platform(env=env, log_dir=VAR / "platform", service_ports=ports, sandbox_port=sandbox_port)
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
