"""Credentials: renew once on auth_expired, never disconnect on a transient refresh error,
renew before expiry, and re-encrypt with the newest key."""
from datetime import timedelta

import pytest

from publisher import jobs
from publisher.accounts import service as accounts
from publisher.accounts.models import AccountCredentials
from smmkit.crypto import SecretBox
from smmkit.events import utcnow
from tests.publisher.conftest import unique_ref


async def stored(runtime, account_id) -> tuple[AccountCredentials, dict]:
    async with runtime.db.uow() as uow:
        row = await uow.session.get(AccountCredentials, account_id)
    return row, runtime.secrets.decrypt(row.secret)


def expired_x(ref: str, refresh: str | None = None) -> dict[str, str]:
    return {"access_token": "sbx-expired-access", "refresh_token": refresh or f"sbx-{ref}.r0",
            "client_id": "sandbox-app"}


async def test_expired_token_is_renewed_stored_encrypted_and_the_post_goes_out(publisher, runtime, sandbox):
    ref = unique_ref()
    account = await publisher.connect("x", ref, expired_x(ref))
    target_id = await publisher.schedule(account, "x", ref, "Fresh token")

    target = await publisher.run(target_id)

    assert target.state == "published"
    assert len(sandbox.posts("x", ref)) == 1
    row, creds = await stored(runtime, account)
    assert row.status == "connected"
    assert creds["access_token"].startswith(f"sbx-{ref}.") and creds["refresh_token"] != f"sbx-{ref}.r0"
    assert b"sbx-" not in row.secret, "credentials are stored encrypted"


async def test_transient_refresh_error_never_disconnects_and_keeps_the_refresh_token(publisher, runtime, sandbox):
    ref = unique_ref()
    account = await publisher.connect("x", ref, expired_x(ref))
    target_id = await publisher.schedule(account, "x", ref, "Flaky token endpoint")
    sandbox.fault("x", ref, "server_error", on="any", path_contains="oauth2/token")

    target = await publisher.run(target_id)

    assert target.state == "received" and target.error_kind == "transient"
    row, creds = await stored(runtime, account)
    assert row.status == "connected" and creds["refresh_token"] == f"sbx-{ref}.r0"
    assert await publisher.events(target_id) == []
    assert (await publisher.run(target_id, now_offset_s=60)).state == "published"


async def test_rejected_refresh_token_marks_needs_reconnect_and_tells_the_tenant(publisher, runtime, sandbox):
    ref = unique_ref()
    account = await publisher.connect("x", ref, expired_x(ref, refresh="sbx-expired-refresh"))
    target_id = await publisher.schedule(account, "x", ref, "Dead token")

    target = await publisher.run(target_id)

    assert target.state == "failed" and target.error_kind == "auth_expired"
    row, _ = await stored(runtime, account)
    assert row.status == "needs_reconnect"
    [failed] = await publisher.events(target_id)
    assert failed.payload.error_kind == "auth_expired" and "reconnect" in failed.payload.reason
    assert sandbox.posts("x", ref) == []


async def test_network_without_refresh_goes_straight_to_needs_reconnect(publisher, runtime):
    channel = f"@chan{unique_ref()}"
    account = await publisher.connect("telegram", channel, {"bot_token": "sbx-expired:1"})
    target_id = await publisher.schedule(account, "telegram", channel, "Bot removed")

    assert (await publisher.run(target_id)).state == "failed"
    assert (await stored(runtime, account))[0].status == "needs_reconnect"


