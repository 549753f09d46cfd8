"""The calendar: the planner's posts as FullCalendar events; drag to another day; handed-over posts stay put."""
import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

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
    # the empty calendar first, month and week: accessible with nothing in it to focus (axe)
    owner.goto(f"{web}/calendar")
    owner.locator(".fc-daygrid-day").first.wait_for()
    assert serious_violations(owner) == []
    owner.get_by_role("button", name="week", exact=True).click()
    owner.locator(".fc-timegrid-col").first.wait_for()
    assert serious_violations(owner) == []

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

    owner.locator("#f-pillar").select_option("sell")
    expect(owner.locator(".fc-event")).to_have_count(1)
    owner.locator("#f-pillar").select_option("")
    expect(owner.locator(".fc-event")).to_have_count(2)

    target_day = (when + timedelta(days=1)).date().isoformat()
    with owner.expect_response("**/move") as moved:
        _drag(owner, event, owner.locator(f"td.fc-daygrid-day[data-date='{target_day}']"))
    assert moved.value.status == 200
    after = planner.get(f"/posts/{post['id']}").json()["targets"][0]["scheduled_at"]
    assert after.startswith(f"{target_day}T12:00")
    expect(owner.locator(f"td[data-date='{target_day}'] .fc-event[data-post-id='{post['id']}']")).to_be_visible()
    history = planner.get(f"/posts/{post['id']}/history").json()["items"]
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
        expect(analyst.locator("#queue_text")).to_have_count(0)
        expect(analyst.get_by_role("button", name="Save slots")).to_have_count(0)
        for path, form in (("/calendar/queue", {"queue_text": "x", "queue_account": account["id"]}),
                           ("/calendar/slots", {"slots_account": account["id"], "slots": "Mon 09:00"})):
            resp = analyst.request.post(f"{web}{path}", form={**form, "csrf_token": csrf})
            assert resp.status == 403, path
        assert api(web_platform, tenant).get(f"/accounts/{account['id']}/slots").json() == []
    finally:
        ctx.close()


def test_the_calendar_works_from_the_keyboard(web, web_platform, owner, tenant):
    account = connect_account(web_platform, tenant)
    when = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    post = _post(api(web_platform, tenant), account, when, "Keyboard only")
    owner.goto(f"{web}/calendar")
    expect(owner.locator(f".fc-event[data-post-id='{post['id']}']")).to_be_visible()
    zone = owner.locator("#f-tz").input_value()
    # Tab from the top of the page until the post has the focus (every event is in the tab order)
    for _ in range(60):
        owner.keyboard.press("Tab")
        if owner.evaluate("document.activeElement.dataset.postId || ''") == post["id"]:
            break
    else:
        raise AssertionError("Tab never reached the post")
    assert "press M to move" in owner.evaluate("document.activeElement.getAttribute('aria-label')")
    owner.keyboard.press("m")  # Move…: a date and time field, with the focus in it
    assert owner.evaluate("document.activeElement.id") == "move-at"
    owner.keyboard.press("Control+A")
    owner.keyboard.type("next tuesday")
    owner.keyboard.press("Enter")
    expect(owner.locator("#move-error")).to_contain_text("Not moved")
    expect(owner.locator("#move-at")).to_have_attribute("aria-invalid", "true")
    local = when.astimezone(ZoneInfo(zone)) + timedelta(days=2, minutes=30)
    owner.keyboard.press("Control+A")
    owner.keyboard.type(local.strftime("%Y-%m-%d %H:%M"))
    owner.keyboard.press("Enter")
    expect(owner.locator("#calendar-status")).to_contain_text(f"Moved to {local:%Y-%m-%d %H:%M} ({zone})")
    expect(owner.locator("#move-form")).to_be_hidden()
    after = datetime.fromisoformat(api(web_platform, tenant).get(f"/posts/{post['id']}").json()["targets"][0]
                                   ["scheduled_at"])
    assert after == when + timedelta(days=2, minutes=30)
    # the focus comes back to the moved post, on its new day; Escape closes Move… without moving
    moved = owner.locator(f"td[data-date='{local.date().isoformat()}'] .fc-event[data-post-id='{post['id']}']")
    expect(moved).to_be_focused()
    owner.keyboard.press("m")
    owner.keyboard.press("Escape")
    expect(owner.locator("#move-form")).to_be_hidden()
    assert owner.evaluate("document.activeElement.dataset.postId") == post["id"]
    assert serious_violations(owner) == []

