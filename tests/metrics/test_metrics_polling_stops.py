"""Reads that keep failing for a reason retrying cannot fix stop after METRICS_STOP_AFTER_FAILURES,
visibly (API and Prometheus), and a reconnect resumes them; transient failures never stop reads.
Real polling job, real database, the sandbox over HTTP."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from prometheus_client import REGISTRY

from metrics import jobs
from metrics.accounts import service as accounts
from metrics_netposts import publish
from metrics_testkit import announce, points_of, target_row

NO_SERVICE = {"error": "InvalidRequest", "message": "No service configured for app.bsky.feed.getPosts"}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def stopped_total(network: str, kind: str, scope: str) -> float:
    return REGISTRY.get_sample_value("smm_metrics_polling_stopped_total",
                                     {"network": network, "reason_kind": kind, "scope": scope}) or 0.0


def resumed_total(network: str, scope: str) -> float:
    return REGISTRY.get_sample_value("smm_metrics_polling_resumed_total", {"network": network, "scope": scope}) or 0.0


async def put_credentials(app_client, tenant: uuid.UUID, key: str, account: uuid.UUID, network: str, ref: str,
                          creds: dict) -> dict:
    """Connect (or reconnect) an account the planner created: its announcement, then the tenant's PUT."""
    async with app_client() as (client, app):
        await announce(app.state.runtime.db, tenant, network, ref, account)
        r = await client.put(f"/accounts/{account}/credentials", headers=auth(key),
                             json={"network": network, "account_ref": ref, "credentials": creds})
    assert r.status_code == 200, r.text
    return r.json()


async def get(app_client, key: str, path: str) -> dict:
    async with app_client() as (client, _):
        r = await client.get(path, headers=auth(key))
    assert r.status_code == 200, r.text
    return r.json()


def read_faults_left(sandbox) -> int:
    return sum(f["times"] for f in sandbox._call("GET", "/_sandbox/faults")["faults"])


async def test_a_post_read_refused_as_invalid_stops_after_n_and_a_reconnect_resumes_it(
        db, runtime, sandbox, new_tenant, track, make_due, app_client):
    n = runtime.service_settings.stop_after_failures
    tenant, key = await new_tenant()
    account = uuid.uuid4()
    external_id, did, _ = publish(sandbox, "bluesky")
    sandbox.engagement(advance_s=4 * 3600)
    # reads sent to a bare PDS instead of the AppView: refused, every time
    sandbox.fault("bluesky", "", "reply", on="read", path_contains="getPosts", times=50, status=400, body=NO_SERVICE)
    target = await track(tenant, network="bluesky", external_id=external_id, account_id=account)
    before = stopped_total("bluesky", "invalid", "post")

    for attempt in range(1, n + 1):
        await make_due(target)
        await jobs.poll_once(runtime)
        row = await target_row(db, target)
        assert row["failures"] == attempt and row["last_error"] == NO_SERVICE["message"]
        assert (row["stopped_at"] is None) == (attempt < n), "polling goes on until the n-th failure in a row"

    assert row["next_poll_at"] is None and row["polls"] == 0
    assert read_faults_left(sandbox) == 50 - n
    assert stopped_total("bluesky", "invalid", "post") == before + 1
    history = await get(app_client, key, f"/targets/{target}/engagement")
    assert (history["polling_status"], history["stopped_kind"], history["failures"]) == ("stopped", "invalid", n)
    assert history["stopped_reason"] == NO_SERVICE["message"], "the network's own message"
    listed = await get(app_client, key, "/polling/stopped")
    assert [t["target_id"] for t in listed["targets"]] == [str(target)]

    for _ in range(3):  # later rounds leave it alone: no request reaches the network
        await jobs.poll_once(runtime)
    assert read_faults_left(sandbox) == 50 - n

    sandbox.clear_faults("bluesky")  # reads go to the AppView again ...
    body = await put_credentials(app_client, tenant, key, account, "bluesky", did, {})  # ... and the account is reconnected
    assert body["polling_status"] == "active"
    row = await target_row(db, target)
    assert row["stopped_at"] is None and row["failures"] == 0 and row["next_poll_at"] <= datetime.now(timezone.utc)

    await jobs.poll_once(runtime)

    assert [p["likes"] for p in await points_of(db, target)] and (await target_row(db, target))["polls"] == 1
    history = await get(app_client, key, f"/targets/{target}/engagement")
    assert history["polling_status"] == "active" and history["points"][0]["likes"] > 0
    assert history["stopped_reason"] is None and history["last_error"] is None


