"""RFC 9457 problem+json answers for every error, so clients never see an HTML page or a bare 500."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from smmkit.observability import get_logger

log = get_logger(__name__)
PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, extra: dict | None = None,
            type_: str = "about:blank") -> JSONResponse:
    """Extension members never overwrite the standard ones (type, title, status, detail)."""
    body = dict(extra or {})
    body.update({"type": type_, "title": title, "status": status})
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


class Problem(BaseModel):
    """RFC 9457 problem details, as every error answer carries them (extension members vary by error)."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, Any]] | None = None  # a failed validation: one {loc, msg, type} per field
    violations: list[dict[str, Any]] | None = None  # a post breaking a network's rules: target, rule, limit ...


class DomainError(Exception):
    """Raised by service functions; the HTTP layer turns it into a problem answer."""

    status = 422
    title = "Unprocessable request"
    type = "about:blank"  # a URI naming the kind of problem, where clients act on it (smmkit.plans.QuotaExceeded)

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra):
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        resp = problem(exc.status_code, _title(exc.status_code), str(exc.detail))
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        if exc.status_code == 405:
            resp.headers["Allow"] = ", ".join(allowed_methods(request))
        return resp

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        return problem(422, "Validation failed", f"{len(errors)} invalid field(s)", {"errors": errors})

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError):
        resp = problem(exc.status, exc.title, exc.detail, exc.extra, type_=exc.type)
        resp.headers.update(exc.headers)
        return resp

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        if (away := unavailable(exc)) is not None:
            log.warning("a backing service is unavailable", path=request.url.path, error=repr(exc))
            resp = problem(503, "Service unavailable", f"{away} is not answering; try again shortly")
            resp.headers["Retry-After"] = str(RETRY_AFTER_UNAVAILABLE_S)
            return resp
        log.exception("unhandled error", path=request.url.path)
        return problem(500, "Internal error", "an unexpected error occurred; it has been logged")


RETRY_AFTER_UNAVAILABLE_S = 1


def unavailable(exc: BaseException) -> str | None:
    """"the database" or "Redis" when ``exc`` (or what caused it) is that server not answering: refused,
    cut off or still starting after a restart. Such a request is a 503 with Retry-After, not a 500: nothing
    was done, and a client (a shop sending an order) should simply send it again."""
    import asyncpg
    import sqlalchemy.exc as sa_exc
    from redis.exceptions import ConnectionError as RedisConnectionError, TimeoutError as RedisTimeoutError

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (RedisConnectionError, RedisTimeoutError)):
            return "Redis"
        if isinstance(exc, sa_exc.DBAPIError) and (exc.connection_invalidated or isinstance(
                exc, (sa_exc.OperationalError, sa_exc.InterfaceError))):
            return "the database"
        # OperatorIntervention: "the database system is starting up / shutting down", "terminating connection";
        # InsufficientResources: "sorry, too many clients already" (every connection slot taken), disk full
        if isinstance(exc, (asyncpg.PostgresConnectionError, asyncpg.exceptions.OperatorInterventionError,
                            asyncpg.exceptions.InsufficientResourcesError, ConnectionError)):
            return "the database"
        exc = exc.__cause__ or exc.__context__
    return None


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path: Starlette's 405 names only the first route it tried
    (``OPTIONS /brands/{id}`` said ``Allow: GET`` and left out PATCH)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.methods and route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods
    return sorted(methods)


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
