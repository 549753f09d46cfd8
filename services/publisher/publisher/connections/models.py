import uuid
from datetime import datetime

from sqlalchemy import LargeBinary, func
from sqlalchemy.orm import Mapped, mapped_column

from publisher.db import Base


class ConnectionStatus:
    PENDING = "pending"  # waiting for the person to come back from the network's consent screen
    CHOOSING = "choosing"  # consented; the person picks a destination (a Page, an organisation)
    AUTHORIZED = "authorized"  # tokens held; waiting for the planner to say which account it is
    CONNECTED = "connected"
    FAILED = "failed"


class Connection(Base):
    """One attempt to connect (or reconnect) an account through the network's own consent screen.

    Only a hash of ``state`` is kept: the state is the person's ticket back, so the database alone cannot
    forge a callback. ``secret`` (Fernet) holds the PKCE verifier and client, then the tokens; it is wiped
    when the attempt ends, either way."""

    __tablename__ = "connections"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    network: Mapped[str]
    state_hash: Mapped[str] = mapped_column(unique=True)
    status: Mapped[str] = mapped_column(default=ConnectionStatus.PENDING)
    reason: Mapped[str | None]
    account_id: Mapped[uuid.UUID | None]  # the account reconnected, then the one connected
    account_ref: Mapped[str | None]
    handle: Mapped[str | None]
    return_to: Mapped[str | None]
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
