"""Meta's Graph API conventions, shared by Facebook Pages, Instagram and Threads (not a network).

Errors are ``{"error": {"code", "error_subcode", "message", "is_transient", ...}}``: the code,
not the HTTP status, says what happened. Rate limits carry ``X-Business-Use-Case-Usage`` with
``estimated_time_to_regain_access`` in *minutes*. ``graph_error`` reads an answer the same way
for the publisher's adapters and the metrics collectors.
"""
import json
from collections.abc import Mapping
from typing import Any

import httpx

from smmkit.catalogue.spec import ErrorTable, codes
from smmkit.networks import Clock, NetworkError, error_for_status, retry_after_from_headers, short, utc_now

GRAPH_VERSION = "v21.0"

GRAPH_ERRORS = ErrorTable(
    kinds={
        **codes("rate_limited", 4, 17, 32, 613, 80001, 80002, 80004, 80005, 80006, 80008),
        (9, 2207042): "rate_limited",  # Instagram: "You reached maximum number of posts" (publishing quota)
        **codes("auth_expired", 102, 190),  # token invalid or expired
        **codes("auth_expired", 10, *range(200, 300)),  # a permission was revoked: reconnect
        **codes("transient", 1, 2),
        (9007, 2207027): "transient",  # Instagram: the container has not finished processing
    },
    duplicate=frozenset({506}),
    not_found=frozenset({(100, 33)}),  # "Unsupported get request": the object is gone
)


def graph_code(body: Any) -> tuple[int, Any] | None:
    """``(code, error_subcode)`` of a Graph error answer; None when the body holds no Graph error."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    return int(error.get("code") or 0), error.get("error_subcode")


def graph_error(response: httpx.Response, body: Any, *, write: bool, now: Clock = utc_now) -> NetworkError | None:
    """A Graph answer as a ``NetworkError`` (None for a success), kinds from ``GRAPH_ERRORS``."""
    found = graph_code(body)
    if found is None:
        if response.is_success:
            return None
        return error_for_status(response.status_code, write=write, message=f"HTTP {response.status_code}")
    code, subcode = found
    message = short(body["error"].get("message") or "Graph API error")
    if GRAPH_ERRORS.kind_of(code, subcode) is None and body["error"].get("is_transient"):
        return NetworkError("transient", message, status=response.status_code, code=str(code))
    wait = regain_access_s(response.headers) or retry_after_from_headers(response.headers, now=now)
    return GRAPH_ERRORS.error(code, subcode, message=message, status=response.status_code, write=write,
                              retry_after_s=wait)


def regain_access_s(headers: Mapping[str, str]) -> float | None:
    """Seconds until Meta lets us call again, from the business use case usage header."""
    raw = httpx.Headers(headers).get("X-Business-Use-Case-Usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
        minutes = max(
            float(entry.get("estimated_time_to_regain_access") or 0) for entries in usage.values() for entry in entries
        )
    except (ValueError, AttributeError, TypeError):
        return None
    return minutes * 60 if minutes > 0 else None
