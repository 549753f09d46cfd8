"""A suspended tenant's targets are not published until it is reactivated (then they go out as usual)."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from publisher.targets import service as targets
from smmkit.events import utcnow
from smmkit.tenancy import create_tenant, tenants

from tests.publisher.conftest import unique_ref


async def _claimed(runtime, target_id) -> bool:
    """The publishing job's claim, with the suspended tenants the process knows of held back."""
    async with runtime.db.uow() as uow:
        claims = await targets.claim_ready(uow=uow, now=utcnow(), limit=10_000, lease=timedelta(seconds=30),
                                           held=runtime.suspensions.ids)
    return any(c.target_id == target_id for c in claims)


async def _set_status(runtime, tenant_id, status: str) -> None:
    async with runtime.db.engine.begin() as conn:
        await conn.execute(sa.update(tenants).where(tenants.c.id == tenant_id).values(status=status))
    await runtime.suspensions.refresh()


async def test_a_suspended_tenants_due_target_waits_for_its_reactivation(publisher, runtime):
    publisher.tenant_id = (await create_tenant(runtime.db.engine, "Held publisher tenant")).tenant.id
    ref = unique_ref()
    account = await publisher.announce("x", ref)
    target_id = await publisher.schedule(account, "x", ref, "Due, but the tenant is suspended")
    await _set_status(runtime, publisher.tenant_id, "suspended")
    assert not await _claimed(runtime, target_id)
    assert (await publisher.target(target_id)).state == "received"

    await _set_status(runtime, publisher.tenant_id, "active")
    assert await _claimed(runtime, target_id)
