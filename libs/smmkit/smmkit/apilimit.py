"""API rate limits: 429 problem+json with Retry-After, from token buckets in Redis shared by a service's replicas.

- Per API key, taken where the key is checked (``smmkit.tenancy``): the requests per minute of the tenant's
  plan (``smmkit.plans``; a change applies within seconds), or ``API_RATE_LIMIT`` per ``API_RATE_LIMIT_WINDOW_S``
  where the plan names none (and for the operator's token). One key's bucket never holds back another key's,
  so tenant A cannot block tenant B.
- Per client address (``PUBLIC_RATE_LIMIT``) for public routes that depend on ``PublicLimit`` and for requests
  whose key is missing or wrong (guessing keys).
- Nothing for tracked-link redirects, shop and network webhooks (their senders share addresses across
  tenants; they are signed) and the probes: they depend on none of the functions marked ``rate_limited``.

Each service has buckets of its own (``smm:api:<budget>:<service>:<subject>``); the key's subject is a hash, never
the key. If Redis cannot answer, requests go through: a limiter outage must not take the API down with it.
"""
from __future__ import annotations

import asyncio
import math
import time
import uuid
from collections.abc import Callable, Container
from typing import TYPE_CHECKING, TypeVar

from fastapi import Depends, Request
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException

from smmkit.crypto import sha256_hex
from smmkit.observability import get_logger
from smmkit.ratelimit import Budget, RateLimiter
from smmkit.settings import CommonSettings

if TYPE_CHECKING:
    from smmkit.plans import PlanRates

log = get_logger(__name__)
F = TypeVar("F", bound=Callable)
_LIMITED: set[Callable] = set()
REDIS_TIMEOUT_S = 0.5


def rate_limited(dependency: F) -> F:
    """Mark a dependency that takes from a bucket, so its routes document their 429 answer."""
    _LIMITED.add(dependency)
    return dependency


class TooManyRequests(HTTPException):
    def __init__(self, wait_s: float, what: str) -> None:
        retry_after = max(1, math.ceil(wait_s))
        super().__init__(429, f"rate limit of {what} reached; retry in {retry_after} s",
                         headers={"Retry-After": str(retry_after)})


class ApiLimits:
    def __init__(self, limiter: RateLimiter, *, service: str, settings: CommonSettings,
                 plans: PlanRates | None = None) -> None:
        self.limiter = limiter
        self.plans = plans
        self.service = service
        window = settings.api_rate_limit_window_s
        self.per_key = Budget(f"key:{service}", settings.api_rate_limit, window) if settings.api_rate_limit else None
        self.per_client = (Budget(f"client:{service}", settings.public_rate_limit, window)
                           if settings.public_rate_limit else None)
        self._warned_at = -math.inf

    async def for_key(self, key: str, *, tenant_id: uuid.UUID | None = None) -> None:
        await self._take(await self._key_budget(tenant_id), sha256_hex(key)[:32], "this API key")

    async def _key_budget(self, tenant_id: uuid.UUID | None) -> Budget | None:
        """The tenant's plan's rate, else the deployment's; one bucket per key whatever the rate (a new rate
        applies to the tokens the key has left)."""
        if tenant_id is None or self.plans is None or (per_minute := await self.plans.per_minute(tenant_id)) is None:
            return self.per_key
        return Budget(f"key:{self.service}", per_minute, 60.0)

    async def for_client(self, request: Request) -> None:
        await self._take(self.per_client, request.client.host if request.client else "unknown", "this client address")

    async def _take(self, budget: Budget | None, subject: str, what: str) -> None:
        if budget is None:
            return
        try:
            async with asyncio.timeout(REDIS_TIMEOUT_S):
                wait_s = await self.limiter.try_take(budget, subject)
        except (RedisError, OSError, TimeoutError) as exc:
            if time.monotonic() - self._warned_at > 10:  # one line per outage, not one per request
                self._warned_at = time.monotonic()
                log.warning("rate limiter unavailable; requests are not limited", error=repr(exc))
            return
        if wait_s > 0:
            raise TooManyRequests(wait_s, what)


@rate_limited
async def limit_by_client(request: Request) -> None:
    await request.app.state.runtime.api_limits.for_client(request)


PublicLimit = Depends(limit_by_client)


def takes_rate_limit(route: object) -> bool:
    return depends_on(route, _LIMITED)


def depends_on(route: object, calls: Container[Callable]) -> bool:
    """Whether a route depends on one of ``calls``, however deep in its dependencies."""
    pending = [getattr(route, "dependant", None)]
    while pending:
        dependant = pending.pop()
        if dependant is not None:
            if dependant.call in calls:
                return True
            pending.extend(dependant.dependencies)
    return False


def document(operation: dict, settings: CommonSettings) -> None:
    window = f"{settings.api_rate_limit_window_s:g} s"
    operation["responses"].setdefault("429", {
        "description": f"Rate limited: over the requests per minute of the tenant's plan for one API key (where "
                       f"the plan names none: {settings.api_rate_limit} per {window}), or "
                       f"{settings.public_rate_limit} per {window} for one client address without a valid key",
        "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
        "content": {"application/problem+json": {"schema": {"type": "object"}}},
    })
