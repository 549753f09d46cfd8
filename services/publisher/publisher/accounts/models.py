import uuid
from datetime import datetime

from sqlalchemy import LargeBinary, func
from sqlalchemy.orm import Mapped, mapped_column

from publisher.db import Base
from smmkit.accounts import KnownAccountColumns


class AccountStatus:
    CONNECTED = "connected"
    NEEDS_RECONNECT = "needs_reconnect"


class AccountCredentials(Base):
    """Credentials of one social account, Fernet-encrypted; only this service can read them."""

    __tablename__ = "account_credentials"

    account_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    network: Mapped[str]
    account_ref: Mapped[str]
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(default=AccountStatus.CONNECTED)
    status_reason: Mapped[str | None]
    connected_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class KnownAccount(KnownAccountColumns, Base):
    """An account the planner created (``account.created``): credentials are accepted only for these."""

    __tablename__ = "known_accounts"
