"""Telegram cannot be reconciled (bots cannot read a channel's history): an uncertain outcome is
parked for a person, reported, and never retried on its own."""
import uuid

import pytest

from publisher.targets import service as targets
from smmkit.events import utcnow
from smmkit.problems import Conflict, DomainError, NotFound
from tests.publisher.conftest import unique_ref

TOKEN = {"bot_token": "sbx-123456:bot"}


async def lost_telegram_post(publisher, sandbox, fault: str = "lost_response") -> tuple[str, uuid.UUID]:
    channel = f"@chan{unique_ref()}"
    account = await publisher.connect("telegram", channel, TOKEN)
    target_id = await publisher.schedule(account, "telegram", channel, "Maybe posted")
    sandbox.fault("telegram", channel, fault)
    return channel, target_id


async def test_lost_answer_parks_the_target_for_review_and_tells_the_tenant(publisher, sandbox):
    channel, target_id = await lost_telegram_post(publisher, sandbox)

    target = await publisher.run(target_id)

    assert target.state == "needs_review"
    [failed] = await publisher.events(target_id)
    assert failed.payload.error_kind == "uncertain"
    assert "mark the target published" in failed.payload.reason and "Telegram" in failed.payload.reason
    # never retried automatically, however long we wait
    assert (await publisher.run(target_id, now_offset_s=3600)).state == "needs_review"
    assert len(sandbox.posts("telegram", channel)) == 1


async def test_a_crash_mid_publish_on_telegram_is_parked_without_calling_the_network(publisher, runtime, sandbox):
    channel = f"@chan{unique_ref()}"
    account = await publisher.connect("telegram", channel, TOKEN)
    target_id = await publisher.schedule(account, "telegram", channel, "Crashed while sending")
    # A worker claimed it and died: the lease ran out, so the network may have the post.
    async with runtime.db.uow() as uow:
        target = await targets.get(uow=uow, tenant_id=publisher.tenant_id, target_id=target_id)
        target.state = "uncertain"
        await uow.commit()

    assert (await publisher.run(target_id)).state == "needs_review"
    assert sandbox.posts("telegram", channel) == []


async def test_a_person_marks_it_published_with_its_url(publisher, runtime, sandbox):
    channel, target_id = await lost_telegram_post(publisher, sandbox)
    await publisher.run(target_id)
    [post] = sandbox.posts("telegram", channel)
    url = f"https://t.me/{channel[1:]}/{post['external_id']}"

    async with runtime.db.uow() as uow:
        with pytest.raises(DomainError):
            await targets.resolve(uow=uow, tenant_id=publisher.tenant_id, target_id=target_id, outcome="published",
                                  url=None, external_id=None, now=utcnow())
    async with runtime.db.uow() as uow:
        with pytest.raises(NotFound):  # another tenant never sees it
            await targets.resolve(uow=uow, tenant_id=uuid.uuid4(), target_id=target_id, outcome="retry",
                                  url=None, external_id=None, now=utcnow())
    async with runtime.db.uow() as uow:
        done = await targets.resolve(uow=uow, tenant_id=publisher.tenant_id, target_id=target_id,
                                     outcome="published", url=url, external_id=None, now=utcnow())

    assert (done.state, done.url, done.external_id) == ("published", url, post["external_id"])
    assert [type(e.payload).__name__ for e in await publisher.events(target_id)] == ["PostFailed", "PostPublished"]
    async with runtime.db.uow() as uow:
        with pytest.raises(Conflict):
            await targets.resolve(uow=uow, tenant_id=publisher.tenant_id, target_id=target_id, outcome="retry",
                                  url=None, external_id=None, now=utcnow())


async def test_a_person_asks_for_a_retry_and_it_is_published_again(publisher, runtime, sandbox):
    # The request timed out before Telegram did anything: a person looks and finds nothing.
    channel, target_id = await lost_telegram_post(publisher, sandbox, fault="timeout")
    assert (await publisher.run(target_id)).state == "needs_review"
    assert sandbox.posts("telegram", channel) == []

    async with runtime.db.uow() as uow:
        await targets.resolve(uow=uow, tenant_id=publisher.tenant_id, target_id=target_id, outcome="retry",
                              url=None, external_id=None, now=utcnow())
    target = await publisher.run(target_id)

    assert target.state == "published"
    assert [p["external_id"] for p in sandbox.posts("telegram", channel)] == [target.external_id]
