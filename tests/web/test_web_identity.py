"""Sign-in, invitations, roles, CSRF, session expiry and tenant isolation, in the browser."""
import asyncio
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import asyncpg
import httpx
import pytest

from smmkit import stack

from tests.web.conftest import (
    PASSWORD, accept_invite, invite, new_context, screenshot, serious_violations, set_up_tenant, sql,
)


def test_an_invited_owner_signs_up_signs_out_and_signs_in_again(web, page, tenant):
    page.goto(f"{web}/calendar")
    page.wait_for_url(re.compile(r"/signin\?next=/calendar"))
    assert serious_violations(page) == []
    accept_invite(page, tenant.invite_url)
    assert tenant.name in page.locator(".who").inner_text()
    cookie = next(c for c in page.context.cookies() if c["name"] == "smm_session")
    assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"]) == (True, True, "Lax")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signin")
    page.get_by_label("E-mail address").fill(tenant.owner_email)
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("#password-error").inner_text() == "wrong e-mail address or password"
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/calendar")
    screenshot(page, "signed-in")


def test_an_invitation_works_once_and_a_forged_one_is_404(web, page, context, tenant):
    accept_invite(page, tenant.invite_url)
    other = new_context(context.browser)
    try:
        again = other.new_page()
        again.goto(tenant.invite_url)
        assert "already been used" in again.locator(".error").inner_text()
        forged = tenant.invite_url[:-4] + "AAAA"
        assert again.goto(forged).status == 404
        assert serious_violations(again) == []  # the error page too
    finally:
        other.close()


def test_a_short_password_is_refused_next_to_the_field(web, page, tenant):
    page.goto(tenant.invite_url)
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_role("button", name="Create my account").click()
    assert page.locator("#password-error").inner_text() == "use at least 12 characters"
    assert serious_violations(page) == []


def test_a_form_without_the_csrf_token_is_refused(web, owner):
    owner.goto(f"{web}/settings/team")
    owner.locator("input[name=csrf_token]").first.evaluate("e => e.value = 'forged'")
    owner.evaluate("() => document.querySelectorAll('input[name=csrf_token]').forEach(e => e.value = 'forged')")
    owner.get_by_label("E-mail address").fill("mallory@example.com")
    with owner.expect_response("**/settings/team/invites") as answer:
        owner.get_by_role("button", name="Create invitation link").click()
    assert answer.value.status == 403
    assert "did not come from this site" in owner.locator(".error").inner_text()
    # and from another site entirely: the browser sends no SameSite=Strict CSRF cookie, the server refuses
    cookies = {c["name"]: c["value"] for c in owner.context.cookies()}
    resp = httpx.post(f"{web}/settings/team/invites", data={"email": "m@example.com", "role": "owner"},
                      cookies={"smm_session": cookies["smm_session"]})
    assert resp.status_code == 403


def test_a_user_of_one_tenant_gets_404_for_another_tenants_post(web, web_platform, settings, owner, tenant):
    from tests.web.conftest import connect_account

    other = set_up_tenant(web, web_platform, settings, name="Other Co")
    account = connect_account(web_platform, other)
    post = httpx.post(f"{web_platform.url('planner')}/posts", headers={"Authorization": f"Bearer {other.api_key}"},
                      json={"text": "theirs", "scheduled_at": "2031-01-01T10:00:00Z", "draft": True,
                            "targets": [{"account_id": account["id"]}]}).raise_for_status().json()
    resp = owner.goto(f"{web}/approvals/{post['id']}")
    assert resp.status == 404
    assert owner.get_by_role("heading", name="Not found").is_visible()
    assert "theirs" not in owner.content()


def test_an_analyst_reads_but_cannot_write(web, browser, owner, tenant):
    link = invite(owner, web, "analyst-" + tenant.id[:8] + "@example.com", "analyst")
    ctx = new_context(browser)
    try:
        analyst = ctx.new_page()
        accept_invite(analyst, link, name="Ann Analyst")
        assert analyst.get_by_role("heading", name="Accounts").is_visible()
        assert analyst.get_by_role("button", name="Connect").count() == 0  # no form to write with
        csrf = next(c["value"] for c in ctx.cookies() if c["name"] == "smm_csrf")
        resp = analyst.request.post(f"{web}/accounts", form={
            "csrf_token": csrf, "network": "mastodon", "handle": "@x", "account_ref": "1", "credentials": "t"})
        assert resp.status == 403
        resp = analyst.request.post(f"{web}/settings/team/invites", form={
            "csrf_token": csrf, "email": "a@example.com", "role": "owner"})
        assert resp.status == 403
    finally:
        ctx.close()




