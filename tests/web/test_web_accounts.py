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

    [account] = api(web_platform, tenant).get("/accounts").json()["items"]
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
    assert api(web_platform, tenant).get("/accounts").json()["items"] == []


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


def test_an_account_the_network_refuses_shows_needs_reconnect_with_the_reason_until_reconnected(
        web, web_platform, owner, tenant):
    from datetime import datetime, timedelta, timezone

    from smmkit.demo import put_credentials
    from tests.utils.polling import eventually_sync

    planner, publisher = api(web_platform, tenant), api(web_platform, tenant, "publisher")
    account = planner.post("/accounts", json={"network": "mastodon", "handle": "@lapsed",
                                              "account_ref": "5151"}).raise_for_status().json()
    # a token the sandbox network answers as expired: both services take it, the network refuses it on use
    body = {"network": "mastodon", "account_ref": "5151", "credentials": {"access_token": "sbx-expired-5151"}}
    for service in ("publisher", "metrics"):
        put_credentials(f"{web_platform.url(service)}/accounts/{account['id']}/credentials",
                        headers={"Authorization": f"Bearer {tenant.api_key}"}, json=body)
    planner.post("/posts", json={
        "text": "Will this go out?", "scheduled_at": (datetime.now(timezone.utc) + timedelta(seconds=1)).isoformat(),
        "targets": [{"account_id": account["id"]}]}).raise_for_status()
    state = eventually_sync(lambda: (a := publisher.get(f"/accounts/{account['id']}").json())["status"]
                            == "needs_reconnect" and a, timeout_s=30)
    assert state["status_reason"]

    owner.goto(f"{web}/accounts")
    row = owner.locator("tr", has_text="@lapsed")
    assert row.locator(".status").inner_text() == "needs reconnect"
    assert state["status_reason"] in row.locator(".reason").inner_text()
    assert row.get_by_role("button", name="Reconnect").is_visible()
    assert serious_violations(owner) == []
    screenshot(owner, "accounts-needs-reconnect")

    owner.get_by_label("New credentials for @lapsed").fill("sbx-5151")
    row.get_by_role("button", name="Reconnect").click()
    owner.wait_for_url("**/accounts?connected=1")
    assert owner.locator("tr", has_text="@lapsed").locator(".status").inner_text() == "connected"
    assert owner.locator("tr", has_text="@lapsed").locator(".reason").count() == 0
    assert publisher.get(f"/accounts/{account['id']}").json()["status"] == "connected"
    metrics = api(web_platform, tenant, "metrics").get(f"/accounts/{account['id']}").json()
    assert metrics["polling_status"] == "active"


def test_sign_in_with_x_connects_on_the_network_and_lands_back_connected_everywhere(web, web_platform, owner, tenant):
    """The "Sign in with X" button (not "Connect with ...": the paste form's "Connect" button is found by that
    name) starts the publisher's connection, the browser goes through the (sandbox) network's consent
    screen and the publisher's callback, and lands back on the accounts page once the planner settled it."""
    import random

    from sandbox.client import SandboxControl

    who = str(random.randint(10**8, 10**9))
    control = SandboxControl(web_platform.sandbox)
    control.consent("x", account=who)
    control.close()
    owner.goto(f"{web}/accounts")
    owner.get_by_role("button", name="Sign in with X").click()
    owner.wait_for_url("**/accounts?connected=1", timeout=30_000)
    row = owner.locator("tr", has_text=f"sbx_{who}")
    assert row.locator(".status").inner_text() == "connected"
    [account] = api(web_platform, tenant).get("/accounts").json()["items"]
    assert (account["network"], account["account_ref"]) == ("x", who)
    assert api(web_platform, tenant, "publisher").get(f"/accounts/{account['id']}").json()["status"] == "connected"
    assert api(web_platform, tenant, "metrics").get(f"/accounts/{account['id']}").status_code == 200
    assert serious_violations(owner) == []
