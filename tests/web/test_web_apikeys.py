"""API keys page: an owner creates a scoped key, sees it, rotates it with overlap and revokes it; the key
the web app itself uses cannot be changed here; an editor cannot open the page."""
import httpx

from tests.web.conftest import accept_invite, invite, new_context, screenshot, serious_violations
from tests.utils.polling import eventually_sync


def test_an_owner_creates_rotates_and_revokes_a_scoped_key(web, web_platform, tenant, owner, browser):
    page = owner
    page.goto(f"{web}/settings")
    page.get_by_role("link", name="API keys").click()
    page.wait_for_url("**/settings/api-keys")
    ours = page.locator("tr", has_text="used by this web app")
    assert ours.count() == 1 and "admin" in ours.inner_text()
    assert ours.get_by_role("button").count() == 0, "the web app's own key cannot be revoked or rotated here"

    # no scope chosen: the API's 422 shows next to the scopes
    page.get_by_label("read-only").uncheck()
    page.get_by_role("button", name="Create key").click()
    assert page.locator("#scopes-error").is_visible()
    page.get_by_label("Name (what uses it)").fill("shop backend")
    page.get_by_label("orders-ingest").check()
    page.get_by_role("button", name="Create key").click()
    key = page.locator("#new-key").input_value()
    row = page.locator("tr", has_text="shop backend")
    assert "orders-ingest" in row.inner_text() and "active" in row.inner_text()
    assert key.startswith(row.locator("code").inner_text().rstrip("…"))
    assert serious_violations(page) == []
    screenshot(page, "apikeys")

    planner, attribution = web_platform.url("planner"), web_platform.url("attribution")
    auth = {"Authorization": f"Bearer {key}"}
    refused = httpx.get(f"{planner}/posts", headers=auth)
    assert refused.status_code == 403 and refused.json()["missing_scope"] == "read-only"

    # rotate with a day's overlap: both keys work, the old one shows until when
    row.get_by_label("Old key keeps working for").select_option(label="1 day")
    row.get_by_role("button", name="Rotate").click()
    successor = page.locator("#new-key").input_value()
    assert successor != key and "rotated" in page.locator("#issued").inner_text()
    rows = page.locator("tr", has_text="shop backend")
    assert rows.count() == 2 and rows.filter(has_text="works until").count() == 1
    for k in (key, successor):
        assert httpx.get(f"{attribution}/reports/posts", headers={"Authorization": f"Bearer {k}"}).status_code == 403

    # revoke the old one: refused within seconds
    rows.filter(has_text="works until").get_by_role("button", name="Revoke").click()
    assert "revoked" in page.locator("[role=status]").first.inner_text()
    assert page.locator("tr", has_text="shop backend").filter(has_text="revoked").count() == 1
    eventually_sync(lambda: httpx.get(f"{planner}/posts", headers=auth).status_code == 401, what="revoked",
                    timeout_s=10)

    # an editor of the same tenant cannot open the page
    link = invite(page, web, "editor-keys@example.com", "editor")
    ctx = new_context(browser)
    try:
        editor = ctx.new_page()
        accept_invite(editor, link, name="Ed")
        assert editor.goto(f"{web}/settings/api-keys").status in (403, 404)
    finally:
        ctx.close()