async def test_renewal_job_renews_tokens_before_expiry_and_survives_an_outage(publisher, runtime, sandbox):
    soon, later = unique_ref(), unique_ref()
    soon_id = await publisher.connect("x", soon, {**expired_x(soon), "access_token": f"sbx-{soon}",
                                                  "expires_at": (utcnow() + timedelta(minutes=2)).isoformat()})
    later_id = await publisher.connect("x", later, {**expired_x(later), "access_token": f"sbx-{later}",
                                                    "expires_at": (utcnow() + timedelta(hours=2)).isoformat()})
    sandbox.fault("x", soon, "server_error", on="any", path_contains="oauth2/token")
    before = utcnow() + timedelta(minutes=10)

    assert (await jobs.renew_due_credentials(runtime, before=before))["transient"] >= 1
    row, creds = await stored(runtime, soon_id)
    assert row.status == "connected" and creds["refresh_token"] == f"sbx-{soon}.r0", "an outage changes nothing"

    await jobs.renew_due_credentials(runtime, before=before)
    _, creds = await stored(runtime, soon_id)
    assert creds["refresh_token"] != f"sbx-{soon}.r0"
    assert creds["expires_at"] > (utcnow() + timedelta(minutes=10)).isoformat()
    _, untouched = await stored(runtime, later_id)
    assert untouched["refresh_token"] == f"sbx-{later}.r0", "a token far from expiry is left alone"


async def test_rotation_re_encrypts_every_row_with_the_newest_key(publisher, runtime):
    old = runtime.secrets
    first = await publisher.connect("mastodon", unique_ref(), {"access_token": "sbx-rotate-1"})
    second = await publisher.connect("x", unique_ref(), {"access_token": "sbx-rotate-2"})
    rotated = SecretBox("brand-new-key," + runtime.settings.secret_keys)  # newest first, old still readable

    async with runtime.db.uow() as uow:
        assert await accounts.rotate_keys(uow=uow, box=rotated, tenant_id=publisher.tenant_id) == 2

    for account, token in ((first, "sbx-rotate-1"), (second, "sbx-rotate-2")):
        async with runtime.db.uow() as uow:
            secret = (await uow.session.get(AccountCredentials, account)).secret
        assert SecretBox("brand-new-key").decrypt(secret) == {"access_token": token}
        with pytest.raises(ValueError):
            old.decrypt(secret)  # the old key can be dropped now

    async with runtime.db.uow() as uow:  # a second run (every start) skips rows already on the newest key
        assert await accounts.rotate_keys(uow=uow, box=rotated, newest=SecretBox("brand-new-key"),
                                          tenant_id=publisher.tenant_id) == 0


async def test_two_workers_with_the_same_expired_token_refresh_only_once(publisher, runtime):
    ref = unique_ref()
    account = await publisher.connect("x", ref, expired_x(ref))
    seen = (await stored(runtime, account))[1]
    calls = []

    async def refresher(current: dict) -> dict:
        calls.append(current["refresh_token"])
        return {**current, "access_token": f"sbx-{ref}.new", "refresh_token": f"sbx-{ref}.r1"}

    async with runtime.db.uow() as uow:
        first = await accounts.refresh(uow=uow, box=runtime.secrets, account_id=account, seen=seen,
                                       refresher=refresher)
    async with runtime.db.uow() as uow:  # the second worker still holds the old credentials
        second = await accounts.refresh(uow=uow, box=runtime.secrets, account_id=account, seen=seen,
                                        refresher=refresher)

    assert calls == [f"sbx-{ref}.r0"], "a rotating refresh token is spent once, never twice"
    assert first == second and second["refresh_token"] == f"sbx-{ref}.r1"


@pytest.mark.parametrize("change,field", [
    ({"account_ref": "4\u00002"}, "account_ref"),
    ({"credentials": {"access_token": "sbx-\u0000"}}, "access_token"),
    ({"network": "myspace"}, "network"),
])
async def test_credentials_that_cannot_be_stored_are_422_naming_the_field(publisher_api, runtime, change, field):
    import uuid

    from smmkit.tenancy import create_tenant
    from tests.utils.problems import assert_refused

    key = (await create_tenant(runtime.db.engine, "creds-bounds")).api_key
    body = {"network": "mastodon", "account_ref": "42", "credentials": {"access_token": "sbx-42"}, **change}
    async with publisher_api() as client:
        resp = await client.put(f"/accounts/{uuid.uuid4()}/credentials", json=body,
                                headers={"Authorization": f"Bearer {key}"})
    assert_refused(resp, field)