def test_an_owner_changes_roles_removes_teammates_and_the_last_owner_stays(web, web_platform, settings, browser,
                                                                          owner, tenant):
    from tests.web.conftest import api, connect_account

    account = connect_account(web_platform, tenant)
    email = "ed-" + tenant.id[:8] + "@example.com"
    link = invite(owner, web, email, "editor")
    ctx = new_context(browser)
    try:
        editor = ctx.new_page()
        accept_invite(editor, link, name="Ed Editor")
        csrf = next(c["value"] for c in ctx.cookies() if c["name"] == "smm_csrf")
        draft = {"csrf_token": csrf, "text": "by the editor", "account_ids": account["id"],
                 "scheduled_at": "2031-01-01T10:00", "timezone": "UTC", "draft": "1"}
        resp = editor.request.post(f"{web}/compose", form=draft, max_redirects=0)
        assert resp.status == 303, resp.text()
        post_id = resp.headers["location"].split("created=")[1]
        # the planner records the signed-in user as the actor of the post's creation
        history = api(web_platform, tenant).get(f"/posts/{post_id}/history").json()["items"]
        assert [h["actor"] for h in history] == [email]

        owner.goto(f"{web}/settings/team")
        owner.get_by_label(f"Access for {email}", exact=True).select_option("analyst")
        owner.get_by_role("button", name=f"Apply access for {email}").click()
        owner.wait_for_url("**/settings/team?changed=1")
        assert owner.get_by_label(f"Access for {email}", exact=True).input_value() == "analyst"
        resp = editor.request.post(f"{web}/compose", form=draft, max_redirects=0)
        assert resp.status == 403  # the demotion applies to the session already open
        editor.goto(f"{web}/accounts")
        assert editor.get_by_role("button", name="Connect").count() == 0

        # the only owner can neither step down nor leave
        with owner.expect_response(re.compile(r"/role$")) as answer:
            owner.get_by_label(f"Access for {tenant.owner_email}", exact=True).select_option("editor")
            owner.get_by_role("button", name=f"Apply access for {tenant.owner_email}").click()
        assert answer.value.status == 409
        mine = owner.locator(f"tr[data-email='{tenant.owner_email}']")
        assert "last owner cannot be demoted" in mine.locator(".error").inner_text()
        assert serious_violations(owner) == []
        screenshot(owner, "team-last-owner")
        with owner.expect_response(re.compile(r"/remove$")) as answer:
            owner.get_by_role("button", name=f"Remove {tenant.owner_email}").click()
        assert answer.value.status == 409
        assert "last owner cannot be removed" in mine.locator(".error").inner_text()
        owner.goto(f"{web}/settings/team")
        assert owner.get_by_label(f"Access for {tenant.owner_email}", exact=True).input_value() == "owner"

        owner.get_by_role("button", name=f"Remove {email}").click()
        owner.wait_for_url("**/settings/team?removed=1")
        assert owner.locator(f"tr[data-email='{email}']").count() == 0
        editor.goto(f"{web}/calendar")  # their open session ended with the removal
        editor.wait_for_url(re.compile(r"/signin\?next=/calendar"))
        assert sql(web_platform.env["DATABASE_URL"], "SELECT 1 FROM web.users WHERE email = $1", email) == []

        # another tenant's owner is not found here, and stays
        other = set_up_tenant(web, web_platform, settings, name="Other Co")
        accept_invite(ctx.new_page(), other.invite_url, name="Olga Other")
        [(other_id,)] = sql(web_platform.env["DATABASE_URL"], "SELECT id FROM web.users WHERE email = $1",
                             other.owner_email)
        owner_csrf = next(c["value"] for c in owner.context.cookies() if c["name"] == "smm_csrf")
        for action, form in (("remove", {}), ("role", {"role": "analyst"})):
            resp = owner.request.post(f"{web}/settings/team/{other_id}/{action}", form={"csrf_token": owner_csrf,
                                                                                         **form})
            assert resp.status == 404
        assert sql(web_platform.env["DATABASE_URL"], "SELECT role FROM web.users WHERE id = $1",
                    other_id)[0]["role"] == "owner"
    finally:
        ctx.close()


