"""Accounts metrics reads from: its own encrypted read credentials, time zone, follower series.

Decision: metrics holds its OWN read credentials per account. ``post.published`` carries no
secrets (credentials never travel over Kafka), so a tenant registers read access here, as it
does with the publisher. Mastodon public statuses and Bluesky's AppView need none.
"""
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from metrics.accounts.models import FollowerPoint, KnownAccount, MetricsAccount
from metrics.accounts.schemas import CredentialsPut
from metrics.polling import service as polling
from smmkit import accounts as known_accounts
from smmkit import events as ev
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from smmkit.problems import NotFound


@dataclass(frozen=True)
class ReadAccess:
    account_id: uuid.UUID
    network: str
    account_ref: str
    credentials: dict[str, str]
    stopped_kind: str | None = None  # the account's reads stopped (see metrics.polling)
    stopped_reason: str | None = None


async def register(*, uow: UnitOfWork, event: ev.Envelope[ev.AccountCreated]) -> None:
    await known_accounts.record(session=uow.session, model=KnownAccount, event=event)


async def connect(*, uow: UnitOfWork, box: SecretBox, tenant_id: uuid.UUID, account_id: uuid.UUID,
                  body: CredentialsPut, now: datetime) -> MetricsAccount:
    """Register (or replace) the read credentials of an account the planner created for this tenant: a
    reconnect, which resumes its stopped reads."""
    session = uow.session
    await known_accounts.require(session=session, model=KnownAccount, tenant_id=tenant_id, account_id=account_id,
                                 network=body.network, account_ref=body.account_ref)
    row = await session.get(MetricsAccount, account_id, with_for_update=True)
    if row is None:
        row = MetricsAccount(account_id=account_id, tenant_id=tenant_id, next_followers_at=now)
        session.add(row)
    # Another tenant's row here was squatted before ids were checked: the planner says whose it is.
    row.tenant_id, row.network, row.account_ref, row.timezone = tenant_id, body.network, body.account_ref, body.timezone
    row.secret = box.encrypt(dict(body.credentials))
    resumed = await polling.resume_account(session=session, account=row, now=now)
    await session.flush()
    await session.refresh(row)
    await uow.commit()
    polling.count_resumed(resumed)
    return row


async def get(*, session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID) -> MetricsAccount:
    row = await session.scalar(select(MetricsAccount).where(
        MetricsAccount.tenant_id == tenant_id, MetricsAccount.account_id == account_id))
    if row is None:
        raise NotFound(f"account {account_id} not registered with metrics")
    return row


async def read_access(*, session: AsyncSession, box: SecretBox,
                      account_ids: set[uuid.UUID]) -> dict[uuid.UUID, ReadAccess]:
    """Decrypted read access of these accounts (internal: the polling job), in one query."""
    if not account_ids:
        return {}
    rows = await session.scalars(select(MetricsAccount).where(MetricsAccount.account_id.in_(account_ids)))
    return {r.account_id: ReadAccess(r.account_id, r.network, r.account_ref, box.decrypt(r.secret), r.stopped_kind,
                                     r.stopped_reason) for r in rows}


async def claim_followers_due(*, session: AsyncSession, now: datetime, limit: int,
                              lease_s: float) -> list[MetricsAccount]:
    rows = list(await session.scalars(
        select(MetricsAccount).where(MetricsAccount.next_followers_at <= now)
        .order_by(MetricsAccount.next_followers_at).limit(limit).with_for_update(skip_locked=True)))
    for row in rows:
        row.next_followers_at = now + timedelta(seconds=lease_s)
    await session.commit()
    return rows


async def record_followers(*, session: AsyncSession, account_id: uuid.UUID, followers: int | None,
                           now: datetime, next_at: datetime) -> None:
    """One point per account and UTC day; a later reading the same day replaces it."""
    row = await session.get(MetricsAccount, account_id)
    if row is None:
        return
    stmt = pg_insert(FollowerPoint).values(account_id=account_id, day=now.date(), tenant_id=row.tenant_id,
                                           followers=followers, observed_at=now)
    await session.execute(stmt.on_conflict_do_update(
        index_elements=[FollowerPoint.account_id, FollowerPoint.day],
        set_={"followers": stmt.excluded.followers, "observed_at": stmt.excluded.observed_at}))
    row.next_followers_at = next_at
    row.failures, row.last_error_kind, row.last_error = 0, None, None  # a good read: failures start over


async def follower_series(*, session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID) -> list[FollowerPoint]:
    await get(session=session, tenant_id=tenant_id, account_id=account_id)
    return list(await session.scalars(select(FollowerPoint).where(
        FollowerPoint.tenant_id == tenant_id, FollowerPoint.account_id == account_id).order_by(FollowerPoint.day)))


async def defer_followers(*, session: AsyncSession, account_id: uuid.UUID, until: datetime) -> None:
    row = await session.get(MetricsAccount, account_id)
    if row is not None:
        row.next_followers_at = until
