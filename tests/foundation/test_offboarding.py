"""Every table of every service is exported and deleted with its tenant, or excused with a reason; secrets are
withheld from exports; the export route takes an admin key."""
import importlib
import uuid

import pytest
import sqlalchemy as sa
import yaml

from smmkit import events as ev
from smmkit import offboarding, tenancy
from smmkit.offboarding import TenantData
from tests.conftest import ROOT
from tests.utils.apps import SERVICES


def _tenant_data(service: str) -> TenantData:
    return importlib.import_module(f"{service}.tenant_data").TENANT_DATA


@pytest.mark.parametrize("service", offboarding.SERVICES)
def test_every_table_of_the_service_is_the_tenants_or_excused(service):
    data = _tenant_data(service)
    assert data.service == service
    assert offboarding.unclassified(data) == []
    scoped = {t.name for t in offboarding.scopes(data, uuid.uuid4())}
    assert scoped | set(data.excluded()) == {t.name for t in data.metadata.sorted_tables}
    assert {"outbox", "dead_letters"} <= scoped, "the tenant's events and dead letters are deleted too"


def _metadata() -> tuple[sa.MetaData, sa.Table]:
    md = sa.MetaData(schema="demo")
    parent = sa.Table("notebooks", md, sa.Column("id", sa.Uuid, primary_key=True), sa.Column("tenant_id", sa.Uuid))
    return md, parent


def test_a_new_table_with_no_tenant_column_nor_reason_is_reported():
    md, _ = _metadata()
    sa.Table("stray", md, sa.Column("id", sa.Uuid, primary_key=True), sa.Column("owner", sa.Text))
    assert offboarding.unclassified(TenantData("demo", md)) == [
        "demo.stray: no tenant column, no foreign key to a tenant's table and no reason in no_tenant_data"]
    assert offboarding.unclassified(TenantData("demo", md, no_tenant_data={"stray": "global settings"})) == []
    assert offboarding.unclassified(TenantData("demo", md, no_tenant_data={"stray": "x", "gone": "y"})) == [
        "gone: named in TenantData but no such table"]


def test_a_table_without_a_tenant_column_is_scoped_through_its_foreign_key():
    md, parent = _metadata()
    pages = sa.Table("pages", md, sa.Column("id", sa.Uuid, primary_key=True),
                     sa.Column("notebook_id", sa.Uuid, sa.ForeignKey("demo.notebooks.id")))
    tenant = uuid.uuid4()
    where = offboarding.scopes(TenantData("demo", md), tenant)
    assert list(where) == [parent, pages], "parents first (exported first, deleted last)"
    sql = str(where[pages].compile(compile_kwargs={"literal_binds": True}))
    assert "demo.pages.notebook_id IN (SELECT demo.notebooks.id" in sql and tenant.hex in sql.replace("-", "")


def test_secrets_and_hashes_are_withheld_from_exports():
    withheld = {(s, t.name): offboarding.withheld(t) for s in offboarding.SERVICES
                for t in _tenant_data(s).metadata.sorted_tables}
    assert withheld[("publisher", "account_credentials")] == ["secret"]
    assert withheld[("metrics", "accounts")] == ["secret"]
    assert withheld[("planner", "webhooks")] == ["secret_encrypted"]
    assert withheld[("attribution", "shop_secrets")] == ["secret"]
    assert "alert_webhook_secret" in withheld[("attribution", "tenant_config")]
    assert withheld[("web", "tenants")] == ["api_key_enc"]
    assert withheld[("web", "users")] == ["password_hash"]
    assert withheld[("web", "sessions")] == ["token_hash"]


def test_deletion_progress_names_the_tenant_by_a_digest_never_its_id():
    tenant = uuid.uuid4()
    assert offboarding.digest(tenant) == offboarding.digest(uuid.UUID(str(tenant)))
    assert str(tenant) not in offboarding.digest(tenant) and tenant.hex not in offboarding.digest(tenant)


