"""A small synchronous client for the ``/_sandbox`` control API (tests, bench, demos)."""

from __future__ import annotations

from typing import Any

import httpx

from sandbox.layout import SandboxLayout


class SandboxControl:
    def __init__(self, layout: SandboxLayout) -> None:
        self.layout = layout
        self.base_url = layout.control
        self._http = httpx.Client(base_url=self.base_url, timeout=5)

    def close(self) -> None:
        self._http.close()

    def url(self, network: str) -> str:
        """The network's base URL (no path), as ``SandboxLayout.url``."""
        return self.layout.url(network)

    def read_url(self, network: str) -> str:
        return self.layout.read_url(network)

    def media_url(self, name: str = "photo.png", **query: Any) -> str:
        return str(httpx.URL(f"{self.base_url}/_sandbox/media/{name}", params=query))

    def reset(self) -> None:
        self._call("POST", "/_sandbox/reset")

    def fault(self, network: str, account: str, kind: str, **options: Any) -> dict[str, Any]:
        return self._call(
            "POST", "/_sandbox/faults", json={"network": network, "account": account, "kind": kind, **options}
        )

    def refusals(self) -> dict[str, dict[str, int]]:
        """Errors the networks answered since the last reset: {kind: {network: count}}."""
        return self._call("GET", "/_sandbox/refusals")

    def clear_faults(self, network: str | None = None, account: str | None = None) -> int:
        params = {k: v for k, v in (("network", network), ("account", account)) if v}
        return self._call("DELETE", "/_sandbox/faults", params=params)["cleared"]

    def posts(self, network: str | None = None, account: str | None = None) -> list[dict[str, Any]]:
        params = {k: v for k, v in (("network", network), ("account", account)) if v}
        return self._call("GET", "/_sandbox/posts", params=params)["posts"]

    def duplicates(self) -> list[dict[str, Any]]:
        return self._call("GET", "/_sandbox/duplicates")["duplicates"]

    def delete_post(self, network: str, external_id: str) -> None:
        self._call("POST", "/_sandbox/posts/delete", json={"network": network, "external_id": external_id})

    def configure(self, **config: Any) -> dict[str, Any]:
        return self._call("POST", "/_sandbox/config", json=config)

    def engagement(self, *, speed: float | None = None, advance_s: float | None = None) -> dict[str, float]:
        body = {k: v for k, v in (("speed", speed), ("advance_s", advance_s)) if v is not None}
        return self._call("POST", "/_sandbox/engagement", json=body)

    def consent(self, network: str, decision: str = "approve", *, account: str = "1001",
                scopes: list[str] | None = None) -> dict[str, Any]:
        """What the next person signing in to ``network`` does on its consent screen (``sandbox.oauth``)."""
        return self._call("POST", "/_sandbox/oauth/consent",
                          json={"network": network, "decision": decision, "account": account, "scopes": scopes})

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json()
