"""One error model and one HTTP client factory for every social-network integration.

Publisher adapters and metrics collectors both talk to networks over HTTP. Whatever a
network answers, the caller only has to decide between five kinds of failure:

- ``rate_limited``: the network asked us to slow down; wait ``retry_after_s`` if known.
- ``transient``: nothing happened (or the network says "try again"); retrying is safe.
- ``auth_expired``: the credentials were rejected; refresh them or ask the user to reconnect.
- ``invalid``: the request itself is wrong (too long, duplicate, bad parameter); don't retry it as is.
- ``uncertain``: a write may or may not have taken effect (timeout after sending, dropped
  connection); reconcile (``find_published``) before retrying, or risk a duplicate post.

Messages are for humans and logs: they never contain tokens, so never build one from a URL
or a request body.
"""

from __future__ import annotations

import email.utils
import ssl
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any, Literal

import httpx

from smmkit.observability import install_log_redaction, redact_secrets

ErrorKind = Literal["rate_limited", "transient", "auth_expired", "invalid", "uncertain"]
Clock = Callable[[], datetime]

# A number this large in a "reset" header is an epoch timestamp, not a delay in seconds.
_EPOCH_THRESHOLD = 1_000_000_000


def utc_now() -> datetime:
    return datetime.now(UTC)


class NetworkError(Exception):
    """A network call failed; ``kind`` tells the caller what to do next."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        retry_after_s: float | None = None,
        status: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind: ErrorKind = kind
        self.message = message
        self.retry_after_s = retry_after_s
        self.status = status
        self.code = code

    def __reduce__(self) -> tuple:  # survive pickling (process pools, task queues)
        state = {"retry_after_s": self.retry_after_s, "status": self.status, "code": self.code}
        return (self.__class__, (self.kind, self.message), state)

    def __repr__(self) -> str:
        return (
            f"NetworkError(kind={self.kind!r}, message={self.message!r}, status={self.status!r}, "
            f"code={self.code!r}, retry_after_s={self.retry_after_s!r})"
        )


# --- HTTP client -------------------------------------------------------------------------

@lru_cache
def shared_ssl_context() -> ssl.SSLContext:
    """One TLS context for every client: building one loads the CA bundle (~30 ms of blocked event
    loop), and a publishing burst opening its 80 pooled clients at once stalled for 2.5 s."""
    return httpx.create_ssl_context()


def make_http_client(
    base_url: str,
    *,
    timeout_s: float = 10.0,
    connect_timeout_s: float | None = None,
    headers: Mapping[str, str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """The one way to build a client for a network API (options: ``http_client_options``)."""
    return httpx.AsyncClient(**http_client_options(base_url, timeout_s=timeout_s, connect_timeout_s=connect_timeout_s,
                                                   headers=headers, transport=transport))


def http_client_options(
    base_url: str,
    *,
    timeout_s: float = 10.0,
    connect_timeout_s: float | None = None,
    headers: Mapping[str, str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> dict[str, Any]:
    """``httpx.AsyncClient``'s arguments for a network API client.

    - One overall timeout, with a shorter connect timeout so a dead host fails fast.
    - The transport retries only *connect* failures: the request was never sent, so a
      retry cannot create a duplicate. Anything after sending is the caller's decision.
    - Redirects are not followed: an API answering with a redirect is a misconfiguration.
    - ``transport`` replaces the default one (the publisher's does its I/O with aiohttp).
    - No cookies are kept: one client serves many tenants' accounts, and a cookie one account's
      call got must never ride along with another's.
    """
    install_log_redaction("httpx", "httpcore")  # httpx logs every request URL at INFO level
    return dict(
        base_url=base_url,
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=())),   # refuses every cookie
        timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s or min(timeout_s, 5.0)),
        headers={"User-Agent": "smm-platform/0.1", **(headers or {})},
        transport=transport or httpx.AsyncHTTPTransport(retries=1, verify=shared_ssl_context()),
        follow_redirects=False,
    )


@contextmanager
def transport_errors(*, write: bool) -> Iterator[None]:
    """Turn httpx transport exceptions into NetworkError.

    ``write`` means "this request may create something visible" (a post). When such a
    request was sent but no answer came back, we cannot know whether it took effect.
    """
    after_sending: ErrorKind = "uncertain" if write else "transient"
    try:
        yield
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        # The request never left this process, so nothing can have happened.
        raise NetworkError("transient", f"could not connect ({type(exc).__name__})") from exc
    except httpx.TimeoutException as exc:
        raise NetworkError(after_sending, f"no answer in time ({type(exc).__name__})") from exc
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        raise NetworkError(after_sending, f"connection dropped ({type(exc).__name__})") from exc
    except httpx.TransportError as exc:
        raise NetworkError(after_sending, f"transport failure ({type(exc).__name__})") from exc


def error_for_status(
    status: int,
    *,
    write: bool,
    message: str,
    code: str | None = None,
    retry_after_s: float | None = None,
) -> NetworkError:
    """The default reading of an HTTP status, for networks that use statuses plainly.

    502/504 on a write are "uncertain": a gateway gave up waiting, but the backend may
    still have finished the post. 500/503 mean the server refused or crashed early.
    """
    return NetworkError(kind_for_status(status, write=write), message, retry_after_s=retry_after_s, status=status,
                        code=code)


def kind_for_status(status: int, *, write: bool) -> ErrorKind:
    """What an HTTP error status means when the network's own error code says nothing more."""
    if status == 429:
        return "rate_limited"
    if status in (401, 403):
        return "auth_expired"
    if status in (502, 504) and write:
        return "uncertain"
    if status >= 500 or status == 408:
        return "transient"
    return "invalid"


def short(text: object, limit: int = 200) -> str:
    """A network's own error message, fit for logs and our API: short, and with any token that
    may ride along in an echoed URL redacted."""
    text = redact_secrets(str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- rate-limit headers --------------------------------------------------------------------


def seconds_until_reset(value: str, *, now: Clock = utc_now) -> float | None:
    """Read a "reset" or "retry after" header value as seconds from now.

    Accepts delta seconds ("15"), epoch seconds ("1718000000"), an ISO time
    ("2024-06-10T12:00:00.000Z", Mastodon) and an HTTP date (Retry-After).
    """
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        moment = _parse_time(value)
        if moment is None:
            return None
        return max(0.0, (moment - now()).total_seconds())
    if number >= _EPOCH_THRESHOLD:
        return max(0.0, number - now().timestamp())
    return max(0.0, number)


def _parse_time(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# In order of preference; header names are case-insensitive in httpx.
RATE_LIMIT_RESET_HEADERS = (
    "Retry-After",  # RFC 9110: seconds or HTTP date
    "x-rate-limit-reset",  # X: epoch seconds
    "X-RateLimit-Reset",  # Mastodon: ISO time
    "RateLimit-Reset",  # Bluesky: epoch seconds (IETF draft: delta seconds)
)


def retry_after_from_headers(headers: Mapping[str, str], *, now: Clock = utc_now) -> float | None:
    """Seconds to wait according to the first rate-limit header present, else None."""
    headers = httpx.Headers(headers)  # case-insensitive lookups even for a plain dict
    for name in RATE_LIMIT_RESET_HEADERS:
        value = headers.get(name)
        if value is not None:
            seconds = seconds_until_reset(value, now=now)
            if seconds is not None:
                return seconds
    return None
