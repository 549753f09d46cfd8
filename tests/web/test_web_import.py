"""Bulk import: every bad row shown before anything is saved (the planner's dry run), then the valid rows imported;
a large file in parts, with its progress shown."""
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.web.conftest import api, connect_account, screenshot, serious_violations


def _start() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=5)


def _csv(handle: str, n: int, bad_lines: dict[int, str], step: timedelta = timedelta(hours=1)) -> str:
    start = _start()
    lines = ["scheduled_at,timezone,accounts,text,pillar,campaign"]
    for i in range(n):
        when = (start + i * step).replace(tzinfo=None).isoformat()
        lines.append(f"{when},UTC,{handle},Post number {i},{('engage', 'warm_up', 'sell')[i % 3]},spring")
    for i, line in bad_lines.items():
        lines[i] = line
    return "\n".join(lines) + "\n"


def test_bad_rows_are_listed_before_saving_then_only_the_valid_ones_are_imported(web, web_platform, owner, tenant,
                                                                                tmp_path):
    account = connect_account(web_platform, tenant)
    path = tmp_path / "month.csv"
    path.write_text(_csv(account["handle"], 30, {
        4: "2031-13-40T99:00:00,UTC,{h},Bad date,engage,spring".format(h=account["handle"]),
        9: "2031-06-01T10:00:00,UTC,@nobody,Who is this,sell,spring",
    }))
    owner.goto(f"{web}/import")
    assert serious_violations(owner) == []
    owner.get_by_label("CSV file").set_input_files(str(path))
    owner.get_by_role("button", name="Check the file").click()
    assert "28 of 30 row(s) are ready" in owner.get_by_role("heading", level=2).first.inner_text()
    rows = owner.locator("#row-errors tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td").first.inner_text() == "5"  # CSV lines: the header is line 1
    assert "unknown account '@nobody'" in rows.nth(1).inner_text()
    assert serious_violations(owner) == []
    screenshot(owner, "import-preview")
    assert api(web_platform, tenant).get("/posts").json()["items"] == [], "nothing is saved before the user confirms"

    owner.get_by_role("button", name="Import the 28 valid row(s)").click()
    assert "Imported 28 post(s)" in owner.locator("#import-done").inner_text()
    posts = api(web_platform, tenant).get("/posts").json()["items"]
    assert len(posts) == 28
    history = api(web_platform, tenant).get(f"/posts/{posts[0]['id']}/history").json()["items"]
    assert history[0]["actor"] == tenant.owner_email


def test_a_clean_file_is_imported_whole_and_a_file_that_is_not_csv_is_refused(web, web_platform, owner, tenant,
                                                                             tmp_path):
    account = connect_account(web_platform, tenant)
    good = tmp_path / "good.csv"
    good.write_text(_csv(account["handle"], 3, {}))
    owner.goto(f"{web}/import")
    owner.get_by_label("CSV file").set_input_files(str(good))
    owner.get_by_role("button", name="Check the file").click()
    owner.get_by_role("button", name="Import all 3 row(s)").click()
    assert "Imported 3 post(s)" in owner.locator("#import-done").inner_text()

    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\xff\xfe not a csv at all")
    owner.goto(f"{web}/import")
    owner.get_by_label("CSV file").set_input_files(str(junk))
    with owner.expect_response(f"{web}/import") as answer:
        owner.get_by_role("button", name="Check the file").click()
    assert answer.value.status == 422
    assert owner.locator("#file-error").inner_text()
    assert len(api(web_platform, tenant).get("/posts").json()["items"]) == 3


