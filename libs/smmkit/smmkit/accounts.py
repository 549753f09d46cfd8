"""Accounts the planner created, as the services that hold credentials for them know them.

The planner owns accounts; the publisher and metrics each keep a copy of the ids it announced
(``account.created``) in a ``known_accounts`` table of their own, and accept credentials only for
an id known for the caller's tenant, with the network and account_ref the planner registered.
Without this, tenant B could put credentials on tenant C's account id before C did, and lock C out.

An account created on the planner a moment ago may not be known here yet (its event is on its
way): that answers the same 404 as an unknown id, with ``Retry-After``, and the client retries.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from smmkit import events as ev
from smmkit.problems import DomainError, NotFound

# Seconds a client should wait before asking again about an account it just created on the planner.
RETRY_AFTER_S = 1


class KnownAccountColumns:
    """Columns of a service's ``known_accounts`` table: ``class KnownAccount(KnownAccountColumns, Base)``."""

    account_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    network: Mapped[str]
    account_ref: Mapped[str]
    created_at: Mapped[datetime]


async def record(*, session: AsyncSession, model: type, event: ev.Envelope[ev.AccountCreated]) -> None:
    """Remember an announced account; a redelivery (or a replay) changes nothing."""
    p = event.payload
    await session.execute(pg_insert(model).values(
        account_id=p.account_id, tenant_id=event.tenant_id, network=p.network, account_ref=p.account_ref,
        created_at=event.occurred_at,
    ).on_conflict_do_nothing())


async def require(*, session: AsyncSession, model: type, tenant_id: uuid.UUID, account_id: uuid.UUID,
                  network: str, account_ref: str) -> None:
    """Refuse an account id the planner did not create for this tenant (404), or other network details (422)."""
    known = await session.get(model, account_id)
    if known is None or known.tenant_id != tenant_id:  # another tenant's id answers exactly like an unknown one
        raise NotFound(
            f"account {account_id} not found: create it on the planner first (POST /accounts); an account "
            f"created there a moment ago is known here within seconds, so retry after {RETRY_AFTER_S} s",
            headers={"Retry-After": str(RETRY_AFTER_S)})
    for field, given, registered in (("network", network, known.network),
                                     ("account_ref", account_ref, known.account_ref)):
        if given != registered:
            msg = f"{given!r} does not match the account on the planner ({registered!r})"
            raise DomainError(f"{field} {msg}", errors=[{"loc": ["body", field], "msg": msg, "type": "value_error"}])
