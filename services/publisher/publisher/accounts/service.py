"""Connecting accounts: encrypted credentials, reconnects that keep a valid refresh token."""
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from publisher.accounts.models import AccountCredentials, AccountStatus
from publisher.accounts.schemas import CredentialsPut
from smmkit.crypto import SecretBox
from smmkit.problems import NotFound


async def connect(*, session: AsyncSession, box: SecretBox, tenant_id: uuid.UUID, account_id: uuid.UUID,
                  body: CredentialsPut) -> AccountCredentials:
    row = await session.get(AccountCredentials, account_id, with_for_update=True)
    if row is not None and row.tenant_id != tenant_id:
        raise NotFound(f"account {account_id} not found")  # another tenant's id: never reveal it exists
    credentials = dict(body.credentials)
    if row is not None and "refresh_token" not in credentials:
        # A reconnect never wipes a still-valid refresh token.
        old = box.decrypt(row.secret)
        if "refresh_token" in old:
            credentials["refresh_token"] = old["refresh_token"]
    if row is None:
        row = AccountCredentials(account_id=account_id, tenant_id=tenant_id)
        session.add(row)
    row.network, row.account_ref = body.network, body.account_ref
    row.secret = box.encrypt(credentials)
    row.status, row.status_reason = AccountStatus.CONNECTED, None
    await session.flush()
    await session.refresh(row)
    return row


async def get(*, session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID) -> AccountCredentials:
    row = await session.scalar(select(AccountCredentials).where(
        AccountCredentials.tenant_id == tenant_id, AccountCredentials.account_id == account_id))
    if row is None:
        raise NotFound(f"account {account_id} not connected")
    return row


async def mark_needs_reconnect(*, session: AsyncSession, account_id: uuid.UUID, reason: str) -> None:
    row = await session.get(AccountCredentials, account_id)
    if row is not None:
        row.status, row.status_reason = AccountStatus.NEEDS_RECONNECT, reason
