"""Serve the sandbox: one uvicorn server in one event loop, listening on every port of a layout.

``python -m sandbox`` serves a fixed layout; ``running_sandbox()`` serves a fresh sandbox on free
ports in a background thread (tests and demos).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from sandbox.app import create_app
from sandbox.layout import PORTS_NEEDED, SandboxLayout
from smmkit.stack import free_port

__all__ = ["free_port", "listen", "make_server", "running_sandbox"]


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (0: any free port), for uvicorn to listen on."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def make_server(layout: SandboxLayout, *, latency_ms: float = 0, access_log: bool = False,
                log_level: str = "warning") -> uvicorn.Server:
    """Run it with ``server.run(sockets=...)``: one socket per port of the layout."""
    return uvicorn.Server(uvicorn.Config(create_app(layout, latency_ms), log_level=log_level, access_log=access_log,
                                         timeout_graceful_shutdown=1, lifespan="off"))


@contextmanager
def running_sandbox(*, latency_ms: float = 0, start_timeout_s: float = 10) -> Iterator[SandboxLayout]:
    """Serve a fresh sandbox on free ports of 127.0.0.1 and yield its layout: ``.control``,
    ``.url(network)``, ``.read_url(network)`` and ``.endpoints()`` for the services' settings."""
    sockets = [listen("127.0.0.1", 0) for _ in range(PORTS_NEEDED)]  # bound first: no other process takes them
    layout = SandboxLayout.assign(sock.getsockname()[1] for sock in sockets)
    server = make_server(layout, latency_ms=latency_ms)
    thread = threading.Thread(target=server.run, kwargs={"sockets": sockets}, name="sandbox", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the sandbox did not start")
        time.sleep(0.01)
    try:
        yield layout
    finally:
        server.should_exit = True
        thread.join(timeout=5)
