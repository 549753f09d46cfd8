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
from smmkit.plans import PlanRead
from smmkit.problems import Conflict, DomainError, NotFound
from web.i18n import gettext as _
from web.identity import seats as seat_rules
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
class SeatCheck:
    """The tenant's plan, for counting seats when an invitation is made or accepted."""

    plan: PlanRead
    now: datetime
    invite_max_age_s: int


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
    started_at: datetime | None = None

    def due_keep_alive(self, now: datetime, idle_s: int, max_age_s: int) -> bool:
        """Whether activity now would move the expiry on by the step ``keep_alive`` writes (most requests: no,
        so they cost no write)."""
        if self.started_at is None:
            return True
        absolute_end = self.started_at + timedelta(seconds=max_age_s)
        new_end = min(absolute_end, now + timedelta(seconds=idle_s))
        # the last step may be shorter: up to the absolute end, or an active session would end before it
        return new_end > self.expires_at and new_end > min(self.expires_at + _keep_alive_step(idle_s),
                                                           absolute_end - _JUST_BEFORE)

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
                 secret: str, seats: SeatCheck | None = None) -> str:
    """A new invitation; returns its signed token (the link is ``/invite/<token>``). With ``seats``, it holds a
    seat of the tenant's plan until it expires (``web.identity.seats``)."""
    if role not in ROLES:
        raise DomainError(_("role must be one of %(roles)s") % {"roles": ", ".join(ROLES)}, field="role")
    email = normalize_email(email)
    if await session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise Conflict(_("%(email)s already has an account") % {"email": email}, field="email")
    if seats is not None:
        await seat_rules.hold(session=session, plan=seats.plan, tenant_id=tenant_id, now=seats.now,
                              pending_for_s=seats.invite_max_age_s)
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
                        password: str, now: datetime, seats: SeatCheck | None = None) -> User:
    row = await open_invite(session=session, token=token, secret=secret, max_age_s=max_age_s)
    if seats is not None:  # the plan may have been lowered since the invitation: a user needs a seat now
        await seat_rules.hold(session=session, plan=seats.plan, tenant_id=row.tenant_id, now=now, pending_for_s=None)
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
                        operator: bool = False, idle_s: int | None = None) -> str:
    """A new session; returns the token for the cookie (shown to nobody else, stored hashed).

    ``expires_at`` is when it ends unless used: ``idle_s`` from now, and never later than ``max_age_s`` after
    it began (``keep_alive`` moves it on while the user is active)."""
    token = secrets.token_urlsafe(32)
    session.add(Session(token_hash=sha256_hex(token), user_id=user_id, operator=operator, created_at=now,
                        expires_at=now + timedelta(seconds=min(max_age_s, idle_s or max_age_s))))
    await session.flush()
    return token


async def keep_alive(*, session: AsyncSession, token: str, now: datetime, idle_s: int, max_age_s: int) -> None:
    """Activity moves the idle expiry on, up to the absolute one (created_at + max_age_s). Written only when it
    moves by a tenth of the idle time or a minute, whichever is less, so most requests write nothing."""
    absolute_end = Session.created_at + timedelta(seconds=max_age_s)
    new_end = sa.func.least(absolute_end, now + timedelta(seconds=idle_s))
    await session.execute(sa.update(Session).where(
        Session.token_hash == sha256_hex(token), Session.expires_at > now,
        # the last step may be shorter (up to the absolute end): an active session lasts exactly max_age_s
        new_end > Session.expires_at,
        new_end > sa.func.least(Session.expires_at + _keep_alive_step(idle_s), absolute_end - _JUST_BEFORE),
    ).values(expires_at=new_end))


_JUST_BEFORE = timedelta(microseconds=1)  # the absolute end counts as a step of its own


def _keep_alive_step(idle_s: int) -> timedelta:
    return timedelta(seconds=min(60.0, idle_s / 10))


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
        return SignedIn(None, None, "", "operator", "Operator", "operator", sess.expires_at, sess.created_at)
    if user is None:
        return None
    return SignedIn(user.id, user.tenant_id, tenant.name, user.email, user.name, user.role, sess.expires_at,
                    sess.created_at)


async def _member(session: AsyncSession, tenant_id: uuid.UUID, user_id: uuid.UUID) -> tuple[User, int]:
    """The tenant's user (404 for anyone else's) and how many owners the tenant has. The owners' rows are
    locked, so two owners demoting each other at once cannot leave the tenant with none."""
    owners = list(await session.scalars(sa.select(User.id).where(
        User.tenant_id == tenant_id, User.role == "owner").with_for_update()))
    user = await session.scalar(sa.select(User).where(User.id == user_id, User.tenant_id == tenant_id))
    if user is None:
        raise NotFound("no such teammate")
    return user, len(owners)


class LastOwner(Conflict):
    title = "The last owner stays"


async def set_role(*, session: AsyncSession, tenant_id: uuid.UUID, user_id: uuid.UUID, role: str) -> User:
    """A teammate's new role; it applies from their next request (the session reads the role each time)."""
    if role not in ROLES:
        raise DomainError(f"role must be one of {', '.join(ROLES)}", field="role")
    user, owners = await _member(session, tenant_id, user_id)
    if user.role == "owner" and role != "owner" and owners == 1:
        raise LastOwner("the last owner cannot be demoted; make someone else an owner first", field="role")
    user.role = role
    await session.flush()
    return user


async def remove_user(*, session: AsyncSession, tenant_id: uuid.UUID, user_id: uuid.UUID) -> User:
    """A teammate leaves: their account and every session of theirs end now."""
    user, owners = await _member(session, tenant_id, user_id)
    if user.role == "owner" and owners == 1:
        raise LastOwner("the last owner cannot be removed; make someone else an owner first", field="role")
    await session.execute(sa.delete(Session).where(Session.user_id == user.id))
    await session.execute(sa.delete(User).where(User.id == user.id))
    return user


async def team(*, session: AsyncSession, tenant_id: uuid.UUID) -> tuple[list[User], list[Invite]]:
    users = list(await session.scalars(sa.select(User).where(User.tenant_id == tenant_id).order_by(User.created_at)))
    pending = list(await session.scalars(sa.select(Invite).where(
        Invite.tenant_id == tenant_id, Invite.accepted_at.is_(None)).order_by(Invite.created_at)))
    return users, pending
