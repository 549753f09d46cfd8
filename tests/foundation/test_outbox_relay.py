"""The pipelined outbox relay: batches overlap (the next is sent before the previous is marked), yet every row
reaches the topic once, in order per key, and is marked sent."""
import asyncio
import uuid

import sqlalchemy as sa
from smmkit import events as ev
from smmkit.outbox import OutboxRelay

from tests.foundation.conftest import read_topic
from tests.utils.polling import eventually


def engagement(tenant: uuid.UUID, target: uuid.UUID, seq: int) -> ev.Envelope:
    return ev.new_event(ev.EngagementUpdated(
        target_id=target, account_id=target, network="mastodon", seq=seq, observed_at=ev.utcnow(),
        totals=ev.EngagementCounts(likes=seq), deltas=ev.EngagementCounts(likes=1)), tenant_id=tenant)


async def test_overlapping_batches_send_every_row_once_in_order_per_key_and_mark_them_all(settings, db, producer):
    tenant, targets = uuid.uuid4(), [uuid.uuid4() for _ in range(3)]
    written = []
    for seq in range(1, 13):  # three transactions' worth of rows per round, interleaving the keys
        async with db.uow() as uow:
            for target in targets:
                event = engagement(tenant, target, seq)
                uow.emit(event)
                written.append(event.event_id)
            await uow.commit()
    outbox = db.messaging.outbox

    async def unsent() -> int:
        async with db.engine.connect() as conn:
            return await conn.scalar(sa.select(sa.func.count()).select_from(outbox).where(
                outbox.c.tenant_id == tenant, outbox.c.sent_at.is_(None)))

    relay = OutboxRelay(db, producer, batch_size=5, idle_poll_s=0.02)  # 36 rows: full batches, so they overlap
    task = asyncio.create_task(relay.run())
    try:
        await eventually(lambda: _zero(unsent()), what="every row marked sent", timeout_s=60)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    got = await read_topic(settings, "engagement.updated", want=len(written), match=str(tenant).encode(),
                         timeout_s=60)
    events = [ev.decode("engagement.updated", m.value) for m in got]
    assert sorted(e.event_id for e in events) == sorted(written), "each row once, none missing"
    for target in targets:
        assert [e.payload.seq for e in events if e.payload.target_id == target] == list(range(1, 13)), \
            "in order per key"


async def _zero(count) -> bool | None:
    return True if await count == 0 else None
