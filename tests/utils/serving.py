"""An ASGI app served over real HTTP from a thread of its own (its own event loop, lifespan included)."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from smmkit.stack import free_port


@contextmanager
def served(app, *, lifespan: str = "on", start_timeout_s: float = 60.0) -> Iterator[str]:
    """``with served(app) as url``: the app at ``http://127.0.0.1:<free port>`` until the block ends."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan=lifespan,
                                           log_level="warning", timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
