"""Connecting accounts: encrypted credentials, reconnects that keep a valid refresh token."""
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from cryptography.fernet import InvalidToken
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from publisher.accounts.models import AccountCredentials, AccountStatus, KnownAccount
from publisher.accounts.schemas import CredentialsPut
from smmkit import accounts as known_accounts
from smmkit import events as ev
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from smmkit.problems import NotFound


async def register(*, uow: UnitOfWork, event: ev.Envelope[ev.AccountCreated]) -> None:
    await known_accounts.record(session=uow.session, model=KnownAccount, event=event)


async def connect(*, uow: UnitOfWork, box: SecretBox, tenant_id: uuid.UUID, account_id: uuid.UUID,
                  body: CredentialsPut) -> AccountCredentials:
    """Store (or replace) the credentials of an account the planner created for this tenant."""
    session = uow.session
    await known_accounts.require(session=session, model=KnownAccount, tenant_id=tenant_id, account_id=account_id,
                                 network=body.network, account_ref=body.account_ref)
    row = await session.get(AccountCredentials, account_id, with_for_update=True)
    credentials = dict(body.credentials)
    if row is not None and row.tenant_id == tenant_id and "refresh_token" not in credentials:
        # A reconnect never wipes a still-valid refresh token.
        old = box.decrypt(row.secret)
        if "refresh_token" in old:
            credentials["refresh_token"] = old["refresh_token"]
    if row is None:
        row = AccountCredentials(account_id=account_id, tenant_id=tenant_id)
        session.add(row)
    # Another tenant's row here was squatted before ids were checked: the planner says whose it is.
    row.tenant_id, row.network, row.account_ref = tenant_id, body.network, body.account_ref
    row.secret = box.encrypt(credentials)
    row.status, row.status_reason = AccountStatus.CONNECTED, None
    await session.flush()
    await session.refresh(row)
    await uow.commit()
    return row


async def get(*, session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID) -> AccountCredentials:
    row = await session.scalar(select(AccountCredentials).where(
        AccountCredentials.tenant_id == tenant_id, AccountCredentials.account_id == account_id))
    if row is None:
        raise NotFound(f"account {account_id} not connected")
    return row


async def mark_needs_reconnect(*, uow: UnitOfWork, account_id: uuid.UUID, reason: str) -> None:
    """The network revoked or expired the account's tokens: it waits for a reconnect (``POST /connections``
    with its ``account_id``). The first time, ``account.needs_reconnect`` tells the planner (and its webhooks)."""
    row = await uow.session.get(AccountCredentials, account_id)
    if row is not None:
        if row.status != AccountStatus.NEEDS_RECONNECT:
            uow.emit(ev.new_event(ev.AccountNeedsReconnect(account_id=account_id, network=row.network,
                                                           reason=reason[:2000]), tenant_id=row.tenant_id))
        row.status, row.status_reason = AccountStatus.NEEDS_RECONNECT, reason


Refresher = Callable[[dict[str, Any]], Awaitable[dict[str, str] | None]]


async def refresh(*, uow: UnitOfWork, box: SecretBox, account_id: uuid.UUID, seen: dict[str, Any],
                  refresher: Refresher) -> dict[str, Any] | None:
    """Renew an account's tokens once, under its row lock, and store them encrypted.

    Two workers that both saw the old token must not both refresh: a rotating refresh token
    (X) is spent by the first, and the second would read "rejected" and disconnect a healthy
    account. So the row is locked, and if its credentials differ from ``seen`` (what the caller
    used) somebody else renewed or reconnected it: theirs are returned and no call is made.
    ``refresher(credentials)`` calls the network; it returns None when there is nothing to
    refresh, and raises NetworkError ("transient" or a definite "auth_expired").
    The renewed credentials are committed before anything else uses them, so a crash right
    after the refresh never loses a rotated refresh token.
    """
    row = await uow.session.get(AccountCredentials, account_id, with_for_update=True)
    if row is None:
        return None
    current = box.decrypt(row.secret)
    if current != seen:  # compared decrypted: a key rotation changes the bytes, not the tokens
        await uow.commit()
        return current
    renewed = await refresher(current)
    if renewed is None:
        await uow.commit()
        return None
    if "refresh_token" not in renewed and "refresh_token" in current:
        renewed = {**renewed, "refresh_token": current["refresh_token"]}
    row.secret = box.encrypt(renewed)
    await uow.commit()
    return renewed


async def expiring(*, session: AsyncSession, box: SecretBox, networks: tuple[str, ...], before: datetime,
                   ) -> list[AccountCredentials]:
    """Connected accounts whose credentials carry an ``expires_at`` earlier than ``before``."""
    rows = await session.scalars(select(AccountCredentials).where(
        AccountCredentials.network.in_(networks), AccountCredentials.status == AccountStatus.CONNECTED))
    due = []
    for row in rows:
        try:
            expires_at = box.decrypt(row.secret).get("expires_at")
        except ValueError:
            continue  # undecryptable with the configured keys: nothing we can renew
        if expires_at and datetime.fromisoformat(expires_at) <= before:
            due.append(row)
    return due


async def rotate_keys(*, uow: UnitOfWork, box: SecretBox, newest: SecretBox | None = None,
                      tenant_id: uuid.UUID | None = None, batch_size: int = 500) -> int:
    """Re-encrypt every stored secret with the newest key (the first of ``SECRET_KEYS``).

    Rotation: put the new key first, keep the old ones, run this, then drop the old keys.
    Rows are locked in batches (SKIP LOCKED) so replicas doing the same never conflict.
    ``newest`` (a box with only the newest key) skips rows it can already read, so running this
    at every start costs little. ``tenant_id`` limits it to one tenant. Returns how many rows
    were re-encrypted.
    """
    done, after = 0, None
    while True:
        stmt = select(AccountCredentials).order_by(AccountCredentials.account_id).limit(batch_size)
        if after is not None:
            stmt = stmt.where(AccountCredentials.account_id > after)
        if tenant_id is not None:
            stmt = stmt.where(AccountCredentials.tenant_id == tenant_id)
        rows = list(await uow.session.scalars(stmt.with_for_update(skip_locked=True)))
        if not rows:
            break
        for row in rows:
            if newest is not None and _readable(newest, row.secret):
                continue
            try:
                row.secret = box.rotate(row.secret)
            except InvalidToken:
                continue  # no configured key reads it: leave it for a person (the account will need reconnecting)
            done += 1
        after = rows[-1].account_id
        await uow.commit()
    await uow.commit()
    return done


def _readable(box: SecretBox, secret: bytes) -> bool:
    try:
        box.decrypt(secret)
        return True
    except ValueError:
        return False
