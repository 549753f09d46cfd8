"""Approvals: the approver's inbox, and the outside reviewer's page reached by a signed link, with no account."""
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.web.conftest import accept_invite, api, connect_account, invite, new_context, screenshot, serious_violations


def _post_in_review(web_platform, tenant, text: str) -> dict:
    planner = api(web_platform, tenant)
    brand = planner.post("/brands", json={"name": "Roastery", "approval_required": True}).json()
    account = connect_account(web_platform, tenant, brand_id=brand["id"])
    when = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    post = planner.post("/posts", json={"text": text, "scheduled_at": when, "targets": [{"account_id": account["id"]}]})
    assert post.json()["status"] == "in_review", post.text
    return post.json()


def test_an_approver_approves_from_the_inbox_and_is_the_actor(web, web_platform, browser, owner, tenant):
    post = _post_in_review(web_platform, tenant, "Approve me please")
    email = f"approver-{tenant.id[:8]}@example.com"
    link = invite(owner, web, email, "approver")
    ctx = new_context(browser)
    try:
        approver = ctx.new_page()
        accept_invite(approver, link, name="Al Approver")
        approver.goto(f"{web}/approvals")
        assert serious_violations(approver) == []
        approver.get_by_role("link", name="Approve me please").click()
        # a thread comment first, outside the decision: approvers take part in the thread too
        approver.get_by_label("Add a comment").fill("Price checked with the shop")
        approver.get_by_role("button", name="Post comment").click()
        expect(approver.locator("#comments li").first).to_contain_text("Price checked with the shop")
        approver.get_by_label("Comment", exact=True).fill("Looks good")
        approver.get_by_role("button", name="Approve").click()
        approver.wait_for_url("**/approvals")
        assert approver.get_by_text("Nothing waits for approval.").is_visible()
    finally:
        ctx.close()
    history = api(web_platform, tenant).get(f"/posts/{post['id']}/history").json()["items"]
    approval = next(h for h in history if h["from_status"] == "in_review")
    assert (approval["actor"], approval["note"]) == (email, "Looks good")
    comments = api(web_platform, tenant).get(f"/posts/{post['id']}/comments").json()["items"]
    assert [(c["author"], c["body"]) for c in comments] == [(email, "Price checked with the shop")]
    assert api(web_platform, tenant).get(f"/posts/{post['id']}").json()["status"] == "scheduled"


def test_an_outside_reviewer_rejects_through_the_link_without_an_account(web, web_platform, browser, owner, tenant):
    post = _post_in_review(web_platform, tenant, "Review me outside")
    owner.goto(f"{web}/posts/{post['id']}")
    owner.get_by_label("Reviewer's name or e-mail").fill("client@brand.example")
    owner.get_by_role("button", name="Create review link").click()
    link = owner.locator("#review-link").input_value()
    assert "/review/" in link

    ctx = new_context(browser)  # no session: the link is the only credential
    try:
        reviewer = ctx.new_page()
        reviewer.goto(link)
        expect(reviewer.locator("#post-text")).to_have_text("Review me outside")
        assert serious_violations(reviewer) == []
        reviewer.get_by_label("Comment (optional)").fill("Wrong price in the text")
        reviewer.get_by_role("button", name="Reject").click()
        expect(reviewer.get_by_role("status")).to_contain_text("sent back")
        assert reviewer.locator("#post-status").inner_text() == "draft"
        screenshot(reviewer, "reviewer")
        forged = reviewer.goto(link[:-6] + "AAAAAA")
        assert forged.status in (401, 403, 404)
    finally:
        ctx.close()
    history = api(web_platform, tenant).get(f"/posts/{post['id']}/history").json()["items"]
    assert history[-1]["actor"] == "reviewer:client@brand.example"


def test_teammates_comment_an_editor_cannot_approve_and_an_analyst_only_reads(web, web_platform, browser, owner,
                                                                              tenant):
    """Outside approve / reject, owners, editors and approvers (the first test) add to a post's thread, each
    comment with its author and time; an editor cannot decide; an analyst reads the thread and cannot write."""
    post = _post_in_review(web_platform, tenant, "Not yours to approve")
    owner.goto(f"{web}/posts/{post['id']}")
    thread = owner.locator("#comments")
    expect(thread).to_have_text("No comments yet.")
    owner.get_by_label("Add a comment").fill("   ")  # the browser lets blanks through; the app does not
    owner.get_by_role("button", name="Post comment").click()
    expect(owner.locator("#body-error")).to_have_text("write a comment first")
    assert owner.get_by_label("Add a comment").get_attribute("aria-invalid") == "true"
    assert serious_violations(owner) == []
    owner.get_by_label("Add a comment").fill("Is 4.50 the right price?")
    owner.get_by_role("button", name="Post comment").click()
    expect(owner.get_by_role("status")).to_have_text("Comment added.")
    first = thread.locator("li").first
    expect(first.locator(".author")).to_have_text(tenant.owner_email)
    expect(first.locator(".body")).to_have_text("Is 4.50 the right price?")
    assert first.locator("time").inner_text()  # when, in the reader's locale

    editor_email, analyst_email = f"editor-{tenant.id[:8]}@example.com", f"analyst-{tenant.id[:8]}@example.com"
    links = {role: invite(owner, web, email, role) for role, email in (("editor", editor_email),
                                                                        ("analyst", analyst_email))}
    ctx = new_context(browser)
    try:
        editor = ctx.new_page()
        accept_invite(editor, links["editor"], name="Ed")
        editor.goto(f"{web}/posts/{post['id']}")
        editor.get_by_label("Add a comment").fill("Yes: 4.50 since Monday")
        editor.get_by_role("button", name="Post comment").click()
        expect(editor.locator("#comments .author")).to_have_text([tenant.owner_email, editor_email])
        assert editor.get_by_role("button", name="Approve").count() == 0
        csrf = next(c["value"] for c in ctx.cookies() if c["name"] == "smm_csrf")
        resp = editor.request.post(f"{web}/posts/{post['id']}/approve", form={"csrf_token": csrf})
        assert resp.status == 403
    finally:
        ctx.close()
    ctx = new_context(browser)
    try:
        analyst = ctx.new_page()
        accept_invite(analyst, links["analyst"], name="Ann Analyst")
        analyst.goto(f"{web}/posts/{post['id']}")
        expect(analyst.locator("#comments .body")).to_have_text(["Is 4.50 the right price?", "Yes: 4.50 since Monday"])
        assert analyst.get_by_role("button", name="Post comment").count() == 0  # reads only
        csrf = next(c["value"] for c in ctx.cookies() if c["name"] == "smm_csrf")
        resp = analyst.request.post(f"{web}/posts/{post['id']}/comments", form={"csrf_token": csrf, "body": "mine"})
        assert resp.status == 403
        assert serious_violations(analyst) == []
    finally:
        ctx.close()
    planner = api(web_platform, tenant)
    assert planner.get(f"/posts/{post['id']}").json()["status"] == "in_review"
    assert [c["author"] for c in planner.get(f"/posts/{post['id']}/comments").json()["items"]] == [tenant.owner_email,
                                                                                         editor_email]
