"""How a service tells that the broker lost its data, and what it sends again (smmkit.brokerwatch)."""
import uuid

import sqlalchemy as sa

from smmkit.brokerwatch import cluster_id, record_cluster_id


async def test_the_broker_answers_with_the_cluster_id_it_was_started_with(producer):
    # smmkit.stack.Broker starts tansu with a fresh id each time, as a Kafka cluster formatted anew gets one
    assert (await cluster_id(producer.client)).startswith("tansu-")


async def test_a_new_cluster_id_marks_every_kept_outbox_row_unsent_once(db):
    epoch, outbox = db.messaging.broker_epoch, db.messaging.outbox
    sent, pending = uuid.uuid4(), uuid.uuid4()
    async with db.engine.begin() as conn:
        await conn.execute(sa.delete(epoch))
        for event_id, sent_at in ((sent, sa.func.now()), (pending, None)):
            await conn.execute(sa.insert(outbox).values(event_id=event_id, topic="post.published", key="k",
                                                        tenant_id=uuid.uuid4(), body=b"{}", sent_at=sent_at))

    async def unsent() -> set[uuid.UUID]:
        async with db.engine.connect() as conn:
            rows = await conn.scalars(sa.select(outbox.c.event_id).where(
                outbox.c.event_id.in_([sent, pending]), outbox.c.sent_at.is_(None)))
            return set(rows)

    assert await record_cluster_id(db, "first") is False  # the first broker known: nothing was lost
    assert await record_cluster_id(db, "first") is False
    assert await unsent() == {pending}
    assert await record_cluster_id(db, "second") is True
    assert await unsent() == {sent, pending}
    assert await record_cluster_id(db, "second") is False, "only the first replica to notice re-sends"
