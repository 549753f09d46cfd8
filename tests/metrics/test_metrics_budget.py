"""Metrics takes from the publisher's own Redis buckets and leaves publishing a reserve."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import httpx

from metrics import jobs
from metrics.accounts import service as accounts
from metrics.accounts.schemas import CredentialsPut
from metrics.collectors.budget import SharedBudgets
from metrics_netposts import publish
from metrics_testkit import announce, target_row
from smmkit.budgets import ACCOUNT_BUDGETS, account_subject
from smmkit.ratelimit import RateLimiter


async def test_metrics_and_publisher_share_one_bucket_and_metrics_stops_at_the_reserve(runtime):
    ref = uuid.uuid4().hex  # a fresh bucket
    limiter = RateLimiter(runtime.redis)
    budgets = SharedBudgets(limiter, reserve_ratio=0.25)
    budget, subject = ACCOUNT_BUDGETS["x"], account_subject("x", ref)

    taken_by_metrics = 0
    while await budgets.try_take("x", ref) == 0:
        taken_by_metrics += 1
    assert 75 <= taken_by_metrics <= 76, "metrics stops with a quarter of the 100 tokens left"
    assert await budgets.try_take("x", ref) > 0

    published = 0
    while await limiter.try_take(budget, subject) == 0:  # the publisher's own call
        published += 1
    assert 24 <= published <= 26, "the reserve is still there for publishing"


async def test_publisher_spending_is_seen_by_metrics(runtime):
    ref = uuid.uuid4().hex
    limiter = RateLimiter(runtime.redis)
    budgets = SharedBudgets(limiter, reserve_ratio=0.25)
    for _ in range(80):
        assert await limiter.try_take(ACCOUNT_BUDGETS["x"], account_subject("x", ref)) == 0
    assert await budgets.try_take("x", ref) > 0, "the publisher used 80 of 100: metrics must wait"


async def _connect(db, runtime, tenant, account, network, ref, creds):
    await announce(db, tenant, network, ref, account)
    async with db.uow() as uow:
        await accounts.connect(uow=uow, box=runtime.secrets, tenant_id=tenant, account_id=account,
                               body=CredentialsPut(network=network, account_ref=ref, credentials=creds),
                               now=datetime.now(timezone.utc))


async def test_poll_at_the_reserve_makes_no_network_call_and_is_deferred(db, runtime, sandbox, new_tenant, track,
                                                                        make_due):
    tenant, _ = await new_tenant()
    account = uuid.uuid4()
    external_id, _, _ = publish(sandbox, "mastodon")
    ref = uuid.uuid4().hex[:8]  # our own bucket; the sandbox knows the reader by its token
    creds = {"access_token": f"sbx-{ref}"}
    # the publisher has used this account's whole budget
    limiter = RateLimiter(runtime.redis)
    await limiter.close_for(ACCOUNT_BUDGETS["mastodon"], account_subject("mastodon", ref), 0)  # empty the bucket
    await _connect(db, runtime, tenant, account, "mastodon", ref, creds)
    target = await track(tenant, network="mastodon", external_id=external_id, account_id=account)
    await make_due(target)
    sandbox.fault("mastodon", ref, "server_error", on="read")  # would fire on any read

    await jobs.poll_once(runtime)

    faults = httpx.get(f"{sandbox.base_url}/_sandbox/faults").json()["faults"]
    assert len(faults) == 1, "no read reached the network"
    row = await target_row(db, target)
    assert row["polls"] == 0 and row["next_poll_at"] > datetime.now(timezone.utc) + timedelta(seconds=60)


async def test_a_network_429_closes_the_shared_bucket_for_the_publisher_too(db, runtime, sandbox, new_tenant, track,
                                                                           make_due):
    tenant, _ = await new_tenant()
    account = uuid.uuid4()
    external_id, _, _ = publish(sandbox, "mastodon")
    ref = uuid.uuid4().hex[:8]  # our own bucket; the sandbox knows the account by its token
    creds = {"access_token": f"sbx-{ref}"}
    await _connect(db, runtime, tenant, account, "mastodon", ref, creds)
    target = await track(tenant, network="mastodon", external_id=external_id, account_id=account)
    await make_due(target)
    sandbox.fault("mastodon", ref, "rate_limit", on="read", retry_after_s=300)

    await jobs.poll_once(runtime)

    wait = await RateLimiter(runtime.redis).try_take(ACCOUNT_BUDGETS["mastodon"], account_subject("mastodon", ref))
    assert 250 < wait <= 301, "the publisher now waits for the reset the network gave"
    row = await target_row(db, target)
    assert row["polls"] == 0 and row["next_poll_at"] > datetime.now(timezone.utc) + timedelta(seconds=250)
