"""Sign-in, sign-out and accepting an invitation."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from smmkit.deps import RuntimeDep, UowDep
from smmkit.events import utcnow
from smmkit.problems import DomainError
from web.identity import service, tenants
from web.identity.deps import SESSION_COOKIE, check_csrf
from web.i18n import gettext as _
from web.render import page, use_locale

router = APIRouter(dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
Text = Annotated[str, Form(max_length=1000)]


def safe_next(target: str | None, default: str = "/calendar") -> str:
    """Only a path on this site (never ``//evil.example``)."""
    return target if target and target.startswith("/") and not target.startswith("//") else default


def signed_in_redirect(runtime, token: str, target: str) -> RedirectResponse:
    ws = runtime.service_settings
    resp = RedirectResponse(target, status_code=303)
    resp.set_cookie(SESSION_COOKIE, token, max_age=ws.session_max_age_s, httponly=True, samesite="lax",
                    secure=ws.cookie_secure, path="/")
    return resp


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/calendar", status_code=303)


@router.get("/signin")
async def signin_form(request: Request, next: str | None = None):
    return page(request, "signin.html", next=safe_next(next))


@router.post("/signin")
async def signin(request: Request, uow: UowDep, runtime: RuntimeDep, email: Text, password: Text,
                 next: Annotated[str, Form(max_length=2000)] = "/calendar"):
    try:
        user = await service.authenticate(session=uow.session, email=email, password=password)
    except DomainError as exc:
        await runtime.api_limits.for_client(request)  # guessing passwords: PUBLIC_RATE_LIMIT per address (429)
        return page(request, "signin.html", exc.status, next=safe_next(next), email=email,
                    errors={exc.extra.get("field", "form"): exc.detail})
    token = await service.start_session(session=uow.session, user_id=user.id, now=utcnow(),
                                        max_age_s=runtime.service_settings.session_max_age_s,
                                        idle_s=runtime.service_settings.session_idle_s)
    await uow.commit()
    return signed_in_redirect(runtime, token, safe_next(next))


@router.post("/signout")
async def signout(request: Request, uow: UowDep):
    if token := request.cookies.get(SESSION_COOKIE):
        await service.end_session(session=uow.session, token=token)
        await uow.commit()
    resp = RedirectResponse("/signin", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


@router.get("/invite/{token}")
async def invite_form(request: Request, token: str, uow: UowDep, runtime: RuntimeDep):
    ws = runtime.service_settings
    invite = await service.open_invite(session=uow.session, token=token, secret=runtime.settings.secret_keys,
                                       max_age_s=ws.invite_max_age_s)
    return page(request, "invite.html", invite=invite, token=token)


@router.post("/invite/{token}")
async def accept_invite(request: Request, token: str, uow: UowDep, runtime: RuntimeDep, name: Text, password: Text):
    ws = runtime.service_settings
    invite = await service.open_invite(session=uow.session, token=token, secret=runtime.settings.secret_keys,
                                       max_age_s=ws.invite_max_age_s)
    seats = await tenants.seat_check(runtime=runtime, session=uow.session, tenant_id=invite.tenant_id)
    try:
        user = await service.accept_invite(session=uow.session, token=token, secret=runtime.settings.secret_keys,
                                           max_age_s=ws.invite_max_age_s, name=name, password=password,
                                           now=utcnow(), seats=seats)
    except DomainError as exc:
        if "field" not in exc.extra:
            raise
        invite = await service.open_invite(session=uow.session, token=token, secret=runtime.settings.secret_keys,
                                           max_age_s=ws.invite_max_age_s)
        return page(request, "invite.html", 422, invite=invite, token=token, name=name,
                    errors={exc.extra["field"]: exc.detail})
    session_token = await service.start_session(session=uow.session, user_id=user.id, now=utcnow(),
                                                max_age_s=ws.session_max_age_s, idle_s=ws.session_idle_s)
    await uow.commit()
    return signed_in_redirect(runtime, session_token, "/accounts")