def test_a_large_file_is_imported_in_parts_with_its_progress_shown_and_bad_rows_by_their_line(
        web, web_platform, owner, tenant, tmp_path):
    account = connect_account(web_platform, tenant)
    path = tmp_path / "quarter.csv"
    # 2,000 rows: four parts of 500. The bad lines sit in the third and fourth parts, so their line numbers in the
    # file are the part's own plus the rows before it.
    path.write_text(_csv(account["handle"], 2000, {
        1233: "2031-06-01T10:00:00,UTC,@nobody,Who is this,sell,spring",
        1800: "tomorrow,UTC,{h},Bad date,engage,spring".format(h=account["handle"]),
    }, step=timedelta(minutes=30)))
    owner.goto(f"{web}/import")
    owner.get_by_label("CSV file").set_input_files(str(path))
    owner.get_by_role("button", name="Check the file").click()
    assert "1998 of 2000 row(s) are ready" in owner.get_by_role("heading", level=2).first.inner_text()
    polls = []
    owner.on("response", lambda r: polls.append(r) if "fragment=1" in r.url else None)
    owner.get_by_role("button", name="Import the 1998 valid row(s)").click()
    # The answer to the click is the job as it starts: a progress bar over every row, nothing done yet.
    bar = owner.get_by_label("Importing: 0 of 2000 row(s) done")
    assert (bar.get_attribute("max"), bar.get_attribute("value")) == ("2000", "0")
    assert serious_violations(owner) == []
    screenshot(owner, "import-progress")
    expect(owner.locator("#import-done")).to_contain_text("Imported 1998 post(s) with 1998 target(s); 2 row(s) "
                                                          "were not imported", timeout=120_000)
    done_rows = [int(r.text().split('data-done-rows="')[1].split('"')[0]) for r in polls]
    assert done_rows and done_rows == sorted(done_rows) and done_rows[-1] == 2000, done_rows  # the page polled
    rows = owner.locator("#import-row-errors tbody tr")
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())] == ["1234", "1801"]
    assert "unknown account '@nobody'" in rows.nth(0).inner_text()
    assert "tomorrow" in rows.nth(1).inner_text()
    assert serious_violations(owner) == []
    first = _start().date()
    calendar = api(web_platform, tenant).get("/calendar", params={
        "from": first.isoformat(), "to": (first + timedelta(days=45)).isoformat(), "per_day": 1}).json()
    assert calendar["total"] == 1998
    owner.reload()  # the same job again (the form is posted anew): nothing is imported twice
    expect(owner.locator("#import-done")).to_contain_text("Imported 1998 post(s)")
    assert api(web_platform, tenant).get("/calendar", params={
        "from": first.isoformat(), "to": (first + timedelta(days=45)).isoformat(), "per_day": 1}).json()["total"] == 1998


def test_a_part_refused_at_commit_stops_the_import_and_says_which_lines_were_imported(web, web_platform, owner,
                                                                                      tenant, tmp_path):
    vk = connect_account(web_platform, tenant, network="vk")  # VK: 50 posts a day
    path = tmp_path / "vk.csv"
    step = timedelta(hours=2)
    path.write_text(_csv(vk["handle"], 600, {}, step=step))
    owner.goto(f"{web}/import")
    owner.get_by_label("CSV file").set_input_files(str(path))
    owner.get_by_role("button", name="Check the file").click()
    assert "600 of 600 row(s) are ready" in owner.get_by_role("heading", level=2).first.inner_text()
    # Between the check and the commit, someone fills a day of the second part (rows 501-600) to VK's quota.
    day = (_start() + 550 * step).date()
    planted = "\n".join(["scheduled_at,timezone,accounts,text"] + [
        f"{day.isoformat()}T{h:02d}:{m:02d}:00,UTC,{vk['handle']},Planted {h} {m}"
        for h in range(0, 23, 2) for m in (1, 21, 41, 51)][:45]) + "\n"
    api(web_platform, tenant).post("/imports/posts", params={"format": "csv"}, content=planted,
                                   headers={"content-type": "text/csv"}).raise_for_status()
    owner.get_by_role("button", name="Import all 600 row(s)").click()
    failed = owner.locator("#import-failed")
    expect(failed).to_contain_text("The import stopped at line 502", timeout=60_000)
    assert "Lines before it were imported (500 post(s)); nothing from line 502 on was" in failed.inner_text()
    lines = [int(t) for t in owner.locator("#import-row-errors tbody tr td:first-child").all_inner_texts()]
    assert lines and all(502 <= n <= 601 for n in lines)
    assert "daily_quota" in owner.locator("#import-row-errors").inner_text()
    assert serious_violations(owner) == []
    first = _start().date()
    total = api(web_platform, tenant).get("/calendar", params={
        "from": first.isoformat(), "to": (first + timedelta(days=55)).isoformat(), "per_day": 1}).json()["total"]
    assert total == 500 + 45


def test_parts_number_their_rows_as_the_planner_numbers_the_whole_file():
    """Blank lines and quoted cells over several lines: line n of a part is line n + rows-before-it of the file."""
    from planner.imports.service import parse
    from web.pages.imports import chunks

    rows = ['2031-01-01T10:00:00,UTC,@a,"two\nlines, and a comma"', "", "2031-01-02T10:00:00,UTC,@a,plain", ""]
    content = ("\ufeffscheduled_at,timezone,accounts,text\n" + "\n".join(rows * 5) + "\n").encode()
    whole = parse(content, "csv")
    parts = chunks(content, size=3)
    assert [n for _, n, _ in parts] == [3, 3, 3, 1]
    shifted = [(line + before, rec) for before, _, part in parts for line, rec in parse(part, "csv")]
    assert shifted == whole
    assert whole[-1][1]["text"] == "plain" and whole[0][1]["text"] == "two\nlines, and a comma"
