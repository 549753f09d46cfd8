"""The four services' public HTTP APIs, called with the tenant's API key and the user as ``X-Actor``.

A 4xx answer is raised as ``ApiProblem``, which pages show next to the field it names; the key never
reaches a log line or a page.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from smmkit.app import Runtime
from smmkit.observability import get_logger
from smmkit.pagination import MAX_LIMIT as PAGE_MAX

log = get_logger(__name__)

SERVICES = ("planner", "publisher", "metrics", "attribution")
# The form field a rule of the planner's is about (the others are about the text or media).
VIOLATION_FIELDS = {"pillar": "pillar", "campaign_range": "campaign", "daily_quota": "scheduled_at",
                    "rolling_quota": "scheduled_at", "duplicate_text": "text"}


@dataclass
class ApiProblem(Exception):
    """A problem+json answer (or a service that could not be reached: status 503)."""

    status: int
    title: str
    detail: str = ""
    errors: list[dict] = field(default_factory=list)  # failed validation: {loc, msg, type}
    violations: list[dict] = field(default_factory=list)  # a post's rules: {target, rule, limit, actual, detail}
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.detail or self.title

    def field_errors(self) -> dict[str, str]:
        """Field name → message, for showing next to the field (``body.targets.0.text`` → ``text``)."""
        out: dict[str, str] = {}
        for e in self.errors:
            names = [str(p) for p in e.get("loc", []) if not str(p).isdigit() and p not in ("body", "query", "path")]
            out.setdefault(names[-1] if names else "form", (e.get("msg") or "invalid").removeprefix("Value error, "))
        for v in self.violations:
            out.setdefault(VIOLATION_FIELDS.get(v.get("rule"), "text"), v.get("detail") or v.get("rule", "refused"))
        if not out:
            out["form"] = str(self)
        return out


class Apis:
    """One tenant's calls, on the process's pooled HTTP clients."""

    def __init__(self, runtime: Runtime, *, api_key: str, actor: str):
        self._runtime = runtime
        self._headers = {"Authorization": f"Bearer {api_key}", "X-Actor": actor[:200]}

    def url(self, service: str) -> str:
        return getattr(self._runtime.service_settings, f"{service}_url")

    async def call(self, service: str, method: str, path: str, *, json: Any = None, params: dict | None = None,
                   content: bytes | None = None, content_type: str | None = None) -> Any:
        return await request(self._runtime, self.url(service), method, path, headers=self._headers, json=json,
                             params=params, content=content, content_type=content_type)

    async def get(self, service: str, path: str, **params) -> Any:
        return await self.call(service, "GET", path, params={k: v for k, v in params.items() if v not in (None, "")})

    async def get_all(self, service: str, path: str, **params) -> list:
        """Every item of a paged list (``{"items", "next_cursor"}``), following ``next_cursor`` to the end."""
        return await every_item(lambda page: self.get(service, path, **params, **page))


async def every_item(get_page: Callable[[dict], Awaitable[dict]]) -> list:
    """The items of all pages; ``get_page`` answers one page for the ``limit``/``cursor`` params it is given."""
    items, page = [], {"limit": PAGE_MAX}
    while True:
        answer = await get_page(page)
        items += answer["items"]
        if answer["next_cursor"] is None:
            return items
        page = {"limit": PAGE_MAX, "cursor": answer["next_cursor"]}


async def request(runtime: Runtime, base_url: str, method: str, path: str, *, headers: dict[str, str],
                  json: Any = None, params: dict | None = None, content: bytes | None = None,
                  content_type: str | None = None) -> Any:
    client = runtime.http_client(base_url, timeout_s=runtime.service_settings.api_timeout_s)
    if content_type:
        headers = {**headers, "content-type": content_type}
    try:
        resp = await client.request(method, path, headers=headers, json=json, params=params, content=content)
    except httpx.HTTPError as exc:
        log.warning("service unreachable", base_url=base_url, path=path, error=type(exc).__name__)
        raise ApiProblem(503, "Service unavailable", f"{base_url} did not answer; try again in a moment") from None
    if resp.status_code >= 400:
        raise _problem(resp)
    if resp.status_code == 204 or not resp.content:
        return None
    if "json" in resp.headers.get("content-type", ""):
        return resp.json()
    return resp.content


def _problem(resp: httpx.Response) -> ApiProblem:
    try:
        body = resp.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    if resp.status_code >= 500:
        log.error("service answered 5xx", status=resp.status_code, path=resp.request.url.path)
    return ApiProblem(resp.status_code, body.get("title") or resp.reason_phrase, body.get("detail") or "",
                      errors=body.get("errors") or [], violations=body.get("violations") or [],
                      headers={k: v for k, v in resp.headers.items() if k.lower() == "retry-after"})
