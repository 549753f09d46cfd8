"""The calendar: the planner's posts as FullCalendar events; drag to another day; handed-over posts stay put."""
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.utils.polling import eventually_sync
from tests.web.conftest import api, connect_account, new_context, screenshot, serious_violations


def _post(client, account, when: datetime, text: str, pillar: str = "engage") -> dict:
    resp = client.post("/posts", json={"text": text, "scheduled_at": when.isoformat(), "pillar": pillar,
                                       "targets": [{"account_id": account["id"]}]})
    assert resp.status_code == 201, resp.text
    return resp.json()


def _drag(page, source, target) -> None:
    """FullCalendar starts a drag only after the pointer moves a few pixels: move in steps, as a hand does."""
    box, dest = source.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2, steps=5)
    page.mouse.move(dest["x"] + dest["width"] / 2, dest["y"] + dest["height"] / 2, steps=15)
    page.mouse.up()


def test_drag_a_post_to_another_day_and_filter_by_pillar(web, web_platform, owner, tenant):
    account = connect_account(web_platform, tenant)
    planner = api(web_platform, tenant)
    now = datetime.now(timezone.utc)
    # a day of this month with the next day in view too (the month grid shows the first days of the next one)
    day = now + timedelta(days=1)
    when = day.replace(hour=12, minute=0, second=0, microsecond=0)
    post = _post(planner, account, when, "Monday roast poll")
    _post(planner, account, when, "Autumn Blend is here", pillar="sell")

    owner.goto(f"{web}/calendar")
    event = owner.locator(f".fc-event[data-post-id='{post['id']}']")
    expect(event).to_be_visible()
    expect(owner.locator(".fc-event")).to_have_count(2)
    assert serious_violations(owner) == []
    screenshot(owner, "calendar")
    if when.month == now.month:  # the pillar mix beside the calendar is this month's
        sell = owner.locator("#pillar-mix tr[data-pillar='sell'] td")
        assert [sell.nth(1).inner_text(), sell.nth(2).inner_text()] == ["50% (1)", "20%"]

    owner.get_by_label("Pillar", exact=True).select_option("sell")
    expect(owner.locator(".fc-event")).to_have_count(1)
    owner.get_by_label("Pillar", exact=True).select_option("")
    expect(owner.locator(".fc-event")).to_have_count(2)

    target_day = (when + timedelta(days=1)).date().isoformat()
    with owner.expect_response("**/move") as moved:
        _drag(owner, event, owner.locator(f"td.fc-daygrid-day[data-date='{target_day}']"))
    assert moved.value.status == 200
    after = planner.get(f"/posts/{post['id']}").json()["targets"][0]["scheduled_at"]
    assert after.startswith(f"{target_day}T12:00")
    expect(owner.locator(f"td[data-date='{target_day}'] .fc-event[data-post-id='{post['id']}']")).to_be_visible()
    history = planner.get(f"/posts/{post['id']}/history").json()
    assert tenant.owner_email in {h["actor"] for h in history}


def test_a_handed_over_post_cannot_be_dragged_and_a_move_is_refused_with_the_reason(web, web_platform, owner,
                                                                                     tenant):
    account = connect_account(web_platform, tenant)
    planner = api(web_platform, tenant)
    post = _post(planner, account, datetime.now(timezone.utc) + timedelta(seconds=1), "Live now")
    eventually_sync(lambda: planner.get(f"/posts/{post['id']}").json()["targets"][0]["status"] == "published",
               timeout_s=20)

    owner.goto(f"{web}/calendar")
    event = owner.locator(f".fc-event[data-post-id='{post['id']}']")
    expect(event).to_be_visible()
    assert "fc-event-draggable" not in (event.get_attribute("class") or "")
    # the drag the page would send, had the post been handed over while the page was open
    csrf = next(c["value"] for c in owner.context.cookies() if c["name"] == "smm_csrf")
    resp = owner.request.post(f"{web}/calendar/posts/{post['id']}/move", headers={"x-csrf-token": csrf},
                              data={"scheduled_at": "2031-01-01T10:00:00+00:00"})
    assert resp.status == 409
    assert resp.headers["content-type"] == "application/problem+json"
    assert resp.json()["detail"]


def test_an_analysts_calendar_is_read_only(web, web_platform, browser, owner, tenant):
    from tests.web.conftest import accept_invite, invite

    account = connect_account(web_platform, tenant)
    post = _post(api(web_platform, tenant), account, datetime.now(timezone.utc) + timedelta(days=1), "Read me")
    link = invite(owner, web, f"analyst-{tenant.id[:8]}@example.com", "analyst")
    ctx = new_context(browser)
    try:
        analyst = ctx.new_page()
        accept_invite(analyst, link, name="Ann")
        analyst.goto(f"{web}/calendar")
        event = analyst.locator(f".fc-event[data-post-id='{post['id']}']")
        expect(event).to_be_visible()
        assert "fc-event-draggable" not in (event.get_attribute("class") or "")
        csrf = next(c["value"] for c in ctx.cookies() if c["name"] == "smm_csrf")
        resp = analyst.request.post(f"{web}/calendar/posts/{post['id']}/move", headers={"x-csrf-token": csrf},
                                    data={"scheduled_at": "2031-01-01T10:00:00+00:00"})
        assert resp.status == 403
    finally:
        ctx.close()


def test_the_calendar_works_from_the_keyboard(web, web_platform, owner, tenant):
    account = connect_account(web_platform, tenant)
    when = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    post = _post(api(web_platform, tenant), account, when, "Keyboard only")
    owner.goto(f"{web}/calendar")
    event = owner.locator(f".fc-event[data-post-id='{post['id']}']")
    expect(event).to_be_visible()
    event.focus()  # an event is a link: Tab reaches it, Enter opens the post and its reschedule form
    assert owner.evaluate("document.activeElement.dataset.postId") == post["id"]
    owner.keyboard.press("Enter")
    owner.wait_for_url(f"**/posts/{post['id']}")
    new_day = (when + timedelta(days=2)).strftime("%Y-%m-%dT09:30")
    owner.get_by_label("New time (local)").fill(new_day)
    owner.get_by_label("New time (local)").press("Enter")
    owner.wait_for_url(f"**/posts/{post['id']}?moved=1")
    assert api(web_platform, tenant).get(f"/posts/{post['id']}").json()["targets"][0]["scheduled_at"].startswith(
        new_day)
