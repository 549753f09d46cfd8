"""Poll results into points and engagement.updated events: idempotency, deltas and seq, nulls,
deleted posts (through the real polling job against the sandbox), downsampling, followers."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone


from metrics import jobs
from metrics.accounts import service as accounts
from metrics.accounts.schemas import CredentialsPut
from metrics.engagement import service as engagement
from metrics.engagement.service import PollResult
from metrics_netposts import publish
from sandbox.engagement import followers_for
from smmkit import events as ev
from metrics_testkit import announce, events_of, points_of, target_row

C = ev.EngagementCounts


async def test_the_same_poll_result_twice_gives_one_event_and_one_point(db, new_tenant, track):
    tenant, _ = await new_tenant()
    target = await track(tenant, network="mastodon", external_id="7")
    now = datetime.now(timezone.utc)
    for _ in range(2):
        async with db.uow() as uow:
            await engagement.record_poll(uow=uow, target_id=target, totals=C(likes=5, reposts=1), now=now)
    # and the same result twice inside one batch
    async with db.uow() as uow:
        await engagement.record_batch(uow=uow, now=now, results=[PollResult(target, C(likes=5, reposts=1))] * 2)

    assert len(await events_of(db, target)) == 1
    assert len(await points_of(db, target)) == 1
    assert (await target_row(db, target))["seq"] == 1


async def test_events_carry_totals_deltas_and_gapless_seq_with_nulls_kept_null(db, new_tenant, track):
    tenant, _ = await new_tenant()
    target = await track(tenant, network="mastodon", external_id="8")
    now = datetime.now(timezone.utc)
    async with db.uow() as uow:
        await engagement.record_batch(uow=uow, now=now, results=[
            PollResult(target, C(likes=3, reposts=0, comments=1)),
            PollResult(target, C(likes=10, reposts=2, comments=1)),
        ])

    first, second = await events_of(db, target)
    assert [first["seq"], second["seq"]] == [1, 2]
    assert second["totals"] == {"likes": 10, "reposts": 2, "comments": 1, "views": None, "clicks": None}
    assert second["deltas"] == {"likes": 7, "reposts": 2, "comments": 0, "views": None, "clicks": None}
    stored = await points_of(db, target)
    assert [p["likes"] for p in stored] == [3, 10]
    assert stored[-1]["views"] is None, "a counter the network cannot give is stored as null, not 0"


async def test_poll_job_records_growth_then_a_deleted_post_and_stops_polling(db, runtime, sandbox, new_tenant, track,
                                                                             make_due):
    tenant, _ = await new_tenant()
    account = uuid.uuid4()
    external_id, account_ref, creds = publish(sandbox, "facebook")
    await announce(db, tenant, "facebook", account_ref, account)
    async with db.uow() as uow:
        await accounts.connect(uow=uow, box=runtime.secrets, tenant_id=tenant, account_id=account,
                               body=CredentialsPut(network="facebook", account_ref=account_ref, credentials=creds),
                               now=datetime.now(timezone.utc))
    target = await track(tenant, network="facebook", external_id=external_id, account_id=account)
    sandbox.engagement(advance_s=4 * 3600)
    await make_due(target)
    assert await jobs.poll_once(runtime) >= 1
    row = await target_row(db, target)
    assert row["last_totals"]["likes"] > 0 and row["last_totals"]["clicks"] is not None
    assert row["next_poll_at"] > datetime.now(timezone.utc), "rescheduled by the decaying schedule"

    sandbox.delete_post("facebook", external_id)
    await make_due(target)
    await jobs.poll_once(runtime)

    row = await target_row(db, target)
    assert row["deleted"] is True and row["next_poll_at"] is None
    last = (await events_of(db, target))[-1]
    assert last["deleted"] is True and last["totals"]["likes"] == row["last_totals"]["likes"]
    await jobs.poll_once(runtime)
    assert (await target_row(db, target))["polls"] == row["polls"], "a deleted target is not polled again"


async def test_telegram_views_are_null_not_zero(db, runtime, sandbox, new_tenant, track, make_due):
    tenant, _ = await new_tenant()
    external_id, _, _ = publish(sandbox, "telegram")
    target = await track(tenant, network="telegram", external_id=external_id)
    await make_due(target)
    await jobs.poll_once(runtime)
    (event,) = await events_of(db, target)
    assert event["totals"] == {"likes": None, "reposts": None, "comments": None, "views": None, "clicks": None}


async def test_downsampling_folds_old_raw_points_into_the_last_reading_of_each_day(db, new_tenant, track):
    tenant, _ = await new_tenant()
    target = await track(tenant, network="mastodon", external_id="9")
    day1 = datetime(2025, 1, 10, 8, tzinfo=timezone.utc)
    async with db.uow() as uow:
        await engagement.record_batch(uow=uow, now=day1, results=[
            PollResult(target, C(likes=1), day1), PollResult(target, C(likes=4), day1 + timedelta(hours=10)),
            PollResult(target, C(likes=6), day1 + timedelta(days=1)),
        ])
    recent = datetime.now(timezone.utc)
    async with db.uow() as uow:
        await engagement.record_batch(uow=uow, now=recent, results=[PollResult(target, C(likes=9), recent)])

    async with db.uow() as uow:
        assert await engagement.downsample(uow=uow, older_than=recent - timedelta(days=30)) >= 3

    raw = await points_of(db, target)
    assert [p["likes"] for p in raw] == [9], "recent raw points stay"
    async with db.uow() as uow:
        _, points = await engagement.history(uow=uow, tenant_id=tenant, target_id=target)
    assert [p.likes for p in points] == [4, 6, 9], "one daily point per old day (its last reading), then raw"


async def test_follower_counts_are_read_daily_into_a_series(db, runtime, sandbox, new_tenant):
    tenant, _ = await new_tenant()
    account = uuid.uuid4()
    sandbox.engagement(speed=0)
    await announce(db, tenant, "mastodon", "4242", account)
    async with db.uow() as uow:
        await accounts.connect(uow=uow, box=runtime.secrets, tenant_id=tenant, account_id=account,
                               body=CredentialsPut(network="mastodon", account_ref="4242",
                                                   credentials={"access_token": "sbx-4242"}),
                               now=datetime.now(timezone.utc))
    assert await jobs.read_followers_once(runtime) >= 1
    clock_s = sandbox.engagement(advance_s=0)["clock_s"]
    async with db.uow() as uow:
        series = await accounts.follower_series(session=uow.session, tenant_id=tenant, account_id=account)
        row = await accounts.get(session=uow.session, tenant_id=tenant, account_id=account)
    assert [p.followers for p in series] == [followers_for("mastodon:4242", clock_s)]
    assert row.next_followers_at - series[0].observed_at >= timedelta(hours=23), "next reading a day later"


async def test_a_follower_count_that_cannot_be_read_is_retried_in_an_hour_not_every_round(db, runtime, sandbox,
                                                                                         new_tenant):
    tenant, _ = await new_tenant()
    account = uuid.uuid4()
    await announce(db, tenant, "telegram", "@shop", account)
    async with db.uow() as uow:  # a Telegram channel registered without its bot token
        await accounts.connect(uow=uow, box=runtime.secrets, tenant_id=tenant, account_id=account,
                               body=CredentialsPut(network="telegram", account_ref="@shop"),
                               now=datetime.now(timezone.utc))
    await jobs.read_followers_once(runtime)
    async with db.uow() as uow:
        row = await accounts.get(session=uow.session, tenant_id=tenant, account_id=account)
        series = await accounts.follower_series(session=uow.session, tenant_id=tenant, account_id=account)
    assert series == []
    assert row.next_followers_at - datetime.now(timezone.utc) > timedelta(minutes=50)


async def test_a_target_without_registered_read_access_waits_instead_of_recording_zeros(db, runtime, sandbox,
                                                                                       new_tenant, track, make_due):
    tenant, _ = await new_tenant()
    external_id, _, _ = publish(sandbox, "instagram")
    target = await track(tenant, network="instagram", external_id=external_id)
    await make_due(target)
    await jobs.poll_once(runtime)
    row = await target_row(db, target)
    assert row["polls"] == 0 and row["last_totals"] is None and await events_of(db, target) == []
    assert row["next_poll_at"] - datetime.now(timezone.utc) > timedelta(minutes=4)
