"""Users, invitations and sessions: the unit of work is the caller's, these functions own the rules.

Passwords are argon2id (``argon2-cffi`` defaults). An invitation link is the invite's id signed with the
platform's secret (itsdangerous, timestamped): it expires after ``invite_max_age_s`` and is used once. A
session is a random token in an HttpOnly cookie; the database keeps only its SHA-256 and when it expires.
"""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.ext.asyncio import AsyncSession

from smmkit.crypto import SecretBox, sha256_hex
from smmkit.problems import Conflict, DomainError, NotFound
from web.i18n import gettext as _
from web.identity.models import ROLES, Invite, Session, TenantLink, User

_hasher = PasswordHasher()
# Verifying against this when the address is unknown takes as long as a real check: no timing oracle.
_DUMMY_HASH = _hasher.hash("not a password of anyone")
MIN_PASSWORD = 12


def N_(message: str) -> str:
    """Marks a message for extraction only: an error's title is translated when its page renders (error.html)."""
    return message


class SignInFailed(DomainError):
    status = 401
    title = N_("Sign-in failed")


class InviteExpired(DomainError):
    status = 410
    title = N_("Invitation expired")


@dataclass(frozen=True)
class SignedIn:
    """Who a session belongs to."""

    user_id: uuid.UUID | None
    tenant_id: uuid.UUID | None
    tenant_name: str
    email: str
    name: str
    role: str  # owner | editor | approver | analyst, or "operator" for the console
    expires_at: datetime

    @property
    def is_operator(self) -> bool:
        return self.role == "operator"


def _invites(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="web-invite")


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise DomainError(_("enter an e-mail address such as ana@example.com"), field="email")
    return email


# --- tenants ---------------------------------------------------------------

async def link_tenant(*, session: AsyncSession, box: SecretBox, tenant_id: uuid.UUID, name: str,
                      api_key: str) -> TenantLink:
    """Remember a tenant and the API key the app calls the services with (encrypted; replaced if known)."""
    tenant = await session.get(TenantLink, tenant_id)
    if tenant is None:
        tenant = TenantLink(id=tenant_id, name=name, api_key_enc=b"")
        session.add(tenant)
    tenant.name = name
    tenant.api_key_enc = box.encrypt({"api_key": api_key})
    await session.flush()
    return tenant


async def api_key(*, session: AsyncSession, box: SecretBox, tenant_id: uuid.UUID) -> str:
    tenant = await session.get(TenantLink, tenant_id)
    if tenant is None:
        raise NotFound(_("this tenant is not set up in the web app"))
    return box.decrypt(tenant.api_key_enc)["api_key"]


async def list_users(*, session: AsyncSession) -> dict[uuid.UUID, int]:
    """Users per tenant, for the operator console."""
    rows = await session.execute(sa.select(User.tenant_id, sa.func.count()).group_by(User.tenant_id))
    return {tenant_id: n for tenant_id, n in rows}


# --- invitations -----------------------------------------------------------

async def invite(*, session: AsyncSession, tenant_id: uuid.UUID, email: str, role: str, invited_by: str,
                 secret: str) -> str:
    """A new invitation; returns its signed token (the link is ``/invite/<token>``)."""
    if role not in ROLES:
        raise DomainError(_("role must be one of %(roles)s") % {"roles": ", ".join(ROLES)}, field="role")
    email = normalize_email(email)
    if await session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise Conflict(_("%(email)s already has an account") % {"email": email}, field="email")
    row = Invite(id=uuid.uuid4(), tenant_id=tenant_id, email=email, role=role, invited_by=invited_by)
    session.add(row)
    await session.flush()
    return _invites(secret).dumps(str(row.id))


async def open_invite(*, session: AsyncSession, token: str, secret: str, max_age_s: int) -> Invite:
    try:
        invite_id = uuid.UUID(_invites(secret).loads(token, max_age=max_age_s))
    except SignatureExpired:
        raise InviteExpired(_("this invitation has expired; ask for a new one")) from None
    except (BadSignature, ValueError):
        raise NotFound(_("this invitation link is not valid")) from None
    row = await session.get(Invite, invite_id)
    if row is None:
        raise NotFound(_("this invitation link is not valid"))
    if row.accepted_at is not None:
        raise Conflict(_("this invitation has already been used; sign in instead"))
    return row


async def accept_invite(*, session: AsyncSession, token: str, secret: str, max_age_s: int, name: str,
                        password: str, now: datetime) -> User:
    row = await open_invite(session=session, token=token, secret=secret, max_age_s=max_age_s)
    name = name.strip()
    if not name or len(name) > 200:
        raise DomainError(_("enter your name (up to 200 characters)"), field="name")
    if len(password) < MIN_PASSWORD or len(password) > 1000:
        raise DomainError(_("use at least %(n)s characters") % {"n": MIN_PASSWORD}, field="password")
    if await session.scalar(sa.select(User.id).where(User.email == row.email)) is not None:
        raise Conflict(_("%(email)s already has an account; sign in instead") % {"email": row.email})
    user = User(id=uuid.uuid4(), tenant_id=row.tenant_id, email=row.email, name=name, role=row.role,
                password_hash=_hasher.hash(password))
    session.add(user)
    row.accepted_at = now
    await session.flush()
    return user


# --- sign-in and sessions --------------------------------------------------

async def authenticate(*, session: AsyncSession, email: str, password: str) -> User:
    user = await session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        raise SignInFailed(_("wrong e-mail address or password"), field="password") from None
    if user is None:
        raise SignInFailed(_("wrong e-mail address or password"), field="password")
    return user


async def start_session(*, session: AsyncSession, user_id: uuid.UUID | None, now: datetime, max_age_s: int,
                        operator: bool = False) -> str:
    """A new session; returns the token for the cookie (shown to nobody else, stored hashed)."""
    token = secrets.token_urlsafe(32)
    session.add(Session(token_hash=sha256_hex(token), user_id=user_id, operator=operator,
                        expires_at=now + timedelta(seconds=max_age_s)))
    await session.flush()
    return token


async def end_session(*, session: AsyncSession, token: str) -> None:
    await session.execute(sa.delete(Session).where(Session.token_hash == sha256_hex(token)))


async def signed_in(*, session: AsyncSession, token: str, now: datetime) -> SignedIn | None:
    """The session's user, or None when the token is unknown or the session has expired."""
    row = (await session.execute(
        sa.select(Session, User, TenantLink)
        .outerjoin(User, User.id == Session.user_id)
        .outerjoin(TenantLink, TenantLink.id == User.tenant_id)
        .where(Session.token_hash == sha256_hex(token), Session.expires_at > now)
    )).one_or_none()
    if row is None:
        return None
    sess, user, tenant = row
    if sess.operator:
        return SignedIn(None, None, "", "operator", "Operator", "operator", sess.expires_at)
    if user is None:
        return None
    return SignedIn(user.id, user.tenant_id, tenant.name, user.email, user.name, user.role, sess.expires_at)


async def team(*, session: AsyncSession, tenant_id: uuid.UUID) -> tuple[list[User], list[Invite]]:
    users = list(await session.scalars(sa.select(User).where(User.tenant_id == tenant_id).order_by(User.created_at)))
    pending = list(await session.scalars(sa.select(Invite).where(
        Invite.tenant_id == tenant_id, Invite.accepted_at.is_(None)).order_by(Invite.created_at)))
    return users, pending
