"""Connect accounts: one form makes the planner, publisher and metrics calls; statuses and errors on the page."""
import httpx

from tests.web.conftest import api, screenshot, serious_violations


def test_one_form_connects_a_sandbox_account_everywhere(web, web_platform, owner, tenant):
    owner.goto(f"{web}/accounts")
    assert serious_violations(owner) == []
    owner.get_by_label("Network", exact=True).select_option("mastodon")
    owner.get_by_label("Handle (as people see it)").fill("@roaster")
    owner.get_by_label("Account id on the network").fill("4242")
    owner.get_by_label("Time zone").fill("Europe/Berlin")
    owner.get_by_label("Credentials").fill("sbx-4242")
    owner.get_by_role("button", name="Connect").click()
    owner.wait_for_url("**/accounts?connected=1")
    row = owner.locator("tr", has_text="@roaster")
    assert row.locator(".status").inner_text() == "connected"
    screenshot(owner, "accounts")

    [account] = api(web_platform, tenant).get("/accounts").json()
    assert (account["network"], account["account_ref"], account["timezone"]) == ("mastodon", "4242", "Europe/Berlin")
    assert api(web_platform, tenant, "publisher").get(f"/accounts/{account['id']}").json()["status"] == "connected"
    assert api(web_platform, tenant, "metrics").get(f"/accounts/{account['id']}").json()["timezone"] == "Europe/Berlin"
    assert serious_violations(owner) == []


def test_an_api_refusal_shows_next_to_its_field_and_keeps_the_form(web, web_platform, owner, tenant):
    owner.goto(f"{web}/accounts")
    owner.get_by_label("Handle (as people see it)").fill("@roaster")
    owner.get_by_label("Account id on the network").fill("77")
    owner.get_by_label("Time zone").fill("Mars/Olympus_Mons")
    owner.get_by_label("Credentials").fill("sbx-77")
    with owner.expect_response(f"{web}/accounts") as answer:
        owner.get_by_role("button", name="Connect").click()
    assert answer.value.status == 422
    assert owner.locator("#timezone-error").is_visible()
    assert owner.get_by_label("Handle (as people see it)").input_value() == "@roaster"
    assert api(web_platform, tenant).get("/accounts").json() == []


def test_reconnect_puts_new_credentials_and_the_secret_is_never_shown(web, web_platform, owner, tenant):
    from tests.web.conftest import connect_account

    account = connect_account(web_platform, tenant)
    owner.goto(f"{web}/accounts")
    owner.get_by_label(f"New credentials for {account['handle']}").fill("rotated-secret-value")
    owner.get_by_role("button", name="Reconnect").click()
    owner.wait_for_url("**/accounts?connected=1")
    assert owner.locator("tr", has_text=account["handle"]).locator(".status").inner_text() == "connected"
    assert "rotated-secret-value" not in owner.content()
    before = httpx.get(f"{web_platform.url('publisher')}/accounts/{account['id']}",
                       headers={"Authorization": f"Bearer {tenant.api_key}"}).json()
    assert before["updated_at"] > before["connected_at"]
