"""Every table of the web schema, for Alembic."""
from web.db import Base
from web.identity.models import Invite, Session, TenantLink, User  # noqa: F401

__all__ = ["Base"]
