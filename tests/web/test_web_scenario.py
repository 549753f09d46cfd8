"""The seed's promise, walked as a new user does it: sign up through an invitation, connect a sandbox account,
import 30 posts from a CSV, drag one to another day, have it approved through the reviewer link, see it
published on the sandbox network, order through its tracked link, and find the revenue under two models."""
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import httpx
from playwright.sync_api import expect

from tests.utils.polling import eventually_sync
from tests.web.conftest import accept_invite, api, new_context, screenshot
from tests.web.test_web_calendar import _drag


def test_invite_connect_import_drag_review_publish_order_revenue(web, web_platform, browser, page, tenant, tmp_path):
    planner = api(web_platform, tenant)
    brand = planner.post("/brands", json={"name": "Roastery", "approval_required": True}).json()

    # 1. sign up through the invitation
    accept_invite(page, tenant.invite_url, name="Sam Manager")

    # 2. connect a sandbox Mastodon account, in the roastery brand (its posts need approval)
    page.get_by_label("Network", exact=True).select_option("mastodon")
    page.get_by_label("Handle (as people see it)").fill("@roastery")
    page.get_by_label("Account id on the network").fill("5150")
    page.get_by_label("Brand").select_option(brand["id"])
    page.get_by_label("Credentials").fill("sbx-5150")
    page.get_by_role("button", name="Connect").click()
    expect(page.locator("tr", has_text="@roastery").locator(".status")).to_have_text("connected")

    # 3. import 30 posts, one a day from tomorrow at noon
    start = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    lines = ["scheduled_at,timezone,accounts,text,pillar,campaign"]
    for i in range(30):
        text = "Autumn Blend is here https://shop.example/autumn" if i == 0 else f"Post {i} of the month"
        lines.append(f"{(start + timedelta(days=i)).replace(tzinfo=None).isoformat()},UTC,@roastery,{text},"
                     f"{('sell', 'engage', 'warm_up')[i % 3]},autumn")
    csv = tmp_path / "month.csv"
    csv.write_text("\n".join(lines) + "\n")
    page.goto(f"{web}/import")
    page.get_by_label("CSV file").set_input_files(str(csv))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import all 30 row(s)").click()
    expect(page.locator("#import-done")).to_contain_text("Imported 30 post(s)")
    expect(page.locator("#import-done")).to_contain_text("30 wait for approval")
    post = next(p for p in planner.get("/posts").json()["items"] if p["text"].startswith("Autumn Blend"))

    # 4. drag it from tomorrow to the day after
    page.goto(f"{web}/calendar")
    event = page.locator(f".fc-event[data-post-id='{post['id']}']")
    day_after = (start + timedelta(days=1)).date().isoformat()
    with page.expect_response("**/move") as moved:
        _drag(page, event, page.locator(f"td.fc-daygrid-day[data-date='{day_after}']"))
    assert moved.value.status == 200
    assert planner.get(f"/posts/{post['id']}").json()["targets"][0]["scheduled_at"].startswith(day_after)
    screenshot(page, "scenario-calendar")

    # 5. the outside reviewer approves it through the signed link, with no account
    page.goto(f"{web}/posts/{post['id']}")
    page.get_by_label("Reviewer's name or e-mail").fill("client@roastery.example")
    page.get_by_role("button", name="Create review link").click()
    review_link = page.locator("#review-link").input_value()
    ctx = new_context(browser)
    try:
        reviewer = ctx.new_page()
        reviewer.goto(review_link)
        reviewer.get_by_role("button", name="Approve").click()
        expect(reviewer.get_by_role("status")).to_contain_text("approved")
    finally:
        ctx.close()
    assert planner.get(f"/posts/{post['id']}").json()["status"] == "scheduled"

    # 6. publish it now (the keyboard path of the calendar: the post page's reschedule form)
    page.goto(f"{web}/posts/{post['id']}")
    page.get_by_label("New time (local)").fill(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Reschedule").click()
    target = eventually_sync(lambda: (t := planner.get(f"/posts/{post['id']}").json()["targets"][0])["status"]
                             == "published" and t, timeout_s=30)
    on_network = httpx.get(f"{web_platform.url('sandbox')}/_sandbox/posts",
                           params={"network": "mastodon", "account": "5150"}).json()["posts"]
    [published] = [p for p in on_network if p["text"].startswith("Autumn Blend")]
    page.goto(f"{web}/posts/{post['id']}")
    expect(page.locator("td", has_text="published")).to_be_visible()

    # 7. a shopper follows its tracked link and orders
    path = re.search(r"/r/[A-Za-z0-9_-]+", published["text"]).group(0)
    hop = httpx.get(f"{web_platform.url('attribution')}{path}", follow_redirects=False)
    assert hop.status_code == 302
    utm = parse_qs(urlsplit(hop.headers["location"]).query)
    assert utm["utm_content"] == [target["id"]]
    order = api(web_platform, tenant, "attribution").post("/orders", json={
        "id": "SCENARIO-1", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 4200,
        "currency": "EUR", "utm": {k[4:]: v[0] for k, v in utm.items() if k.startswith("utm_")}})
    assert order.status_code == 202, order.text

    # 8. the revenue page, under two attribution models
    for model in ("last_touch", "linear"):
        def shown():
            page.goto(f"{web}/revenue?level=post&model={model}")
            return page.locator(f"#roi tr[data-key='{post['id']}'] .revenue").count() == 1
        eventually_sync(shown, timeout_s=20, interval_s=0.5)
        expect(page.locator(f"#roi tr[data-key='{post['id']}'] .revenue")).to_have_text("€42.00")
    screenshot(page, "scenario-revenue")