def _account(planner, **fields) -> dict:
    """An account through the planner alone (enough for the calendar; nothing is published from it)."""
    ref = str(uuid.uuid4().int % 10**8)
    resp = planner.post("/accounts", json={"network": "mastodon", "handle": f"@z{ref}", "account_ref": ref, **fields})
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_queue_slots_and_recurring_posts_on_the_calendar(web, web_platform, owner, tenant):
    account = connect_account(web_platform, tenant)
    planner = api(web_platform, tenant)
    owner.goto(f"{web}/calendar")

    # weekly slots: a bad line is refused next to the field, then every day at 09:00 (free slots in any month)
    owner.locator("#slots_account").select_option(account["id"])
    # the account's current slots (none yet) swapped in by htmx before typing
    expect(owner.locator(f"#slots-field[data-account='{account['id']}']")).to_be_attached()
    slots = owner.get_by_label("Weekly slots, in the account's zone")
    slots.fill("Funday 25:00")
    owner.get_by_role("button", name="Save slots").click()
    expect(owner.locator("#slots-error")).to_contain_text("weekday and a time")
    expect(owner.locator("#slots")).to_have_attribute("aria-invalid", "true")
    owner.get_by_label("Weekly slots, in the account's zone").fill(
        "\n".join(f"{d} 09:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")))
    owner.get_by_role("button", name="Save slots").click()
    expect(owner.get_by_text("Queue slots saved.")).to_be_visible()
    assert len(planner.get(f"/accounts/{account['id']}/slots").json()) == 7
    # the page came back with the account picked: its free slots show, labelled, apart from posts
    expect(owner.locator("#f-account")).to_have_value(account["id"])
    expect(owner.locator(".fc-event.slot").first).to_be_visible()
    assert "free queue slot" in owner.locator(".fc-event.slot").first.get_attribute("aria-label")
    free_before = owner.locator(".fc-event.slot").count()

    # add to the queue: the next free slot (the next 09:00 UTC from now)
    owner.locator("#queue_text").fill("Queued roast notes")
    owner.locator("#queue_account").select_option(account["id"])
    owner.get_by_role("button", name="Add to the queue (next free slot)").click()
    expect(owner.locator("#queued-notice")).to_contain_text("Added to the queue for")
    queued = [p for p in planner.get("/posts").json()["items"] if p["text"] == "Queued roast notes"]
    assert len(queued) == 1
    at = datetime.fromisoformat(queued[0]["targets"][0]["scheduled_at"])
    now = datetime.now(timezone.utc)
    nine = now.replace(hour=9, minute=0, second=0, microsecond=0)
    assert at == (nine if nine > now else nine + timedelta(days=1))
    owner.locator("#f-account").select_option(account["id"])
    expect(owner.locator(f".fc-event[data-post-id='{queued[0]['id']}']")).to_be_visible()
    if at.month == now.month:  # the slot it took is no longer free in this month's view
        expect(owner.locator(".fc-event.slot")).to_have_count(free_before - 1)

    # a recurring post, daily: its occurrences past what the planner has made into posts show next month
    owner.locator("#rec_text").fill("Daily tip")
    owner.locator("#rec_account").select_option(account["id"])
    owner.locator("#rec_repeat").select_option("DAILY")
    owner.locator("#rec_start").fill((now + timedelta(days=1)).strftime("%Y-%m-%dT10:00"))
    owner.get_by_role("button", name="Create recurring post").click()
    expect(owner.get_by_text("Recurring post created.")).to_be_visible()
    rec = planner.get("/recurrences").json()["items"][0]
    assert rec["rrule"] == "FREQ=DAILY" and rec["active"]
    owner.locator(".fc-next-button").click()
    occurrence = owner.locator(".fc-event.occurrence").first
    expect(occurrence).to_be_visible()
    assert "Repeats: Daily tip" in occurrence.get_attribute("aria-label")
    assert "recurring post" in occurrence.get_attribute("aria-label")
    assert serious_violations(owner) == []
    screenshot(owner, "calendar-schedules")

    owner.get_by_role("button", name="Stop: Daily tip").click()
    expect(owner.get_by_text("Recurring post stopped.")).to_be_visible()
    assert planner.get("/recurrences").json()["items"][0]["active"] is False
    owner.locator("#f-account").select_option(account["id"])
    owner.locator(".fc-next-button").click()
    expect(owner.locator(".fc-event.slot").first).to_be_visible()  # the feed answered for the next month
    expect(owner.locator(".fc-event.occurrence")).to_have_count(0)

    # adding to the queue of an account without slots: the reason next to the account field
    other = _account(planner)
    owner.goto(f"{web}/calendar")
    owner.locator("#queue_text").fill("Nowhere to go")
    owner.locator("#queue_account").select_option(other["id"])
    owner.get_by_role("button", name="Add to the queue (next free slot)").click()
    expect(owner.locator("#queue_account-error")).to_contain_text("no posting slots")


