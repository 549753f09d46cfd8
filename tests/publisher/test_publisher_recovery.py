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


async def test_a_network_down_longer_than_the_attempts_last_is_retried_until_it_is_back(
        publisher, runtime, sandbox, sandbox_server):
    """Found by tests/chaos (a network answering 5xx for a while): five attempts are over in ~30 s, and every
    post due while a network was down for a minute ended "failed". Transient errors are retried for
    ``retry_for_s`` from the due time, however many attempts that takes."""
    from tests.publisher.conftest import publisher_settings

    runtime.service_settings = publisher_settings(sandbox_server, retry_for_s=600)  # max_attempts 3
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    target_id = await publisher.schedule(account, "mastodon", ref, "Down for a while")
    sandbox.fault("mastodon", ref, "server_error", for_s=600)

    for attempt in range(1, 7):
        target = await publisher.run(target_id, now_offset_s=60)
        assert (target.state, target.attempts, target.error_kind) == ("received", attempt, "transient")
    assert await publisher.events(target_id) == [], "no post.failed while the retry period lasts"

    sandbox.clear_faults("mastodon", ref)
    done = await publisher.run(target_id, now_offset_s=60)
    assert done.state == "published"
    assert len(sandbox.posts("mastodon", ref)) == 1


def test_the_retry_period_and_the_attempts_must_both_be_used_up():
    due = utcnow()
    policy = targets.RetryPolicy(max_attempts=5, base_s=2, max_s=300, for_s=900)
    target = PublishTarget(scheduled_at=due, received_at=due - timedelta(hours=1), attempts=9)
    assert not policy.exhausted(target, due + timedelta(seconds=899))
    assert policy.exhausted(target, due + timedelta(seconds=900))
    target.attempts = 4
    assert not policy.exhausted(target, due + timedelta(days=1))
    late = PublishTarget(scheduled_at=due, received_at=due + timedelta(hours=1), attempts=5)
    assert not policy.exhausted(late, due + timedelta(seconds=1000)), "a target received late gets its period"
