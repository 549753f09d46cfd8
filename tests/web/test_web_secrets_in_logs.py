"""What a person types or holds in the web app (password, network token, session and CSRF cookies, the tenant's
API key the app calls with, the invitation link) never reaches a log line: the web app's or any service's."""
import time
from urllib.parse import urlsplit

from tests.web.conftest import PASSWORD, accept_invite

SECRET_TOKEN = "sbx-9183-never-logged-token"


def _logs(web_platform) -> dict[str, str]:
    return {p.name: p.read_text(errors="replace") for p in web_platform.log_dir.glob("*.log")}


def test_no_secret_of_a_session_reaches_a_log(web, web_platform, page, tenant):
    accept_invite(page, tenant.invite_url)
    page.goto(f"{web}/accounts")
    page.get_by_label("Network", exact=True).select_option("mastodon")
    page.get_by_label("Handle (as people see it)").fill("@logs")
    page.get_by_label("Account id on the network").fill("9183")
    page.get_by_label("Credentials").fill(SECRET_TOKEN)
    page.get_by_role("button", name="Connect").click()
    page.wait_for_url("**/accounts?connected=1")
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{web}/signin")
    page.get_by_label("E-mail address").fill(tenant.owner_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/calendar")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}

    secrets = {"password": PASSWORD, "network token": SECRET_TOKEN, "tenant API key": tenant.api_key,
               "session cookie": cookies["smm_session"], "CSRF cookie": cookies["smm_csrf"],
               "invitation token": urlsplit(tenant.invite_url).path.rsplit("/", 1)[-1]}
    # the logs are written by other processes: the requests above are in them once their lines are flushed
    deadline = time.monotonic() + 10
    while "/signin" not in _logs(web_platform).get("web.log", "") and time.monotonic() < deadline:
        time.sleep(0.2)
    logs = _logs(web_platform)
    assert "/signin" in logs["web.log"] and "/accounts" in logs["planner.log"]  # the control: the requests were logged
    found = [(what, name) for what, value in secrets.items() for name, text in logs.items() if value in text]
    assert found == []
