"""A suspended tenant's targets are not polled, nor moved by a Facebook push, until it is reactivated."""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from metrics import jobs
from metrics.engagement import service as engagement
from metrics_testkit import target_row
from smmkit.events import utcnow
from smmkit.tenancy import tenants


async def _set_status(runtime, tenant_id: uuid.UUID, status: str) -> None:
    async with runtime.db.engine.begin() as conn:
        await conn.execute(sa.update(tenants).where(tenants.c.id == tenant_id).values(status=status))
    await runtime.suspensions.refresh()  # what every process does each SUSPENSION_REFRESH_S


async def _poll_all_due(runtime, rounds: int = 5) -> None:
    """Poll until nothing is due (other tests' targets in this database may be due too)."""
    for _ in range(rounds):
        if not await jobs.poll_once(runtime):
            return


async def test_polling_and_pushes_hold_a_suspended_tenants_targets(runtime, db, new_tenant, track, make_due):
    held, _ = await new_tenant("held")
    other, _ = await new_tenant("other")
    external_id = f"fb-{uuid.uuid4().hex[:8]}"
    held_target = await track(held, network="facebook", external_id=external_id)
    other_target = await track(other, network="facebook", external_id=external_id)
    await _set_status(runtime, held, "suspended")
    await make_due(held_target, other_target)
    due_at = (await target_row(db, held_target))["next_poll_at"]

    await _poll_all_due(runtime)
    assert (await target_row(db, held_target))["next_poll_at"] == due_at, "not claimed while suspended"
    assert (await target_row(db, other_target))["next_poll_at"] > utcnow(), "the other tenant's was claimed"
    async with db.uow() as uow:  # one push for a post both tenants track: only the active one's moves
        applied = await engagement.apply_push(uow=uow, network="facebook", external_id=external_id, item="reaction",
                                              verb="add", now=utcnow(), held=runtime.suspensions.ids)
        await uow.commit()
    assert applied == 1
    assert (await target_row(db, held_target))["last_totals"] in (None, {})

    await _set_status(runtime, held, "active")
    await _poll_all_due(runtime)
    assert (await target_row(db, held_target))["next_poll_at"] > utcnow(), "claimed once reactivated"
