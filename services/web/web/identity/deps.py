"""Request dependencies: the signed-in user, their role, CSRF, and their tenant's API client.

CSRF is a double-submit token: a random ``smm_csrf`` cookie (HttpOnly, SameSite=Strict) whose value every
form carries as ``csrf_token`` and every htmx request as ``X-CSRF-Token``; a state-changing request
without the matching value is refused with 403 before its handler runs.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request

from smmkit.deps import RuntimeDep, UowDep
from smmkit.events import utcnow
from web.apis import Apis
from web.i18n import N_, gettext as _
from web.identity import service
from web.identity.service import SignedIn
from web.labels import label

SESSION_COOKIE = "smm_session"
CSRF_COOKIE = "smm_csrf"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# What each role may do; analysts only read.
WRITE = ("owner", "editor")
APPROVE = ("owner", "approver")
COMMENT = ("owner", "editor", "approver")  # every teammate but analysts, who only read
OWNER = ("owner",)


class SignInRequired(Exception):
    """No valid session: pages redirect to the sign-in page (``next`` brings the user back)."""

    def __init__(self, operator: bool = False):
        self.operator = operator


def csrf_token(request: Request) -> str:
    """This browser's CSRF token (a new one is set as a cookie on the way out when it had none)."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = request.state.new_csrf = secrets.token_urlsafe(32)
    return token


def _same(cookie: str, sent: str) -> bool:
    return bool(cookie and sent) and hmac.compare_digest(cookie.encode(), sent.encode())


_REFUSED = N_("the form has expired or did not come from this site; reload the page and try again")


async def check_csrf(request: Request,
                     csrf_token: Annotated[str, Form(max_length=100, include_in_schema=False)] = "") -> None:
    """For form routes: the ``csrf_token`` field (or the htmx header) must match the cookie."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get("x-csrf-token") or csrf_token
    if not _same(request.cookies.get(CSRF_COOKIE, ""), sent):
        raise HTTPException(403, _REFUSED)


async def check_csrf_header(request: Request) -> None:
    """For JSON routes (the calendar's drag): the ``X-CSRF-Token`` header must match the cookie."""
    if request.method in SAFE_METHODS:
        return
    if not _same(request.cookies.get(CSRF_COOKIE, ""), request.headers.get("x-csrf-token", "")):
        raise HTTPException(403, _REFUSED)


async def _keep_alive(runtime, token: str, who: SignedIn) -> None:
    """Activity keeps a session open (up to its absolute end); in a transaction of its own, so a page that
    only reads still counts as activity."""
    ws = runtime.service_settings
    if not who.due_keep_alive(utcnow(), ws.session_idle_s, ws.session_max_age_s):
        return
    async with runtime.db.uow() as uow:
        await service.keep_alive(session=uow.session, token=token, now=utcnow(), idle_s=ws.session_idle_s,
                                 max_age_s=ws.session_max_age_s)
        await uow.commit()


async def current_user(request: Request, uow: UowDep, runtime: RuntimeDep) -> SignedIn:
    token = request.cookies.get(SESSION_COOKIE)
    who = await service.signed_in(session=uow.session, token=token, now=utcnow()) if token else None
    if who is None or who.is_operator:
        raise SignInRequired()
    await _keep_alive(runtime, token, who)
    request.state.user = who
    return who


UserDep = Annotated[SignedIn, Depends(current_user)]


def role(*allowed: str):
    """A dependency that lets only these roles through (403 for the others)."""

    async def check(user: UserDep) -> SignedIn:
        if user.role not in allowed:
            refused = _("your role (%(role)s) cannot do this; ask an owner")
            raise HTTPException(403, refused % {"role": label("role", user.role)})
        return user

    return Depends(check)


Writer = Annotated[SignedIn, role(*WRITE)]
Approver = Annotated[SignedIn, role(*APPROVE)]
Commenter = Annotated[SignedIn, role(*COMMENT)]
Owner = Annotated[SignedIn, role(*OWNER)]


async def current_operator(request: Request, uow: UowDep, runtime: RuntimeDep) -> SignedIn:
    token = request.cookies.get(SESSION_COOKIE)
    who = await service.signed_in(session=uow.session, token=token, now=utcnow()) if token else None
    if who is None or not who.is_operator:
        raise SignInRequired(operator=True)
    await _keep_alive(runtime, token, who)
    request.state.user = who
    return who


OperatorDep = Annotated[SignedIn, Depends(current_operator)]


async def tenant_apis(user: UserDep, uow: UowDep, runtime: RuntimeDep) -> Apis:
    key = await service.api_key(session=uow.session, box=runtime.secrets, tenant_id=user.tenant_id)
    return Apis(runtime, api_key=key, actor=user.email)


ApisDep = Annotated[Apis, Depends(tenant_apis)]