def test_an_expired_session_is_refused(web, web_platform, owner, tenant):
    owner.goto(f"{web}/accounts")
    assert owner.get_by_role("heading", name="Accounts").is_visible()
    url = web_platform.env["DATABASE_URL"]

    async def expire():
        conn = await asyncpg.connect(url)
        try:
            await conn.execute("UPDATE web.sessions SET expires_at = now() - interval '1 second' WHERE user_id IN "
                               "(SELECT id FROM web.users WHERE tenant_id = $1)", uuid.UUID(tenant.id))
        finally:
            await conn.close()

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API holds this thread's event loop
        pool.submit(asyncio.run, expire()).result()
    owner.goto(f"{web}/accounts")
    owner.wait_for_url(re.compile(r"/signin\?next=/accounts"))
    assert owner.get_by_role("heading", name="Sign in").is_visible()


@pytest.fixture
def short_sessions(web_platform, tmp_path):
    """A second web app on the same database whose sessions end after 3 s idle and 12 s in all."""
    port = stack.free_port()
    env = {**web_platform.env, **{f"WEB_{n.upper()}_URL": web_platform.url(n) for n in web_platform.service_ports},
           "WEB_PUBLIC_URL": f"http://127.0.0.1:{port}", "WEB_SESSION_IDLE_S": "3", "WEB_SESSION_MAX_AGE_S": "12"}
    proc = stack.service_process("web", port, env, tmp_path).start()
    try:
        proc.wait_healthy(60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop()


def test_a_session_ends_when_idle_and_at_its_absolute_end_however_active(web, web_platform, page, tenant,
                                                                          short_sessions):
    import time

    def signed_in() -> bool:
        page.goto(f"{short_sessions}/accounts")
        return page.get_by_role("heading", name="Accounts").is_visible()

    accept_invite(page, short_sessions + tenant.invite_url.removeprefix(web))
    for _ in range(5):  # active for longer than the idle limit: still signed in
        time.sleep(1)
        assert signed_in()
    time.sleep(3.5)  # idle for longer than the limit: the server refuses the cookie the browser still sends
    assert any(c["name"] == "smm_session" for c in page.context.cookies())
    assert not signed_in()
    assert page.get_by_role("heading", name="Sign in").is_visible()

    page.get_by_label("E-mail address").fill(tenant.owner_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts")
    for _ in range(40):  # active all along, yet it ends (bounded: 40 requests span more than 12 s)
        time.sleep(0.5)
        if not signed_in():
            break
    else:
        raise AssertionError("the session outlived its absolute end")
    # it ended at sign-in + 12 s, the absolute end, not from idleness
    rows = sql(web_platform.env["DATABASE_URL"], "SELECT s.expires_at - s.created_at AS span FROM web.sessions s "
                "JOIN web.users u ON u.id = s.user_id WHERE u.email = $1 ORDER BY s.created_at", tenant.owner_email)
    assert [r["span"].total_seconds() for r in rows][-1] == 12


def test_a_spanish_browser_gets_the_spanish_catalogue(web, browser, tenant):
    ctx = browser.new_context(bypass_csp=True, locale="es-ES")
    try:
        page = ctx.new_page()
        page.goto(f"{web}/signin")
        assert page.get_by_role("heading", level=1).inner_text() == "Iniciar sesión"
        assert page.locator("html").get_attribute("lang") == "es"
        page.goto(tenant.invite_url)
        page.get_by_label("Tu nombre").fill("Lucía")
        page.get_by_label("Elige una contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Crear mi cuenta").click()
        page.wait_for_url("**/accounts")
        assert page.get_by_role("navigation").get_by_role("link", name="Calendario").is_visible()
        assert serious_violations(page) == []
    finally:
        ctx.close()
