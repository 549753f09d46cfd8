"""The planner hands targets over before they are due (PLANNER_DISPATCH_LEAD_S): the publisher keeps
them until their time, and publishes nothing early."""
import uuid
from datetime import timedelta

from publisher.targets import service as targets
from smmkit import events as ev
from tests.publisher.conftest import unique_ref


async def test_a_target_received_early_is_claimed_only_once_due(publisher, runtime):
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    due = ev.utcnow() + timedelta(seconds=20)
    event = ev.new_event(ev.PostScheduled(
        target_id=uuid.uuid4(), post_id=uuid.uuid4(), account_id=account, network="mastodon", account_ref=ref,
        text="Not yet", scheduled_at=due), tenant_id=publisher.tenant_id)
    async with runtime.db.uow() as uow:
        await targets.receive(uow=uow, event=event)
        await uow.commit()

    async def claimed_at(now) -> bool:
        async with runtime.db.uow() as uow:
            claims = await targets.claim_ready(uow=uow, now=now, limit=10_000, lease=timedelta(seconds=30))
        return any(c.target_id == event.payload.target_id for c in claims)

    assert not await claimed_at(due - timedelta(seconds=1))
    assert await claimed_at(due)
    assert (await publisher.target(event.payload.target_id)).state == "publishing"