async def test_an_expired_token_stops_every_read_of_the_account_until_it_is_reconnected(
        db, runtime, sandbox, new_tenant, track, make_due, app_client):
    n = runtime.service_settings.stop_after_failures
    tenant, key = await new_tenant()
    other_tenant, other_key = await new_tenant()
    account = uuid.uuid4()
    first, page, good_token = publish(sandbox, "facebook")
    second, _, _ = publish(sandbox, "facebook")
    third, _, _ = publish(sandbox, "facebook")
    sandbox.engagement(advance_s=4 * 3600)
    await put_credentials(app_client, tenant, key, account, "facebook", page, {"access_token": "sbx-expired-1"})
    polled = await track(tenant, network="facebook", external_id=first, account_id=account)
    waiting = await track(tenant, network="facebook", external_id=second, account_id=account)
    posts_before = stopped_total("facebook", "auth_expired", "post")
    accounts_before = stopped_total("facebook", "auth_expired", "account")

    for _ in range(n):
        await make_due(polled)
        await jobs.poll_once(runtime)

    for target in (polled, waiting):  # the token is the account's: its other post stops too
        row = await target_row(db, target)
        assert row["stopped_at"] is not None and row["next_poll_at"] is None, target
        assert "Session has expired" in row["last_error"]
    assert (await target_row(db, waiting))["failures"] == 0, "stopped with its account, never polled"
    assert stopped_total("facebook", "auth_expired", "post") == posts_before + 2
    assert stopped_total("facebook", "auth_expired", "account") == accounts_before + 1
    acc = await get(app_client, key, f"/accounts/{account}")
    assert (acc["polling_status"], acc["stopped_kind"]) == ("stopped", "auth_expired")
    assert acc["stopped_reason"] == "Error validating access token: Session has expired."
    listed = await get(app_client, key, "/polling/stopped")
    assert {t["target_id"] for t in listed["targets"]} == {str(polled), str(waiting)}
    assert [a["account_id"] for a in listed["accounts"]] == [str(account)]
    assert await get(app_client, other_key, "/polling/stopped") == {"targets": [], "accounts": []}

    # a post published after the stop stops at its first turn, without calling the network again
    late = await track(tenant, network="facebook", external_id=third, account_id=account)
    await make_due(late)
    await jobs.poll_once(runtime)
    row = await target_row(db, late)
    assert row["stopped_at"] is not None and row["failures"] == 1 and "Session has expired" in row["last_error"]

    resumed_before = resumed_total("facebook", "post")
    await put_credentials(app_client, tenant, key, account, "facebook", page, good_token)  # the reconnect

    assert resumed_total("facebook", "post") == resumed_before + 3
    assert (await get(app_client, key, f"/accounts/{account}"))["polling_status"] == "active"
    await jobs.poll_once(runtime)
    for target in (polled, waiting, late):
        row = await target_row(db, target)
        assert row["stopped_at"] is None and row["polls"] == 1 and row["last_totals"]["likes"] > 0, target
        history = await get(app_client, key, f"/targets/{target}/engagement")
        assert history["polling_status"] == "active" and history["failures"] == 0


async def test_transient_failures_never_stop_polling(db, runtime, sandbox, new_tenant, track, make_due, app_client):
    n = runtime.service_settings.stop_after_failures
    tenant, key = await new_tenant()
    account = uuid.uuid4()
    external_id, _, _ = publish(sandbox, "mastodon")
    ref = uuid.uuid4().hex[:8]  # the sandbox knows the reader by its token
    await put_credentials(app_client, tenant, key, account, "mastodon", ref, {"access_token": f"sbx-{ref}"})
    target = await track(tenant, network="mastodon", external_id=external_id, account_id=account)
    sandbox.fault("mastodon", ref, "server_error", on="read", times=n + 2)

    for _ in range(n + 2):
        await make_due(target)
        await jobs.poll_once(runtime)
        row = await target_row(db, target)
        assert row["stopped_at"] is None and row["failures"] == 0 and row["next_poll_at"] is not None

    assert read_faults_left(sandbox) == 0, "every round did call the network"
    await make_due(target)
    await jobs.poll_once(runtime)
    assert (await target_row(db, target))["polls"] == 1
    assert (await get(app_client, key, f"/targets/{target}/engagement"))["polling_status"] == "active"


async def test_follower_reads_that_keep_failing_on_auth_stop_the_account_and_resume_on_reconnect(
        db, runtime, sandbox, new_tenant, track, app_client):
    n = runtime.service_settings.stop_after_failures
    tenant, key = await new_tenant()
    account = uuid.uuid4()
    external_id, page, good_token = publish(sandbox, "facebook")
    await put_credentials(app_client, tenant, key, account, "facebook", page, {"access_token": "sbx-expired-2"})
    target = await track(tenant, network="facebook", external_id=external_id, account_id=account)
    before = stopped_total("facebook", "auth_expired", "account")

    async def followers_due() -> None:
        async with db.engine.begin() as conn:
            await conn.execute(sa.text("UPDATE metrics.accounts SET next_followers_at = now() - interval '1 second' "
                                       "WHERE account_id = :a AND next_followers_at IS NOT NULL"), {"a": account})

    for attempt in range(1, n + 1):
        await followers_due()
        await jobs.read_followers_once(runtime)
        acc = await get(app_client, key, f"/accounts/{account}")
        assert acc["failures"] == attempt and (acc["polling_status"] == "stopped") == (attempt == n)

    assert stopped_total("facebook", "auth_expired", "account") == before + 1
    assert (await target_row(db, target))["stopped_at"] is not None, "an auth failure stops the account's posts too"
    async with db.uow() as uow:
        row = await accounts.get(session=uow.session, tenant_id=tenant, account_id=account)
    assert row.next_followers_at is None

    await put_credentials(app_client, tenant, key, account, "facebook", page, good_token)
    await jobs.read_followers_once(runtime)

    series = await get(app_client, key, f"/accounts/{account}/followers")
    assert len(series["points"]) == 1 and series["points"][0]["followers"] > 0
    acc = await get(app_client, key, f"/accounts/{account}")
    assert (acc["polling_status"], acc["failures"], acc["last_error"]) == ("active", 0, None)
    row = await target_row(db, target)
    assert row["stopped_at"] is None and row["next_poll_at"] - datetime.now(timezone.utc) < timedelta(seconds=5)