def test_the_tenants_own_export_needs_an_admin_key():
    """Read from the platform's merged OpenAPI document (kept in step with the services by tests/contract)."""
    doc = yaml.load((ROOT / "docs" / "openapi.yaml").read_text(), Loader=yaml.CSafeLoader)
    for service in SERVICES:
        assert doc["paths"][f"/v1/{service}/export"]["get"]["x-required-scope"] == "admin", service
        assert f"/v1/{service}/admin/tenants/{{tenant_id}}/export" in doc["paths"], service
    assert {"post", "get"} <= doc["paths"]["/v1/admin/tenants/{tenant_id}/deletion"].keys()


def _confirmed(deletion_id, service: str) -> ev.TenantDataDeleted:
    return ev.TenantDataDeleted(deletion_id=deletion_id, service=service, rows_deleted=1, redis_keys_deleted=0,
                                deleted_at=ev.utcnow())


async def test_deletion_is_idempotent_and_the_tenancy_rows_go_last(db):
    issued = await tenancy.create_tenant(db.engine, "Leaving")
    tenant = issued.tenant.id
    notes = "offboarding_test_key_notes"  # as another module's tenancy table, referencing the keys
    async with db.engine.begin() as conn:
        await conn.execute(sa.text(f"CREATE TABLE tenancy.{notes} (key_id uuid REFERENCES tenancy.api_keys(id), "
                                   "tenant_id uuid NOT NULL)"))
        await conn.execute(sa.text(f"INSERT INTO tenancy.{notes} SELECT id, tenant_id FROM tenancy.api_keys "
                                   "WHERE tenant_id = :t"), {"t": tenant})
    outbox = db.messaging.outbox
    announced = sa.select(sa.func.count()).select_from(outbox).where(outbox.c.tenant_id == tenant)
    try:
        async with db.uow() as uow:
            first = await offboarding.request_deletion(uow=uow, tenant_id=tenant)
            await uow.commit()
        async with db.uow() as uow:  # asked again: the same deletion, announced again
            again = await offboarding.request_deletion(uow=uow, tenant_id=tenant)
            await uow.commit()
        assert first.status == again.status == "in_progress" and first.deletion_id == again.deletion_id
        async with db.engine.connect() as conn:
            assert await conn.scalar(announced) == 2
            assert await conn.scalar(sa.select(tenancy.tenants.c.status).where(tenancy.tenants.c.id == tenant)) \
                == "suspended"
        for service in offboarding.SERVICES:
            async with db.engine.connect() as conn:  # every key stays until the last confirmation
                assert await conn.scalar(sa.select(sa.func.count()).select_from(tenancy.api_keys)
                                         .where(tenancy.api_keys.c.tenant_id == tenant)) == 1
            async with db.uow() as uow:
                await offboarding.record_confirmation(uow=uow, tenant_id=tenant,
                                                      confirmed=_confirmed(first.deletion_id, service))
                await uow.commit()
        async with db.engine.connect() as conn:
            for table in ("tenants", "api_keys", notes):
                column = "id" if table == "tenants" else "tenant_id"
                assert await conn.scalar(sa.text(f"SELECT count(*) FROM tenancy.{table} WHERE {column} = :t"),
                                         {"t": tenant}) == 0, table
        async with db.uow() as uow:  # late duplicate and a new request: the completed record, nothing announced
            await offboarding.record_confirmation(uow=uow, tenant_id=tenant,
                                                  confirmed=_confirmed(first.deletion_id, "planner"))
            done = await offboarding.request_deletion(uow=uow, tenant_id=tenant)
            await uow.commit()
        assert done.status == "completed" and done.deletion_id == first.deletion_id
        assert {s.service: s.status for s in done.services} == {s: "deleted" for s in offboarding.SERVICES}
        async with db.engine.connect() as conn:
            assert await conn.scalar(announced) == 2
        async with db.uow() as uow:
            assert await offboarding.request_deletion(uow=uow, tenant_id=uuid.uuid4()) is None
    finally:
        async with db.engine.begin() as conn:
            await conn.execute(sa.text(f"DROP TABLE IF EXISTS tenancy.{notes}"))
