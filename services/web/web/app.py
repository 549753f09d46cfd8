"""The web app: pages for a tenant's team and the operator, over the four services' public APIs."""
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from smmkit.app import create_service_app
from smmkit.bus import Subscription
from smmkit.problems import DomainError, problem
from smmkit.settings import CommonSettings, get_settings
from web import handlers
from web.apis import ApiProblem
from web.tenant_data import TENANT_DATA
from web.db import Base
from web.i18n import N_
from web.identity.deps import CSRF_COOKIE, SignInRequired
from web.pages import ROUTERS
from web.render import HERE, page
from web.settings import WebSettings, get_web_settings


def build_app(settings: CommonSettings, web_settings: WebSettings) -> FastAPI:
    app = create_service_app(
        name="web",
        description="Server-rendered pages (Jinja2, htmx) over the planner, publisher, metrics and attribution APIs.",
        settings=settings,
        service_settings=web_settings,
        messaging=Base.messaging,
        routers=ROUTERS,
        subscriptions=[Subscription("web", {"tenant.deletion_requested": handlers.on_tenant_deletion_requested})],
        tenant_data=TENANT_DATA,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_page_errors(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        new_csrf = getattr(request.state, "new_csrf", None)
        if new_csrf:
            response.set_cookie(CSRF_COOKIE, new_csrf, httponly=True, samesite="strict",
                                secure=web_settings.cookie_secure, path="/")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
        return response

    return app


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "") or "hx-request" in request.headers


def _install_page_errors(app: FastAPI) -> None:
    """Browsers get an HTML page for an error, API clients problem+json, as every service answers."""

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired):
        target = "/operator/signin" if exc.operator else "/signin"
        if request.method == "GET":
            target += f"?next={request.url.path}"
        if "hx-request" in request.headers:
            return page(request, "error.html", 401, title=N_("Signed out"), detail=N_("Sign in again."),
                        headers={"HX-Redirect": target})
        if not _wants_html(request):
            return problem(401, "Unauthorized", "sign in first")
        return RedirectResponse(target, status_code=303)

    async def _error(request: Request, status: int, title: str, detail: str):
        if _wants_html(request):
            return page(request, "error.html", status, title=title, detail=detail)
        return problem(status, title, detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        # marked for the catalogue: error.html translates the title it is given
        titles = {403: N_("Not allowed"), 404: N_("Not found"), 405: N_("Method not allowed")}
        resp = await _error(request, exc.status_code, titles.get(exc.status_code, N_("Error")), str(exc.detail))
        resp.headers.update(exc.headers or {})
        return resp

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        if _wants_html(request):
            detail = "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or 'form'}: {e['msg']}" for e in errors)
            return page(request, "error.html", 422, title=N_("Invalid request"), detail=detail)
        return problem(422, "Validation failed", f"{len(errors)} invalid field(s)", {"errors": errors})

    @app.exception_handler(ApiProblem)
    async def _api(request: Request, exc: ApiProblem):
        return await _error(request, exc.status if exc.status < 500 else 502, exc.title, str(exc))

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError):
        return await _error(request, exc.status, exc.title, exc.detail)


app = build_app(get_settings(), get_web_settings())
