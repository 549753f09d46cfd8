"""Plans: the operator's plans and assignments, each quota refused at its boundary with a 402 naming it, no race
past a limit, a plan change applying at once (the API rate within seconds), and one tenant's quota never another's."""
import asyncio
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from smmkit.plans import QUOTA_EXCEEDED
from tests.utils.polling import eventually

WHEN = datetime(2031, 6, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def operator(client, planner_settings):
    headers = {"Authorization": f"Bearer {planner_settings.operator_token}"}

    class Operator:
        async def plan(self, **limits) -> str:
            name = f"t-{uuid.uuid4().hex[:10]}"
            resp = await client.put(f"/admin/plans/{name}", json=limits, headers=headers)
            assert resp.status_code == 200, resp.text
            return name

        async def assign(self, tenant, plan: str) -> dict:
            resp = await client.put(f"/admin/tenants/{tenant.id}/plan", json={"plan": plan}, headers=headers)
            assert resp.status_code == 200, resp.text
            return resp.json()

        async def get(self, path: str):
            return await client.get(path, headers=headers)

        async def put(self, path: str, body: dict):
            return await client.put(path, json=body, headers=headers)

    return Operator()


def post_on(account: str, text: str = "hello") -> dict:
    return {"text": text, "scheduled_at": WHEN.isoformat(), "targets": [{"account_id": account}]}


def assert_quota(resp, limit: str, allowed: int, used: int) -> None:
    assert resp.status_code == 402, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert (body["type"], body["limit"], body["allowed"], body["used"]) == (QUOTA_EXCEEDED, limit, allowed, used)


async def test_operator_lists_the_named_plans_and_reads_and_assigns_a_tenants(operator, tenant):
    listed = {p["name"]: p for p in (await operator.get("/admin/plans?limit=200")).json()["items"]}
    assert {"free", "standard", "pro", "agency"} <= set(listed)
    assert listed["free"]["connected_accounts"] == 3 and listed["free"]["metrics_poll_bands"][0]["every_s"] == 900
    assert listed["standard"]["posts_per_month"] is None, "the default plan: the platform's defaults"
    own = (await tenant.get("/plan")).json()
    assert own["plan"]["name"] == "standard" and own["assigned_at"] is None
    assigned = await operator.assign(tenant, "pro")
    assert assigned["plan"]["name"] == "pro" and assigned["assigned_at"] is not None
    assert (await operator.get(f"/admin/tenants/{tenant.id}/plan")).json()["plan"]["posts_per_month"] == 1000
    assert (await operator.put(f"/admin/tenants/{tenant.id}/plan", {"plan": "gold"})).status_code == 404
    assert (await operator.put(f"/admin/tenants/{uuid.uuid4()}/plan", {"plan": "pro"})).status_code == 404
    assert (await tenant.put(f"/admin/tenants/{tenant.id}/plan", json={"plan": "agency"})).status_code == 401


async def test_posts_per_month_at_the_boundary_then_a_plan_change_applies_at_once(operator, new_tenant):
    a, b = await new_tenant("posts A"), await new_tenant("posts B")
    two = await operator.plan(posts_per_month=2)
    for t in (a, b):
        await operator.assign(t, two)
    acc = await a.account()
    assert (await a.post("/posts", json=post_on(acc))).status_code == 201
    csv = f"scheduled_at,accounts,text\n{WHEN.isoformat()},{acc},one\n{WHEN.isoformat()},{acc},two\n".encode()
    assert_quota(await a.post("/imports/posts", content=csv, headers={"content-type": "text/csv"}),
                 "posts_per_month", 2, 1)
    assert (await a.post("/posts", json=post_on(acc, "second"))).status_code == 201
    assert_quota(await a.post("/posts", json=post_on(acc, "third")), "posts_per_month", 2, 2)
    assert_quota(await a.post("/queue", json={"text": "queued", "account_ids": [acc]}), "posts_per_month", 2, 2)
    use = (await a.get("/plan")).json()["use"]
    assert use["posts_this_month"] == 2 and use["connected_accounts"] == 1

    acc_b = await b.account()
    assert (await b.post("/posts", json=post_on(acc_b))).status_code == 201, "A's quota is not B's"

    await operator.put(f"/admin/plans/{two}", {"posts_per_month": 3})
    assert (await a.post("/posts", json=post_on(acc, "third"))).status_code == 201
    assert_quota(await a.post("/posts", json=post_on(acc, "fourth")), "posts_per_month", 3, 3)
    await operator.assign(a, "standard")
    assert (await a.post("/posts", json=post_on(acc, "fourth"))).status_code == 201


async def test_two_concurrent_posts_at_the_last_place_exactly_one_wins(operator, tenant):
    plan = await operator.plan(posts_per_month=3)
    await operator.assign(tenant, plan)
    acc = await tenant.account()
    for i in range(2):
        assert (await tenant.post("/posts", json=post_on(acc, f"p{i}"))).status_code == 201
    for allowed in (3, 4):  # twice: a lucky interleaving must not make it pass
        answers = await asyncio.gather(*(tenant.post("/posts", json=post_on(acc, f"race {i}")) for i in range(2)))
        assert sorted(r.status_code for r in answers) == [201, 402], [r.text for r in answers]
        assert (await tenant.get("/plan")).json()["use"]["posts_this_month"] == allowed
        await operator.put(f"/admin/plans/{plan}", {"posts_per_month": allowed + 1})


async def test_connected_accounts_at_the_boundary_concurrently_and_per_tenant(operator, new_tenant):
    a, b = await new_tenant("accounts A"), await new_tenant("accounts B")
    two = await operator.plan(connected_accounts=2)
    for t in (a, b):
        await operator.assign(t, two)
    await a.account()

    def body():
        return {"network": "mastodon", "handle": f"@{uuid.uuid4().hex[:8]}", "account_ref": uuid.uuid4().hex[:8]}

    answers = await asyncio.gather(*(a.post("/accounts", json=body()) for _ in range(2)))
    assert sorted(r.status_code for r in answers) == [201, 402], [r.text for r in answers]
    assert_quota(next(r for r in answers if r.status_code == 402), "connected_accounts", 2, 2)
    assert len((await a.get("/accounts")).json()["items"]) == 2
    assert (await b.post("/accounts", json=body())).status_code == 201, "A's accounts are not B's"


async def test_a_recurring_rule_stops_making_posts_at_the_plans_quota(operator, tenant, runtime):
    from planner.schedules import service as schedules
    from smmkit.events import utcnow

    await operator.assign(tenant, await operator.plan(posts_per_month=2))
    acc = await tenant.account()
    start = utcnow().replace(microsecond=0) + timedelta(hours=1)
    resp = await tenant.post("/recurrences", json={
        "rrule": "FREQ=HOURLY;COUNT=5", "dtstart": start.replace(tzinfo=None).isoformat(), "timezone": "UTC",
        "text": "hourly", "account_ids": [acc]})
    assert resp.status_code == 201, resp.text
    async with runtime.db.uow() as uow:
        await schedules.materialize(uow=uow, now=utcnow(), horizon=timedelta(hours=7))
    assert (await tenant.get("/plan")).json()["use"]["posts_this_month"] == 2


async def test_the_api_rate_per_key_comes_from_the_plan_within_seconds(operator, new_tenant):
    a, b = await new_tenant("rate A"), await new_tenant("rate B")
    assert (await a.get("/plan")).status_code == 200  # the deployment's rate (the tests': a million) is cached
    await operator.assign(a, await operator.plan(api_requests_per_minute=3))

    async def limited():
        resp = await a.get("/plan")
        return resp if resp.status_code == 429 else None

    refused = await eventually(limited, timeout_s=15, interval_s=0.2, what="the plan's rate of 3 a minute")
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["content-type"] == "application/problem+json"
    assert (await b.get("/plan")).status_code == 200, "A's rate is not B's"
