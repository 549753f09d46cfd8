"""A worker that dies mid-attempt: its target is taken over, reconciled, and the crash is not
counted against the network's retry budget (until it keeps happening)."""
from datetime import timedelta

import sqlalchemy as sa

from publisher.targets import service as targets
from publisher.targets.models import PublishTarget
from smmkit.events import utcnow
from tests.publisher.conftest import unique_ref


async def expire_lease(runtime, target_id) -> None:
    async with runtime.db.uow() as uow:
        await uow.session.execute(sa.update(PublishTarget).where(PublishTarget.target_id == target_id).values(
            state="publishing", lease_until=utcnow() - timedelta(seconds=1), attempts=1))
        await uow.commit()


async def claim(runtime, target_id) -> targets.Claim | None:
    async with runtime.db.uow() as uow:
        claims = await targets.claim_ready(uow=uow, now=utcnow(), limit=10_000, lease=timedelta(seconds=30))
    return next((c for c in claims if c.target_id == target_id), None)


async def test_crash_recoveries_are_reconciled_and_free_until_they_repeat(publisher, runtime):
    ref = unique_ref()
    account = await publisher.connect("x", ref, {"access_token": f"sbx-{ref}"})
    target_id = await publisher.schedule(account, "x", ref, "Crashy")

    for n in range(1, targets.FREE_RECOVERIES + 2):
        await expire_lease(runtime, target_id)
        taken = await claim(runtime, target_id)
        assert taken is not None and taken.reconcile_first, "the dead worker may have reached the network"
        target = await publisher.target(target_id)
        assert target.recoveries == n
        expected_attempts = 1 if n <= targets.FREE_RECOVERIES else 2
        assert target.attempts == expected_attempts, "a crash is not a network failure, unless it keeps happening"
