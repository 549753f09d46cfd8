"""The operator console: tenants listed with their users and usage, created with an owner invitation, suspended."""
import re
from datetime import datetime, timedelta, timezone

import httpx

from tests.utils.polling import eventually_sync
from tests.web.conftest import (accept_invite, api, connect_account, new_context, screenshot, serious_violations,
                                set_up_tenant)


def test_an_operator_creates_a_tenant_whose_owner_signs_up_then_suspends_it(web, web_platform, settings, browser,
                                                                            page):
    page.goto(f"{web}/operator")
    page.wait_for_url(re.compile(r"/operator/signin\?next=/operator$"))
    page.get_by_label("Operator token").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("#token-error").inner_text() == "wrong operator token"
    assert serious_violations(page) == []  # the operator's sign-in page, with its error
    page.get_by_label("Operator token").fill(settings.operator_token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/operator")
    page.get_by_label("Tenant name").fill("Console Coffee")
    page.get_by_label("Owner's e-mail address").fill("boss@console-coffee.example")
    page.get_by_role("button", name="Create tenant").click()
    invite_url = page.locator("#invite-link").input_value()
    row = page.locator("tr", has_text="Console Coffee")
    assert "active" in row.inner_text()
    assert serious_violations(page) == []

    ctx = new_context(browser)
    try:
        owner = ctx.new_page()
        accept_invite(owner, invite_url, name="Boss")
        assert "Console Coffee" in owner.locator(".who").inner_text()
    finally:
        ctx.close()
    page.goto(f"{web}/operator")
    assert page.locator("tr", has_text="Console Coffee").locator("td").nth(2).inner_text() == "1"

    page.get_by_role("button", name="Suspend Console Coffee").click()
    page.wait_for_url("**/operator")
    assert "suspended" in page.locator("tr", has_text="Console Coffee").inner_text()
    tenants = httpx.get(f"{web_platform.url('planner')}/admin/tenants", params={"limit": 200},
                        headers={"Authorization": f"Bearer {settings.operator_token}"}).json()["items"]
    assert next(t for t in tenants if t["name"] == "Console Coffee")["status"] == "suspended"
    page.get_by_role("button", name="Reactivate Console Coffee").click()
    assert "active" in page.locator("tr", has_text="Console Coffee").inner_text()


def test_the_operator_api_needs_the_operator_token(web):
    resp = httpx.post(f"{web}/operator/api/tenants", json={"name": "X", "owner_email": "x@example.com"},
                      headers={"Authorization": "Bearer nope"})
    assert resp.status_code == 401
    assert resp.headers["content-type"] == "application/problem+json"


def test_the_console_shows_each_tenants_usage_and_a_day_by_day_page(web, web_platform, settings, page):
    tenant = set_up_tenant(web, web_platform, settings)
    connect_account(web_platform, tenant)
    planner, attribution = api(web_platform, tenant), api(web_platform, tenant, "attribution")
    for _ in range(3):
        assert planner.get("/posts").status_code == 200
    assert attribution.post("/orders", json={"id": "U-1", "ordered_at": datetime.now(timezone.utc).isoformat(),
                                             "total_minor": 100, "currency": "EUR"}).status_code == 202
    today = datetime.now(timezone.utc).date()

    def orders_counted() -> bool:  # attribution stores the order once it consumed its order.created
        resp = httpx.get(f"{web_platform.url('attribution')}/admin/tenants/{tenant.id}/usage",
                         headers={"Authorization": f"Bearer {settings.operator_token}"},
                         params={"since": today.isoformat(), "until": today.isoformat()})
        return resp.json()["days"][0]["orders_ingested"] == 1
    eventually_sync(orders_counted, what="order counted")

    page.goto(f"{web}/operator/signin")
    page.get_by_label("Operator token").fill(settings.operator_token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/operator")
    row = page.locator("tr", has_text=tenant.name)
    # 1 account created + 2 credentials + 3 reads on the planner/publisher/metrics, 1 order on attribution
    assert int(row.locator(".usage-api_calls").inner_text()) >= 7
    assert row.locator(".usage-active_accounts").inner_text() == "1"
    assert serious_violations(page) == []

    row.get_by_role("link", name=f"Usage of {tenant.name}").click()
    today_row = page.locator(f"tr[data-day='{today.isoformat()}']")
    assert today_row.locator("td").nth(4).inner_text() == "1", "accounts"
    assert page.locator("#usage tbody tr").count() == 30
    assert today_row.locator("td").nth(2).inner_text() == "1", "orders"
    assert row_total(page, 2) == "1" and int(row_total(page, 0)) >= 7
    assert serious_violations(page) == []
    screenshot(page, "operator-usage")

    # a bad range shows next to its field, as the services' problem says
    page.get_by_label("From (YYYY-MM-DD)").fill(today.isoformat())
    page.get_by_label("Up to, included (YYYY-MM-DD)").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Show usage").click()
    assert "until is before since" in page.locator("#form-error").inner_text()
    page.get_by_label("From (YYYY-MM-DD)").fill("1999-12-31")
    page.get_by_label("Up to, included (YYYY-MM-DD)").fill(today.isoformat())
    page.get_by_role("button", name="Show usage").click()
    assert "2000" in page.locator("#since-error").inner_text()
    page.get_by_label("From (YYYY-MM-DD)").fill("yesterday")
    page.get_by_role("button", name="Show usage").click()
    assert page.locator("#since-error").inner_text() == "write the date as YYYY-MM-DD"


def row_total(page, column: int) -> str:
    return page.locator("#usage-total td").nth(column).inner_text()
