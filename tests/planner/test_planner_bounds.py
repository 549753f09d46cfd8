"""Strings PostgreSQL cannot store are refused with a 422 naming the field (each of these was a 500), and
what tests/fuzz found in the planner stays fixed."""
from datetime import datetime

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


async def test_a_file_the_csv_reader_refuses_is_a_422(tenant):
    """Found by tests/fuzz: csv.Error ("new-line character seen in unquoted field") was a 500."""
    csv = "a\rb,c\n"
    resp = await tenant.post("/imports/posts", content=csv.encode(), headers={"content-type": "text/csv"})
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")


async def test_local_times_are_answered_as_documented(tenant, planner_app):
    """Found by tests/fuzz: slot times and recurrence starts were documented as RFC 3339 time / date-time (which
    need an offset) and answered without one."""
    import jsonschema

    checker = jsonschema.FormatChecker()  # RFC 3339 date-time: with an offset (``Z`` or ``+hh:mm``)
    checker.checks("date-time")(lambda v: not isinstance(v, str)
                                or datetime.fromisoformat(v.replace("Z", "+00:00")).tzinfo is not None)
    acc = await tenant.account(tz="Europe/Berlin")
    doc = planner_app.openapi()
    slots = await tenant.put(f"/accounts/{acc}/slots", json={"slots": [{"weekday": 0, "time": "09:30:15.5"}]})
    rec = await tenant.post("/recurrences", json={"rrule": "FREQ=DAILY", "dtstart": "2033-05-01T09:00:00",
                                                  "timezone": "Europe/Berlin", "text": "Daily",
                                                  "account_ids": [acc]})
    for resp, name in ((slots, "SlotRead"), (rec, "RecurrenceRead")):
        assert resp.status_code in (200, 201), resp.text
        body = resp.json()[0] if name == "SlotRead" else resp.json()
        schema = {**doc["components"]["schemas"][name], "components": doc["components"]}
        jsonschema.Draft202012Validator(schema, format_checker=checker).validate(body)
    assert (await tenant.post("/recurrences", json={
        "rrule": "FREQ=DAILY", "dtstart": "2033-05-01T09:00:00+02:00", "timezone": "Europe/Berlin", "text": "x",
        "account_ids": [acc]})).status_code == 422


async def test_the_calendar_export_is_documented_as_icalendar(tenant, planner_app):
    """Found by tests/fuzz: /calendar.ics answered text/calendar while its OpenAPI said application/json."""
    resp = await tenant.get("/calendar.ics", params={"from": "2031-03-01", "to": "2031-03-02"})
    documented = planner_app.openapi()["paths"]["/calendar.ics"]["get"]["responses"]["200"]["content"]
    assert resp.headers["content-type"].split(";")[0] in documented


@pytest.mark.parametrize("path", ["/review/%C3%BC-not-a-token", "/review/" + "a" * 8193])
async def test_a_review_token_that_cannot_be_ours_is_a_422(client, path):
    """Found by tests/fuzz: a long non-ASCII token overflowed the HTTP request line (a 400 text/plain)."""
    resp = await client.get(path)
    assert resp.status_code == 422 and "token" in resp.text, resp.text
