"""Suspension: within seconds every service refuses a suspended tenant (403 problem+json "Tenant suspended"), its
shop webhooks and review links too, while its tracked-link redirects go on; another tenant is untouched, and
reactivation restores everything. And the audit log: every successful write, with who, what, where from;
the operator reads any tenant's, a tenant only its own.

The four services run in-process (no jobs, no consumers but attribution's) on the session's database.
"""
from __future__ import annotations

import asyncio
import uuid
import warnings
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from planner.posts import review
from smmkit.links import sign_link
from smmkit.tenancy import create_tenant

from tests.utils.apps import SERVICES, build
from tests.utils.polling import eventually

OPERATOR = {"Authorization": "Bearer test-operator-token"}


@pytest.fixture(scope="module")
async def services(settings, topics):
    apps = {name: build(name, settings, **({"click_stream": f"suspension:{uuid.uuid4().hex[:8]}"}
                                           if name == "attribution" else {})) for name in SERVICES}
    lifespans = [app.router.lifespan_context(app) for app in apps.values()]
    for lifespan in lifespans:
        await lifespan.__aenter__()
    clients = {name: httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("203.0.113.7", 4711)),
                                       base_url=f"http://{name}") for name, app in apps.items()}
    try:
        yield clients
    finally:
        for client in clients.values():
            await client.aclose()
        for lifespan in lifespans:
            try:
                await asyncio.wait_for(lifespan.__aexit__(None, None, None), 30)
            except TimeoutError:
                warnings.warn("a service did not stop within 30 s", stacklevel=1)


async def _tenant(settings, name: str):
    from smmkit.db import make_engine

    engine = make_engine(settings.database_url)
    try:
        issued = await create_tenant(engine, name)
    finally:
        await engine.dispose()
    return issued.tenant.id, {"Authorization": f"Bearer {issued.api_key}"}


def _calls(settings, tenant_id: uuid.UUID, key: dict) -> dict[str, tuple[str, str, str, dict]]:
    """One tenant call per service, the tenant's public webhooks and review link: (service, method, path, headers)."""
    token, _ = review.sign(secret_keys=settings.secret_keys, tenant_id=tenant_id, post_id=uuid.uuid4(),
                           reviewer="rita", now=datetime.now(UTC), expires_in=timedelta(hours=1))
    return {
        "planner API": ("planner", "GET", "/posts", key),
        "publisher API": ("publisher", "GET", f"/targets/{uuid.uuid4()}", key),
        "metrics API": ("metrics", "GET", "/settings/schedule", key),
        "attribution API": ("attribution", "GET", "/settings", key),
        "orders API": ("attribution", "POST", "/orders", key),
        "shopify webhook": ("attribution", "POST", f"/webhooks/shopify/{tenant_id}", {}),
        "woocommerce webhook": ("attribution", "POST", f"/webhooks/woocommerce/{tenant_id}", {}),
        "review link": ("planner", "GET", f"/review/{token}", {}),
    }


async def _statuses(services, calls) -> dict[str, int]:
    async def one(service, method, path, headers):
        resp = await services[service].request(method, path, headers=headers, json={} if method == "POST" else None)
        if resp.status_code == 403:
            assert resp.headers["content-type"] == "application/problem+json"
            assert resp.json()["title"] == "Tenant suspended", resp.text
        return resp.status_code

    codes = await asyncio.gather(*(one(*call) for call in calls.values()))
    return dict(zip(calls, codes))


async def test_a_suspended_tenant_is_refused_everywhere_within_seconds_but_its_links_redirect(settings, services):
    a_id, a_key = await _tenant(settings, "Suspended A")
    b_id, b_key = await _tenant(settings, "Bystander B")
    a_calls, b_calls = _calls(settings, a_id, a_key), _calls(settings, b_id, b_key)
    link = sign_link(settings.tracking_secret, uuid.uuid4(), "https://shop.example/p/1")

    before = await _statuses(services, a_calls)
    assert 403 not in before.values(), before
    assert (await services["attribution"].get(f"/r/{link}")).status_code == 302

    resp = await services["planner"].post(f"/admin/tenants/{a_id}/suspend", headers=OPERATOR)
    assert resp.status_code == 200 and resp.json()["status"] == "suspended"

    async def a_refused_everywhere():
        codes = await _statuses(services, a_calls)
        return all(code == 403 for code in codes.values()) and codes
    await eventually(a_refused_everywhere, timeout_s=10, interval_s=0.2, what="every service refusing tenant A")

    # the posted link goes on working; tenant B is not touched
    resp = await services["attribution"].get(f"/r/{link}")
    assert resp.status_code == 302 and resp.headers["location"].startswith("https://shop.example/p/1")
    assert await _statuses(services, b_calls) == before, "tenant B answers as tenant A did before"

    resp = await services["planner"].post(f"/admin/tenants/{a_id}/activate", headers=OPERATOR)
    assert resp.status_code == 200 and resp.json()["status"] == "active"

    async def a_served_again():
        codes = await _statuses(services, a_calls)
        return codes == before and codes
    await eventually(a_served_again, timeout_s=10, interval_s=0.2, what="every service serving tenant A again")


