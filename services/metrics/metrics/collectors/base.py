"""What every collector shares: the HTTP call behind the shared rate-limit gate, and one error model.

A collector answers two questions about a network: a post's counters (``fetch_post``) and an
account's follower count (``fetch_followers``). A figure the network cannot give is ``None``,
never 0. Every HTTP call first passes ``gate`` (the publisher's Redis bucket for the account,
see ``metrics.collectors.budget``), so metrics and publishing share one allowance.
"""
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

import httpx

from smmkit.catalogue import ErrorTable, spec
from smmkit.events import EngagementCounts
from smmkit.networks import NetworkError, retry_after_from_headers, short, transport_errors

Gate = Callable[[], Awaitable[None]]


class PostGone(Exception):
    """The network says the post no longer exists."""


class Collector(ABC):
    network: ClassVar[str]

    def __init__(self, *, http: httpx.AsyncClient, credentials: dict[str, str] | None = None,
                 account_ref: str | None = None, gate: Gate | None = None):
        self.http = http
        self.credentials = credentials or {}
        self.account_ref = account_ref
        self._gate = gate

    @abstractmethod
    async def fetch_post(self, external_id: str) -> EngagementCounts:
        """Current counters; ``None`` for a figure the network does not give. Raises ``PostGone``."""

    @abstractmethod
    async def fetch_followers(self) -> int | None:
        """The follower count of ``account_ref``; None where the network cannot say."""

    # --- helpers -------------------------------------------------------------------------

    def credential(self, key: str) -> str:
        value = self.credentials.get(key)
        if not value:
            raise NetworkError("auth_expired", f"read credential {key!r} is missing; register it with metrics")
        return value

    def require_account(self) -> str:
        if not self.account_ref:
            raise NetworkError("invalid", f"{self.network}: the account is not registered with metrics")
        return self.account_ref

    async def get(self, path: str, **kwargs: Any) -> tuple[httpx.Response, Any]:
        """GET through the gate; transport failures and plain HTTP errors become ``NetworkError``."""
        if self._gate is not None:
            await self._gate()
        with transport_errors(write=False):
            response = await self.http.get(path, **kwargs)
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        return response, body

    @property
    def errors(self) -> ErrorTable:
        return spec(self.network).errors

    def status_error(self, response: httpx.Response, message: object, *, code: str | None = None) -> NetworkError:
        """An error answer: ``message`` is the network's own (shortened, tokens redacted); the kind
        is the catalogue's for ``code`` where it knows it, else the HTTP status's."""
        return self.errors.error(code, message=short(message), status=response.status_code,
                                 retry_after_s=retry_after_from_headers(response.headers))


def insight_values(body: Any) -> dict[str, int | None]:
    """``{"data": [{"name", "values": [{"value"}]}]}`` (or ``total_value``) as ``{name: value}``."""
    out: dict[str, int | None] = {}
    for item in (body or {}).get("data", []):
        if "total_value" in item:
            out[item["name"]] = item["total_value"].get("value")
        elif item.get("values"):
            out[item["name"]] = item["values"][-1].get("value")
    return out