def test_brand_filter_and_times_in_the_accounts_zone(web, web_platform, owner, tenant):
    planner = api(web_platform, tenant)
    brand = planner.post("/brands", json={"name": "Tokyo Roasters"}).json()
    tokyo = _account(planner, timezone="Asia/Tokyo", brand_id=brand["id"])
    plain = _account(planner)
    day = (datetime.now(timezone.utc) + timedelta(days=2)).replace(hour=3, minute=0, second=0, microsecond=0)
    in_tokyo = _post(planner, tokyo, day, "Tokyo morning")
    elsewhere = _post(planner, plain, day, "Elsewhere")

    owner.goto(f"{web}/calendar")
    browser_zone = owner.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    expect(owner.locator("#calendar-zone")).to_have_text(f"Times shown in {browser_zone}")
    expect(owner.locator(".fc-event[data-kind='post']")).to_have_count(2)

    owner.get_by_label("Brand").select_option(brand["id"])
    expect(owner.locator(".fc-event[data-kind='post']")).to_have_count(1)
    expect(owner.locator(f".fc-event[data-post-id='{in_tokyo['id']}']")).to_be_visible()
    expect(owner.locator(f".fc-event[data-post-id='{elsewhere['id']}']")).to_have_count(0)

    # picking the account shows its zone; 03:00 UTC is noon in Tokyo, on the same day
    owner.locator("#f-account").select_option(tokyo["id"])
    expect(owner.get_by_label("Times in")).to_have_value("Asia/Tokyo")
    expect(owner.locator("#calendar-zone")).to_have_text("Times shown in Asia/Tokyo")
    event = owner.locator(f".fc-event[data-post-id='{in_tokyo['id']}']")
    expect(event.locator(".fc-event-time")).to_have_text("12p")
    local_day = day.astimezone(ZoneInfo("Asia/Tokyo")).date().isoformat()
    expect(owner.locator(f"td[data-date='{local_day}'] .fc-event[data-post-id='{in_tokyo['id']}']")).to_be_visible()
    owner.get_by_label("Times in").select_option("UTC")
    expect(event.locator(".fc-event-time")).to_have_text("3a")
    assert serious_violations(owner) == []


def test_slots_are_read_from_text_and_free_ones_resolved_on_their_own_day():
    """No browser: the slots field's parsing, and free slots across a DST change (09:00 Berlin stays 09:00)."""
    from datetime import date

    import pytest

    from web.pages.calendar_schedules import free_slots, parse_slots, slots_text

    slots = parse_slots("mon 9:00, Sunday 09:00\n\nSat 18:30")
    assert slots == [{"weekday": 0, "time": "09:00"}, {"weekday": 6, "time": "09:00"},
                     {"weekday": 5, "time": "18:30"}]
    assert slots_text([{"weekday": 6, "time": "09:00:00"}]) == "Sun 09:00"
    for bad in ("Funday 09:00", "Mon 25:00", "Mon"):
        with pytest.raises(ValueError):
            parse_slots(bad)

    berlin = ZoneInfo("Europe/Berlin")
    rows = [{"weekday": 6, "time": "09:00:00"}]
    got = free_slots(rows, "Europe/Berlin", date(2031, 3, 20), date(2031, 4, 10), ZoneInfo("UTC"),
                     now=datetime(2031, 3, 1, tzinfo=timezone.utc), taken=set())
    assert [a.astimezone(berlin).strftime("%d %H:%M") for a in got] == ["23 09:00", "30 09:00", "06 09:00"]
    assert [a.astimezone(timezone.utc).hour for a in got] == [8, 7, 7]  # CET, then CEST
    held = free_slots(rows, "Europe/Berlin", date(2031, 3, 20), date(2031, 4, 10), ZoneInfo("UTC"),
                      now=datetime(2031, 3, 24, tzinfo=timezone.utc), taken={got[1]})
    assert held == [got[2]]  # the 23rd is past, the 30th is held by a post


def test_a_busy_day_lists_five_posts_in_the_month_and_links_to_its_week_for_the_rest(web, web_platform, owner,
                                                                                      tenant):
    accounts = [connect_account(web_platform, tenant) for _ in range(2)]
    planner = api(web_platform, tenant)
    day = (datetime.now(timezone.utc) + timedelta(days=3)).replace(hour=8, minute=0, second=0, microsecond=0)
    posts = [_post(planner, accounts[i % 2], day + timedelta(hours=i), f"Busy day #{i}") for i in range(8)]

    owner.goto(f"{web}/calendar?date={day.date().isoformat()}")
    cell = owner.locator(f"td.fc-daygrid-day[data-date='{day.date().isoformat()}']")
    more = cell.get_by_role("link", name="+3 more posts")
    expect(more).to_be_visible()  # the planner counted all 8 and listed the first 5
    expect(cell.locator(".fc-event[data-kind='post']")).to_have_count(5)
    assert serious_violations(owner) == []

    more.click()
    owner.wait_for_url("**view=week**")
    week_day = owner.locator(f".fc-timegrid-col[data-date='{day.date().isoformat()}']")
    expect(week_day.locator(".fc-event[data-kind='post']")).to_have_count(8)  # a week lists every post
    assert serious_violations(owner) == []  # the week, full
    assert {p["id"] for p in posts} == set(week_day.locator(".fc-event[data-kind='post']").evaluate_all(
        "els => els.map(e => e.dataset.postId)"))
