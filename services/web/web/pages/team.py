"""The team: who has access with which role, and invitations. Only owners invite, change roles and remove
teammates; a tenant always keeps one owner."""
from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from smmkit.deps import RuntimeDep, UowDep
from smmkit.problems import DomainError
from web.identity import service, tenants
from web.identity.deps import Owner, UserDep, check_csrf
from web.identity.models import ROLES
from web.render import page, use_locale

router = APIRouter(dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)


def invite_url(runtime, token: str) -> str:
    return f"{runtime.service_settings.public_url.rstrip('/')}/invite/{token}"


async def _page(request, uow, user, status_code=200, **context):
    users, pending = await service.team(session=uow.session, tenant_id=user.tenant_id)
    return page(request, "team.html", status_code, users=users, pending=pending, roles=ROLES, **context)


@router.get("/settings/team")
async def team_page(request: Request, user: UserDep, uow: UowDep):
    return await _page(request, uow, user)


@router.post("/settings/team/invites")
async def invite(request: Request, user: Owner, uow: UowDep, runtime: RuntimeDep,
                 email: Annotated[str, Form(max_length=254)], role: Annotated[str, Form(max_length=20)]):
    try:
        seats = await tenants.seat_check(runtime=runtime, session=uow.session, tenant_id=user.tenant_id)
        token = await service.invite(session=uow.session, tenant_id=user.tenant_id, email=email, role=role,
                                     invited_by=user.email, secret=runtime.settings.secret_keys, seats=seats)
    except DomainError as exc:
        return await _page(request, uow, user, exc.status, errors={exc.extra.get("field", "email"): exc.detail},
                           email=email)
    await uow.commit()
    return await _page(request, uow, user, 201, invite_link=invite_url(runtime, token), invited=email)


async def _refused(request, uow, user, user_id: uuid.UUID, exc: DomainError):
    if exc.status == 404:  # another tenant's user, or one already removed: the app's 404 page
        raise exc
    await uow.session.rollback()
    return await _page(request, uow, user, exc.status, errors={f"member-{user_id}": exc.detail})


@router.post("/settings/team/{user_id}/role")
async def change_role(request: Request, user_id: uuid.UUID, user: Owner, uow: UowDep,
                      role: Annotated[str, Form(max_length=20)]):
    try:
        await service.set_role(session=uow.session, tenant_id=user.tenant_id, user_id=user_id, role=role)
    except DomainError as exc:
        return await _refused(request, uow, user, user_id, exc)
    await uow.commit()
    return RedirectResponse("/settings/team?changed=1", status_code=303)


@router.post("/settings/team/{user_id}/remove")
async def remove(request: Request, user_id: uuid.UUID, user: Owner, uow: UowDep):
    try:
        await service.remove_user(session=uow.session, tenant_id=user.tenant_id, user_id=user_id)
    except DomainError as exc:
        return await _refused(request, uow, user, user_id, exc)
    await uow.commit()
    # an owner who removed themselves has no session left: the team page sends them to sign in
    return RedirectResponse("/settings/team?removed=1", status_code=303)
