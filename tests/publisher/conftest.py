"""Fixtures for adapter tests: one sandbox served over real HTTP for the whole session,
reset before every test, and a factory for adapters pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from typing import Any

import pytest

from publisher.networks.base import Adapter
from publisher.networks.media import MediaFetcher, MediaPolicy
from sandbox.client import SandboxControl
from smmkit.networks import NetworkError, make_http_client, utc_now


@pytest.fixture
def sandbox(sandbox_url: str) -> Iterator[SandboxControl]:
    control = SandboxControl(sandbox_url)
    control.reset()
    yield control
    control.close()


@pytest.fixture
def media_fetcher() -> MediaFetcher:
    # The sandbox serves sample media from 127.0.0.1, which the SSRF guard refuses by default.
    return MediaFetcher(MediaPolicy(allowed_networks=("127.0.0.0/8",)))


AdapterFactory = Callable[..., Adapter]


@pytest.fixture
async def make_adapter(sandbox: SandboxControl, media_fetcher: MediaFetcher) -> AsyncIterator[AdapterFactory]:
    """``make_adapter(AdapterClass, credentials, timeout_s=5, clock=None)``."""
    clients = []

    def factory(
        cls: type[Adapter],
        credentials: dict[str, str],
        *,
        timeout_s: float = 5.0,
        clock: Callable[[], datetime] = utc_now,
        **kwargs: Any,
    ) -> Adapter:
        http = make_http_client(sandbox.network_url(cls.network), timeout_s=timeout_s)
        clients.append(http)
        return cls(http=http, credentials=credentials, media=media_fetcher, clock=clock, **kwargs)

    yield factory
    for http in clients:
        await http.aclose()


@pytest.fixture
def expect_error() -> Callable[..., Any]:
    """``error = await expect_error(adapter.publish(pub), "rate_limited")``"""

    async def check(awaitable: Any, kind: str) -> NetworkError:
        with pytest.raises(NetworkError) as caught:
            await awaitable
        assert caught.value.kind == kind, repr(caught.value)
        return caught.value

    return check
