"""Offboarding on the running platform: a tenant with data in every service is exported as one archive, then
deleted by an event every service handles; afterwards no table of any schema and no Redis key holds its id,
and another tenant's data is untouched."""
import asyncio
import io
import json
import re
import uuid
import zipfile
from datetime import date, datetime, timezone

import asyncpg
import httpx
import pytest
import redis

from smmkit import offboarding, stack
from tests.integration.conftest import Api, create_tenant, put_credentials
from tests.integration.test_walking_skeleton import connect_mastodon_account, wait_target_status
from tests.utils.polling import eventually_sync


@pytest.fixture(scope="module")
def web(platform) -> str:
    """The web app as a process on the platform (it holds users and the tenant's key, and deletes them too)."""
    port = stack.free_port()
    proc = stack.web_process(platform, port).start()
    try:
        proc.wait_healthy(60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop()


def _fill(platform, settings, web: str, tenant: dict, ref: str, *, publish: bool = True) -> Api:
    """A tenant with rows in every service: account, credentials, webhook, cost, shop secret, order, its web app
    link with an invitation and (``publish``) a post published with a tracked link, engagement and a click."""
    api = Api(platform, tenant["api_key"])
    account = connect_mastodon_account(api, ref)
    put_credentials(api.metrics, account, {"network": "mastodon", "account_ref": ref,
                                           "credentials": {"access_token": f"sbx-{ref}"}})
    assert api.planner.post("/webhooks", json={"url": "http://127.0.0.1:9/hook"}).status_code == 201
    assert api.attribution.put("/shop-secrets/shopify", json={"secret": "shpss_" + uuid.uuid4().hex}).status_code == 204
    assert api.attribution.post("/costs", json={"amount_minor": 1000, "currency": "EUR", "period_start": str(date.today()),
                                                "period_end": str(date.today())}).status_code == 201
    resp = httpx.post(f"{web}/operator/api/tenants", headers={"Authorization": f"Bearer {settings.operator_token}"},
                      json={"name": tenant["tenant"]["name"], "owner_email": f"owner-{ref}@example.com",
                            "tenant_id": tenant["tenant"]["id"], "api_key": tenant["api_key"]})
    assert resp.status_code in (200, 201), resp.text
    if not publish:
        assert api.attribution.post("/orders", json={"id": f"O-{ref}", "total_minor": 100, "currency": "EUR",
                                                     "ordered_at": datetime.now(timezone.utc).isoformat()}
                                    ).status_code == 202
        return api
    text = f"Leaving soon {uuid.uuid4().hex[:6]}"
    resp = api.planner.post("/posts", json={"text": text, "scheduled_at": datetime.now(timezone.utc).isoformat(),
                                            "links": ["https://shop.example/bye"], "targets": [{"account_id": account}]})
    assert resp.status_code == 201, resp.text
    target = wait_target_status(api, resp.json()["id"], "published")["id"]
    posted = httpx.get(f"{platform.url('sandbox')}/_sandbox/posts", params={"network": "mastodon"}).json()["posts"]
    token = re.search(r"/r/([A-Za-z0-9_-]+)", next(p["text"] for p in posted if p["text"].startswith(text))).group(1)
    browser = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
    assert httpx.get(f"{platform.url('attribution')}/r/{token}", headers=browser).status_code == 302
    assert api.attribution.post("/orders", json={"id": f"O-{ref}", "ordered_at": datetime.now(timezone.utc).isoformat(),
                                                 "total_minor": 4200, "currency": "EUR",
                                                 "utm": {"content": target}}).status_code == 202
    eventually_sync(lambda: (r := api.metrics.get(f"/targets/{target}/engagement")).status_code == 200
                    and r.json()["points"], what="a first engagement point")
    eventually_sync(lambda: api.attribution.get("/reports/posts").json()["rows"], what="order attributed")
    api.token, api.target = token, target
    return api


async def _rows_holding(database_url: str, needle: str) -> dict[str, int]:
    """Every table of every schema: rows with a uuid column equal to ``needle`` or a text/json column containing
    it -> "schema.table.column": count."""
    conn = await asyncpg.connect(database_url)
    try:
        columns = await conn.fetch(
            "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) WHERE t.table_type = 'BASE TABLE' "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema') "
            "AND data_type IN ('uuid', 'text', 'character varying', 'jsonb', 'json', 'ARRAY')")
        found = {}
        for c in columns:
            column = f'"{c["table_schema"]}"."{c["table_name"]}"."{c["column_name"]}"'
            where = (f'"{c["column_name"]}" = $1::uuid' if c["data_type"] == "uuid"
                     else f'strpos("{c["column_name"]}"::text, $1) > 0')
            n = await conn.fetchval(f'SELECT count(*) FROM "{c["table_schema"]}"."{c["table_name"]}" WHERE {where}',
                                    needle)
            if n:
                found[column] = n
        return found
    finally:
        await conn.close()


async def _count(database_url: str, sql: str, *args) -> int:
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


class _Leftovers(dict):
    """Rows found still holding the id (falsy, so ``eventually_sync`` keeps polling and then shows them)."""

    def __bool__(self) -> bool:
        return False


def _redis_keys(platform, needle: str) -> list[bytes]:
    client = redis.Redis.from_url(platform.env["REDIS_URL"])
    try:
        return list(client.scan_iter(match=f"*{needle}*", count=1000))
    finally:
        client.close()


# rows that jobs consume as they go (the rollup's days to recompute): fewer later is the job's work, not a loss
WORK_QUEUES = {'"attribution"."report_dirty_days"."tenant_id"'}


def test_a_tenant_is_exported_then_deleted_everywhere_and_another_is_untouched(platform, settings, web):
    operator = {"Authorization": f"Bearer {settings.operator_token}"}
    leaving, staying = create_tenant(platform, settings, "Leaving Ltd"), create_tenant(platform, settings, "Staying")
    gone, kept = leaving["tenant"]["id"], staying["tenant"]["id"]
    api = _fill(platform, settings, web, leaving, "4101")
    _fill(platform, settings, web, staying, "4102", publish=False)
    database = platform.env["DATABASE_URL"]
    before_kept = eventually_sync(lambda: (found := asyncio.run(_rows_holding(database, kept)))
                                  .get('"attribution"."orders"."tenant_id"') and found, what="the other's order")
    assert _redis_keys(platform, gone), "the tenant has Redis keys (API calls counted) before its deletion"

    # Export: one archive of every service, with a manifest; secrets withheld; nothing of the other tenant.
    sources = {name: platform.url(name) for name in stack.SERVICE_PORTS} | {"web": web}
    archive = zipfile.ZipFile(io.BytesIO(offboarding.write_archive(sources, gone, token=settings.operator_token)))
    manifest = json.loads(archive.read("manifest.json"))
    assert [s["service"] for s in manifest["services"]] == list(sources)
    rows = {(s["service"], t["table"]): t["rows"] for s in manifest["services"] for t in s["tables"]}
    for table in [("planner", "posts"), ("planner", "webhooks"), ("publisher", "publish_targets"),
                  ("publisher", "account_credentials"), ("metrics", "engagement_points"), ("attribution", "orders"),
                  ("attribution", "costs"), ("attribution", "shop_secrets"), ("web", "tenants"), ("web", "invites")]:
        assert rows[table] >= 1, table
    planner = next(s for s in manifest["services"] if s["service"] == "planner")
    assert planner["schema_version"] and planner["not_exported"].keys() == {"outbox", "dead_letters"}
    credentials = next(t for s in manifest["services"] for t in s["tables"] if t["table"] == "account_credentials")
    assert "secret" in credentials["withheld_columns"]
    for name in archive.namelist():
        content = archive.read(name).decode()
        assert kept not in content and "sbx-4101" not in content and "shpss_" not in content, name
        for line in content.splitlines() if name != "manifest.json" else []:
            row = json.loads(line)
            assert row.get("tenant_id", gone) == gone, (name, row)
    own = api.planner.get("/export")  # the tenant's own export, with its admin key
    assert own.status_code == 200 and json.loads(own.text.splitlines()[0])["service"] == "planner"

    # Deletion: requested once, confirmed by every service, the tenancy rows last.
    resp = httpx.post(f"{platform.url('planner')}/admin/tenants/{gone}/deletion", headers=operator)
    assert resp.status_code == 202, resp.text
    assert resp.json()["status"] == "in_progress"
    eventually_sync(lambda: api.planner.get("/posts").status_code == 401, what="the tenant's key refused")
    progress = eventually_sync(lambda: (r := httpx.get(f"{platform.url('planner')}/admin/tenants/{gone}/deletion",
                                                       headers=operator).json())["status"] == "completed" and r,
                               timeout_s=30, what="every service confirmed")
    assert {s["service"]: s["status"] for s in progress["services"]} == {s: "deleted" for s in offboarding.SERVICES}
    assert sum(s["rows_deleted"] for s in progress["services"]) > 20

    def clean():  # the offboarding events' own outbox rows go once the relay has sent them
        found = asyncio.run(_rows_holding(database, gone))
        return "clean" if not found else _Leftovers(found)
    eventually_sync(clean, timeout_s=10, what="no row of any schema holding the tenant id")
    assert _redis_keys(platform, gone) == []
    after_kept = asyncio.run(_rows_holding(database, kept))
    shrunk = {column: (n, after_kept.get(column, 0)) for column, n in before_kept.items()
              if after_kept.get(column, 0) < n and column not in WORK_QUEUES}
    assert before_kept and not shrunk, f"the other tenant lost rows (before, after): {shrunk}"

    # Asked again: the completed deletion, nothing re-created; posted links still redirect.
    again = httpx.post(f"{platform.url('planner')}/admin/tenants/{gone}/deletion", headers=operator)
    assert again.status_code == 202 and again.json()["status"] == "completed"
    browser = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
    assert httpx.get(f"{platform.url('attribution')}/r/{api.token}", headers=browser).status_code == 302
    stream = redis.Redis.from_url(platform.env["REDIS_URL"])
    try:  # the click went through the stream and was dropped, not stored
        eventually_sync(lambda: stream.xlen("attribution:clicks") == 0, what="clicks flushed")
    finally:
        stream.close()
    assert asyncio.run(_count(database, "SELECT count(*) FROM attribution.clicks WHERE target_id = $1::uuid",
                              api.target)) == 0
