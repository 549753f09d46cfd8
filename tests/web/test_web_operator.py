"""The operator console: tenants listed with their users, created with an owner invitation, suspended."""
import re

import httpx

from tests.web.conftest import accept_invite, new_context, serious_violations


def test_an_operator_creates_a_tenant_whose_owner_signs_up_then_suspends_it(web, web_platform, settings, browser,
                                                                            page):
    page.goto(f"{web}/operator")
    page.wait_for_url(re.compile(r"/operator/signin\?next=/operator$"))
    page.get_by_label("Operator token").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("#token-error").inner_text() == "wrong operator token"
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
    tenants = httpx.get(f"{web_platform.url('planner')}/admin/tenants",
                        headers={"Authorization": f"Bearer {settings.operator_token}"}).json()
    assert next(t for t in tenants if t["name"] == "Console Coffee")["status"] == "suspended"
    page.get_by_role("button", name="Reactivate Console Coffee").click()
    assert "active" in page.locator("tr", has_text="Console Coffee").inner_text()


def test_the_operator_api_needs_the_operator_token(web):
    resp = httpx.post(f"{web}/operator/api/tenants", json={"name": "X", "owner_email": "x@example.com"},
                      headers={"Authorization": "Bearer nope"})
    assert resp.status_code == 401
    assert resp.headers["content-type"] == "application/problem+json"
