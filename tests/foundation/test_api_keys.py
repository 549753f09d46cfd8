"""Scoped keys and rotation with overlap, at the level of TenantAuth and the key service functions."""
from datetime import UTC, datetime, timedelta

import pytest

from smmkit import apikeys
from smmkit.db import make_engine
from smmkit.problems import Conflict, NotFound
from smmkit.tenancy import ScopeRules, TenantAuth, create_tenant, grants


@pytest.fixture
async def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_a_rotated_key_works_until_its_overlap_ends_even_from_the_cache(engine):
    tenant = await create_tenant(engine, "Rotating")
    publish = await apikeys.issue(engine=engine, tenant_id=tenant.tenant.id, scopes=["publish"], name="ci")
    clock = Clock()
    assert (await TenantAuth(engine, clock=clock).grant_for_key(publish.api_key)).scopes == ("publish",)

    successor = await apikeys.rotate(engine=engine, tenant_id=tenant.tenant.id, key_id=publish.key.id, overlap_s=60)
    assert successor.key.scopes == ["publish"] and successor.key.name == "ci"
    # A long cache TTL: the deadline read with the key applies exactly, from the cache too.
    auth = TenantAuth(engine, ttl_s=3600, clock=clock)
    clock.now = datetime.now(UTC) + timedelta(seconds=50)
    assert (await auth.grant_for_key(publish.api_key)).tenant_id == tenant.tenant.id, "within the overlap"
    assert await auth.tenant_for_key(successor.api_key) == tenant.tenant.id
    clock.now = datetime.now(UTC) + timedelta(seconds=61)
    assert await auth.grant_for_key(publish.api_key) is None, "past the overlap: refused"
    assert await auth.tenant_for_key(successor.api_key) == tenant.tenant.id, "the successor goes on"

    listed = {k.id: k for k in await apikeys.list_keys(engine=engine, tenant_id=tenant.tenant.id)}
    assert listed[publish.key.id].status == "expiring" and listed[publish.key.id].replaced_by == successor.key.id
    assert listed[publish.key.id].last_used_at is not None
    assert listed[successor.key.id].status == "active"
    with pytest.raises(Conflict):  # one successor per key
        await apikeys.rotate(engine=engine, tenant_id=tenant.tenant.id, key_id=publish.key.id, overlap_s=0)


async def test_a_tenant_cannot_touch_another_tenants_keys(engine):
    a = await create_tenant(engine, "Key owner A")
    b = await create_tenant(engine, "Key thief B")
    key_a = (await apikeys.list_keys(engine=engine, tenant_id=a.tenant.id))[0]
    assert key_a.scopes == ["admin"], "the tenant's first key has full scope"
    with pytest.raises(NotFound):
        await apikeys.revoke(engine=engine, tenant_id=b.tenant.id, key_id=key_a.id)
    with pytest.raises(NotFound):
        await apikeys.rotate(engine=engine, tenant_id=b.tenant.id, key_id=key_a.id, overlap_s=0)
    assert [k.revoked_at for k in await apikeys.list_keys(engine=engine, tenant_id=a.tenant.id)] == [None]
    assert await apikeys.list_keys(engine=engine, tenant_id=b.tenant.id) != []


def test_scope_rules_default_to_read_for_get_and_admin_for_writes_with_exceptions():
    rules = ScopeRules({"WRITE /posts": "publish", "POST /orders": "orders-ingest", "GET /api-keys": "admin"})
    assert rules.needed("GET", "/posts/{post_id}") == "read-only"
    assert rules.needed("PATCH", "/posts/{post_id}/schedule") == "publish"
    assert rules.needed("POST", "/postsx") == "admin", "a prefix is a whole path segment"
    assert rules.needed("POST", "/orders") == "orders-ingest"
    assert rules.needed("GET", "/orders") == "read-only"
    assert rules.needed("GET", "/api-keys") == "admin"
    assert rules.needed("PUT", "/brands/{brand_id}") == "admin"
    assert grants(["admin"], "orders-ingest") and grants(["publish"], "read-only")
    assert not grants(["orders-ingest"], "read-only") and not grants(["read-only"], "publish")
    with pytest.raises(ValueError):
        ScopeRules({"GET /x": "superuser"})


def test_every_tenant_operation_documents_its_scope_and_403():
    from smmkit.settings import CommonSettings
    from tests.utils.apps import SERVICES, build

    docs = {service: build(service, CommonSettings()).openapi() for service in SERVICES}
    assert docs["attribution"]["paths"]["/orders"]["post"]["x-required-scope"] == "orders-ingest"
    assert docs["planner"]["paths"]["/posts/{post_id}"]["patch"]["x-required-scope"] == "publish"
    assert docs["planner"]["paths"]["/api-keys"]["get"]["x-required-scope"] == "admin"
    assert docs["metrics"]["paths"]["/settings/schedule"]["put"]["x-required-scope"] == "admin"
    assert "x-required-scope" not in docs["planner"]["paths"]["/admin/tenants"]["get"], "operator routes: no scope"
    for doc in docs.values():
        for path, item in doc["paths"].items():
            for method, operation in item.items():
                if "x-required-scope" in operation:
                    assert "application/problem+json" in operation["responses"]["403"]["content"], (path, method)
