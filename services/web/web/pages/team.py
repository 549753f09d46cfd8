"""The team: who has access with which role, and invitations (owners only invite)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from smmkit.deps import RuntimeDep, UowDep
from smmkit.problems import DomainError
from web.identity import service
from web.identity.deps import Owner, UserDep, check_csrf
from web.identity.models import ROLES
from web.render import page

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


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
        token = await service.invite(session=uow.session, tenant_id=user.tenant_id, email=email, role=role,
                                     invited_by=user.email, secret=runtime.settings.secret_keys)
    except DomainError as exc:
        return await _page(request, uow, user, exc.status, errors={exc.extra.get("field", "email"): exc.detail},
                           email=email)
    await uow.commit()
    return await _page(request, uow, user, 201, invite_link=invite_url(runtime, token), invited=email)
