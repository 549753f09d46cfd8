"""Bulk import: every bad row shown before anything is saved (the planner's dry run), then the valid rows imported."""
from datetime import datetime, timedelta, timezone

from tests.web.conftest import api, connect_account, screenshot, serious_violations


def _csv(handle: str, n: int, bad_lines: dict[int, str]) -> str:
    start = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=5)
    lines = ["scheduled_at,timezone,accounts,text,pillar,campaign"]
    for i in range(n):
        when = (start + timedelta(hours=i)).replace(tzinfo=None).isoformat()
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
    assert api(web_platform, tenant).get("/posts").json() == [], "nothing is saved before the user confirms"

    owner.get_by_role("button", name="Import the 28 valid row(s)").click()
    assert "Imported 28 post(s)" in owner.locator("#import-done").inner_text()
    posts = api(web_platform, tenant).get("/posts").json()
    assert len(posts) == 28
    history = api(web_platform, tenant).get(f"/posts/{posts[0]['id']}/history").json()
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
    assert len(api(web_platform, tenant).get("/posts").json()) == 3
