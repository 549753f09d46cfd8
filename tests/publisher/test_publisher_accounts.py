"""Credentials only for accounts the planner created for the tenant (``account.created``): no squatting."""
import uuid

import sqlalchemy as sa

from publisher.accounts.models import AccountCredentials, KnownAccount
from publisher.handlers import on_account_created
from smmkit.tenancy import create_tenant
from tests.publisher.conftest import unique_ref
from tests.utils.events import account_created


async def tenant_key(runtime) -> tuple[uuid.UUID, dict]:
    issued = await create_tenant(runtime.db.engine, f"acc-{uuid.uuid4().hex[:6]}")
    return issued.tenant.id, {"Authorization": f"Bearer {issued.api_key}"}


def creds(ref: str, token: str | None = None) -> dict:
    return {"network": "mastodon", "account_ref": ref, "credentials": {"access_token": token or f"sbx-{ref}"}}


def answer(resp, account_id: uuid.UUID) -> tuple:
    """What a client learns from an answer, with the account id it asked about blanked out."""
    body = resp.json()
    return resp.status_code, resp.headers.get("retry-after"), body["title"], body["detail"].replace(str(account_id), "?")


async def test_another_tenant_cannot_squat_an_account_and_its_owner_still_connects(publisher, publisher_api, runtime):
    _, b_auth = await tenant_key(runtime)
    c, c_auth = await tenant_key(runtime)
    ref = unique_ref()
    account = await publisher.announce("mastodon", ref, tenant_id=c)  # C created it on the planner

    async with publisher_api() as client:
        squat = await client.put(f"/accounts/{account}/credentials", headers=b_auth, json=creds(ref, "sbx-666"))
        assert squat.status_code == 404, squat.text
        assert squat.headers["content-type"] == "application/problem+json"
        nobody = uuid.uuid4()
        unknown = await client.put(f"/accounts/{nobody}/credentials", headers=b_auth, json=creds(ref))
        assert answer(squat, account) == answer(unknown, nobody), "another tenant's id answers like an unknown one"

        own = await client.put(f"/accounts/{account}/credentials", headers=c_auth, json=creds(ref))
        assert own.status_code == 200, own.text
        assert (await client.get(f"/accounts/{account}", headers=b_auth)).status_code == 404
        assert (await client.get(f"/accounts/{account}", headers=c_auth)).json()["account_ref"] == ref
    row = await _credentials(runtime, account)
    assert row.tenant_id == c and runtime.secrets.decrypt(row.secret) == {"access_token": f"sbx-{ref}"}


async def test_an_account_not_yet_announced_is_404_with_retry_after_then_connects(publisher, publisher_api, runtime):
    """The race: created on the planner, ``account.created`` not consumed yet. The client retries."""
    tenant, auth = await tenant_key(runtime)
    ref, account = unique_ref(), uuid.uuid4()
    async with publisher_api() as client:
        early = await client.put(f"/accounts/{account}/credentials", headers=auth, json=creds(ref))
        assert early.status_code == 404 and early.headers["retry-after"] == "1"
        assert "create it on the planner first" in early.json()["detail"] and "retry" in early.json()["detail"]

        async with runtime.db.uow() as uow:  # the event arrives
            await on_account_created(account_created(tenant, "mastodon", ref, account_id=account), uow)
            await uow.commit()

        late = await client.put(f"/accounts/{account}/credentials", headers=auth, json=creds(ref))
        assert late.status_code == 200, late.text


async def test_network_and_account_ref_must_be_the_planners(publisher, publisher_api, runtime):
    tenant, auth = await tenant_key(runtime)
    ref = unique_ref()
    account = await publisher.announce("mastodon", ref, tenant_id=tenant)
    async with publisher_api() as client:
        unknown_network = await client.put(f"/accounts/{account}/credentials", headers=auth,
                                           json={**creds(ref), "network": "~nope"})
        assert unknown_network.status_code == 422, unknown_network.text
        assert unknown_network.json()["errors"][0]["loc"] == ["body", "network"]
        other_network = await client.put(f"/accounts/{account}/credentials", headers=auth,
                                         json={**creds(ref), "network": "x"})
        assert other_network.status_code == 422 and other_network.json()["errors"][0]["loc"] == ["body", "network"]
        other_ref = await client.put(f"/accounts/{account}/credentials", headers=auth, json=creds(unique_ref()))
        assert other_ref.status_code == 422 and other_ref.json()["errors"][0]["loc"] == ["body", "account_ref"]
        assert (await client.get(f"/accounts/{account}", headers=auth)).status_code == 404, "nothing was stored"


async def test_a_squat_from_before_the_check_gives_way_to_the_owner(publisher, runtime):
    """Credentials another tenant put on the id before ids were checked: the owner's connect replaces them."""
    ref = unique_ref()
    account = await publisher.announce("mastodon", ref)
    async with runtime.db.uow() as uow:
        uow.session.add(AccountCredentials(account_id=account, tenant_id=uuid.uuid4(), network="mastodon",
                                           account_ref="666", secret=runtime.secrets.encrypt(
                                               {"access_token": "sbx-666", "refresh_token": "squatter"})))
        await uow.commit()

    await publisher.put_credentials(account, "mastodon", ref, {"access_token": f"sbx-{ref}"})

    row = await _credentials(runtime, account)
    assert (row.tenant_id, row.account_ref) == (publisher.tenant_id, ref)
    assert runtime.secrets.decrypt(row.secret) == {"access_token": f"sbx-{ref}"}, "nothing of the squatter's kept"


async def test_a_redelivered_announcement_changes_nothing(publisher, runtime):
    event = account_created(publisher.tenant_id, "mastodon", unique_ref())
    other_tenant = event.model_copy(update={"event_id": uuid.uuid4(), "tenant_id": uuid.uuid4()})
    for e in (event, event, other_tenant):
        async with runtime.db.uow() as uow:
            await on_account_created(e, uow)
            await uow.commit()
    async with runtime.db.uow() as uow:
        rows = (await uow.session.scalars(sa.select(KnownAccount).where(
            KnownAccount.account_id == event.payload.account_id))).all()
    assert [(r.tenant_id, r.network) for r in rows] == [(publisher.tenant_id, "mastodon")], "the first owner stays"


async def _credentials(runtime, account_id) -> AccountCredentials:
    async with runtime.db.uow() as uow:
        return await uow.session.get(AccountCredentials, account_id)