async def test_every_successful_write_is_audited_and_a_tenant_reads_only_its_own(settings, services):
    a_id, a_key = await _tenant(settings, "Audited A")
    b_id, b_key = await _tenant(settings, "Audited B")
    planner, attribution = services["planner"], services["attribution"]

    web_user = {**a_key, "X-Actor": "ada@example.com", "X-Correlation-ID": "audit-corr-1"}
    brand = await planner.post("/brands", json={"name": "Audited brand"}, headers=web_user)
    assert brand.status_code == 201, brand.text
    brand_id = brand.json()["id"]
    renamed = await planner.patch(f"/brands/{brand_id}", json={"name": "Renamed"}, headers=a_key)
    assert renamed.status_code == 200, renamed.text
    assert (await attribution.patch("/settings", json={"gross_margin_bp": 4000}, headers=a_key)).status_code == 200
    assert (await planner.post("/brands", json={"name": ""}, headers=a_key)).status_code == 422  # failed: no entry
    assert (await planner.get("/brands", headers=a_key)).status_code == 200  # a read: no entry
    assert (await planner.post("/brands", json={"name": "B's"}, headers=b_key)).status_code == 201
    issued = await planner.post(f"/admin/tenants/{a_id}/api-keys", json={"scopes": ["read-only"], "name": "ci"},
                                headers=OPERATOR)
    assert issued.status_code == 201

    own = await planner.get("/audit", headers=a_key)
    assert own.status_code == 200, own.text
    entries = own.json()["items"]
    assert [e["action"] for e in entries] == [
        "POST /admin/tenants/{tenant_id}/api-keys", "PATCH /settings", "PATCH /brands/{brand_id}", "POST /brands"]
    created = entries[-1]
    assert created["actor"].startswith("key:") and created["on_behalf_of"] == "ada@example.com"
    assert created["service"] == "planner" and created["status"] == 201
    assert created["source"] == "203.0.113.7" and created["correlation_id"] == "audit-corr-1"
    assert entries[-2]["target"] == {"brand_id": brand_id}
    assert entries[1]["service"] == "attribution"
    assert entries[0]["actor"] == "operator" and entries[0]["target"] == {"tenant_id": str(a_id)}
    assert "Audited brand" not in own.text and "Renamed" not in own.text, "never a body"

    # B sees only its own entry; the operator reads A's, filtered and a page at a time
    theirs = (await planner.get("/audit", headers=b_key)).json()["items"]
    assert [(e["action"], e["target"]) for e in theirs] == [("POST /brands", {})]
    page = (await planner.get(f"/admin/tenants/{a_id}/audit", params={"limit": 2}, headers=OPERATOR)).json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = (await planner.get(f"/admin/tenants/{a_id}/audit", params={"cursor": page["next_cursor"]},
                              headers=OPERATOR)).json()
    assert [e["id"] for e in page["items"] + rest["items"]] == [e["id"] for e in entries]
    assert rest["next_cursor"] is None
    only = (await planner.get(f"/admin/tenants/{a_id}/audit", params={"action": "POST /brands"},
                              headers=OPERATOR)).json()["items"]
    assert [e["id"] for e in only] == [created["id"]]
    by_operator = (await planner.get(f"/admin/tenants/{a_id}/audit", params={"actor": "operator"},
                                     headers=OPERATOR)).json()["items"]
    assert [e["id"] for e in by_operator] == [entries[0]["id"]]
    future = (await planner.get(f"/admin/tenants/{a_id}/audit", headers=OPERATOR,
                                params={"since": (datetime.now(UTC) + timedelta(hours=1)).isoformat()})).json()
    assert future["items"] == []
    assert (await planner.get(f"/admin/tenants/{uuid.uuid4()}/audit", headers=OPERATOR)).status_code == 404
    assert (await planner.get(f"/admin/tenants/{b_id}/audit", headers=a_key)).status_code == 401, \
        "a tenant's key is no operator token"


async def test_a_deleted_tenant_stays_refused_though_its_row_is_gone(settings):
    """Offboarding suspends the tenant, then deletes its tenancy rows: a process that cached one of its keys
    before the deletion must not serve it again once the row (and with it the suspension) is gone."""
    import sqlalchemy as sa

    from smmkit.db import make_engine
    from smmkit.tenancy import Suspensions, TenantSuspended, api_keys, tenants

    engine = make_engine(settings.database_url)
    try:
        leaving = (await create_tenant(engine, "Leaving")).tenant.id
        paused = (await create_tenant(engine, "Paused")).tenant.id
        suspensions = Suspensions(engine)
        async with engine.begin() as conn:
            await conn.execute(sa.update(tenants).where(tenants.c.id.in_([leaving, paused])).values(status="suspended"))
        await suspensions.refresh()
        async with engine.begin() as conn:  # one deleted, the other reactivated
            await conn.execute(sa.delete(api_keys).where(api_keys.c.tenant_id == leaving))
            await conn.execute(sa.delete(tenants).where(tenants.c.id == leaving))
            await conn.execute(sa.update(tenants).where(tenants.c.id == paused).values(status="active"))
        await suspensions.refresh()
        with pytest.raises(TenantSuspended):
            suspensions.refuse(leaving)
        suspensions.refuse(paused)  # reactivated: served again
        await suspensions.refresh()
        assert leaving in suspensions and paused not in suspensions
    finally:
        await engine.dispose()
