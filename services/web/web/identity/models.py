"""Users of a tenant, their invitations and their sign-in sessions; the tenant's API key the app calls with."""
from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from web.db import Base

ROLES = ("owner", "editor", "approver", "analyst")


class TenantLink(Base):
    """A tenant (its id in ``tenancy.tenants``) as the app knows it: the API key it calls the services with,
    encrypted with the platform's SECRET_KEYS."""

    __tablename__ = "tenants"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str]
    api_key_enc: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())


class User(Base):
    __tablename__ = "users"
    __table_args__ = (sa.CheckConstraint(f"role IN {ROLES}", name="ck_users_role"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("web.tenants.id"), index=True)
    email: Mapped[str] = mapped_column(unique=True)  # stored lower-case: one sign-in per address
    name: Mapped[str]
    role: Mapped[str]
    password_hash: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())


class Invite(Base):
    """An invitation; its link is signed and expires, and it is used once."""

    __tablename__ = "invites"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("web.tenants.id"), index=True)
    email: Mapped[str]
    role: Mapped[str]
    invited_by: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    accepted_at: Mapped[datetime | None]


class Session(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(primary_key=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("web.users.id", ondelete="CASCADE"), index=True)
    operator: Mapped[bool] = mapped_column(default=False)  # an operator's console session (no user, no tenant)
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    expires_at: Mapped[datetime]
