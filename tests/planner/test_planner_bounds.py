"""Strings PostgreSQL cannot store are refused with a 422 naming the field (each of these was a 500)."""
import pytest

from tests.utils.problems import assert_refused

NUL = "a\u0000"


@pytest.mark.parametrize("path,body,field", [
    ("/brands", {"name": NUL}, "name"),
    ("/templates", {"name": NUL, "text": "Hello"}, "name"),
    ("/templates", {"name": "t", "text": NUL}, "text"),
    ("/campaigns", {"name": NUL, "starts_on": "2031-01-01", "ends_on": "2031-01-31"}, "name"),
    ("/accounts", {"network": "mastodon", "handle": NUL, "account_ref": "1"}, "handle"),
    ("/accounts", {"network": "mastodon", "handle": "@a", "account_ref": NUL}, "account_ref"),
    ("/accounts", {"network": "mastodon", "handle": "@a", "account_ref": "1", "timezone": "Europe/\u0000"},
     "timezone"),
])
async def test_a_nul_in_any_string_is_a_422_naming_the_field(tenant, path, body, field):
    assert_refused(await tenant.post(path, json=body), field)


async def test_a_nul_in_a_tenant_name_is_a_422_on_the_admin_api(client, planner_settings):
    resp = await client.post("/admin/tenants", json={"name": NUL},
                             headers={"Authorization": f"Bearer {planner_settings.operator_token}"})
    assert_refused(resp, "name")


async def test_post_strings_and_times_out_of_bounds_are_422(tenant):
    acc = await tenant.account()
    post = {"text": "Hello", "scheduled_at": "2031-03-01T10:00:00Z", "targets": [{"account_id": acc}]}
    for change, field in (({"text": NUL}, "text"), ({"campaign": NUL}, "campaign"), ({"tags": [NUL]}, "tags"),
                          ({"targets": [{"account_id": acc, "text": NUL}]}, "text"),
                          ({"scheduled_at": "0001-01-01T00:00:00+05:00"}, "scheduled_at"),
                          ({"scheduled_at": "9999-12-31T23:00:00-05:00"}, "scheduled_at")):
        assert_refused(await tenant.post("/posts", json={**post, **change}), field)


async def test_an_import_row_with_a_nul_is_reported_and_nothing_is_stored(tenant):
    acc = await tenant.account()
    csv = f"scheduled_at,accounts,text\n2031-03-01T10:00:00Z,{acc},Hel\u0000lo\n"
    resp = await tenant.post("/imports/posts", content=csv.encode(), headers={"content-type": "text/csv"})
    assert resp.status_code == 422, resp.text
    assert "NUL" in resp.json()["errors"][0]["reasons"][0]
