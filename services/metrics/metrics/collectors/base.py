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

from smmkit.events import EngagementCounts
from smmkit.networks import NetworkError, error_for_status, retry_after_from_headers, transport_errors

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

    def status_error(self, response: httpx.Response, message: str) -> NetworkError:
        return error_for_status(response.status_code, write=False, message=f"{self.network}: {message}",
                                retry_after_s=retry_after_from_headers(response.headers))


def graph_error(collector: Collector, response: httpx.Response, body: Any) -> Exception | None:
    """Meta Graph errors (Facebook, Instagram, Threads): deleted posts are (#100) subcode 33."""
    error = (body or {}).get("error") if isinstance(body, dict) else None
    if error is None and response.status_code < 400:
        return None
    error = error or {}
    code, subcode = error.get("code"), error.get("error_subcode")
    if code == 100 and subcode == 33:
        return PostGone(str(error.get("message", "")))
    if code in (4, 17, 32, 613, 80001, 80002):
        return NetworkError("rate_limited", f"{collector.network}: graph rate limit (#{code})",
                            retry_after_s=_buc_retry_after(response), status=response.status_code, code=str(code))
    if code == 190:
        return NetworkError("auth_expired", f"{collector.network}: token rejected (#190)", status=response.status_code,
                            code="190")
    if response.status_code >= 500 or error.get("is_transient"):
        return NetworkError("transient", f"{collector.network}: graph error (#{code})", status=response.status_code)
    return NetworkError("invalid", f"{collector.network}: graph error (#{code})", status=response.status_code,
                        code=str(code))


def _buc_retry_after(response: httpx.Response) -> float | None:
    import json

    raw = response.headers.get("X-Business-Use-Case-Usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
        minutes = max(u.get("estimated_time_to_regain_access", 0) for rows in usage.values() for u in rows)
    except (ValueError, AttributeError, TypeError):
        return None
    return float(minutes) * 60 or None


def insight_values(body: Any) -> dict[str, int | None]:
    """``{"data": [{"name", "values": [{"value"}]}]}`` (or ``total_value``) as ``{name: value}``."""
    out: dict[str, int | None] = {}
    for item in (body or {}).get("data", []):
        if "total_value" in item:
            out[item["name"]] = item["total_value"].get("value")
        elif item.get("values"):
            out[item["name"]] = item["values"][-1].get("value")
    return out
