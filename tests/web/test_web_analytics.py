"""Analytics: engagement per day, the best-time heatmap with its sample sizes, and top posts (and their CSV),
from metrics."""
import csv
from datetime import datetime, timedelta, timezone

import httpx
from playwright.sync_api import expect

from tests.utils.polling import eventually_sync
from tests.web.conftest import api, connect_account, screenshot, serious_violations


def test_a_published_posts_engagement_shows_per_day_in_the_heatmap_and_among_top_posts(web, web_platform, owner,
                                                                                      tenant):
    account = connect_account(web_platform, tenant)
    planner, metrics = api(web_platform, tenant), api(web_platform, tenant, "metrics")
    # read every second (the default reads a new post once in its first 10 s, then every 5 min)
    metrics.put("/settings/schedule", json={"bands": [{"until_s": 3600, "every_s": 1}]}).raise_for_status()
    post = planner.post("/posts", json={
        "text": "Which roast on Mondays?", "scheduled_at": (datetime.now(timezone.utc) + timedelta(seconds=1)).isoformat(),
        "targets": [{"account_id": account["id"]}]}).json()
    eventually_sync(lambda: planner.get(f"/posts/{post['id']}").json()["targets"][0]["status"] == "published",
                    timeout_s=20)
    httpx.post(f"{web_platform.url('sandbox')}/_sandbox/engagement", json={"advance_s": 6 * 3600}).raise_for_status()
    top = eventually_sync(lambda: [p for p in metrics.get("/reports/top-posts").json()["posts"] if p["value"] > 0],
                          timeout_s=20)

    owner.goto(f"{web}/analytics?account_id={account['id']}")
    expect(owner.locator("#top-posts li").first).to_contain_text(f": {top[0]['value']}")
    today = owner.locator("#daily tbody tr").last
    assert today.locator("td").nth(1).inner_text() == "1"  # one post published that day
    assert int(today.locator("td").nth(2).inner_text()) > 0
    assert owner.locator("#heatmap tbody tr").count() == 7
    # the heatmap is drawn with each cell's sample size, as metrics counts them
    drawn = sum(int(n) for n in owner.locator("#heatmap tbody td").all_inner_texts())
    best = metrics.get(f"/accounts/{account['id']}/best-times").json()
    assert drawn == sum(c["samples"] for c in best["cells"])
    with owner.expect_download() as download:
        owner.get_by_role("link", name="Export top posts (CSV)").click()
    exported = list(csv.DictReader(open(download.value.path(), newline="")))
    assert exported[0]["target_id"] == top[0]["target_id"]
    assert exported[0]["url"] == top[0]["url"]
    assert int(exported[0]["interactions"]) >= top[0]["value"]  # reads go on: it can only have grown
    assert owner.locator("#daily-chart canvas").count() == 1
    assert serious_violations(owner) == []
    screenshot(owner, "analytics")

    owner.goto(f"{web}/posts/{post['id']}")  # the post's own engagement over time
    points = owner.locator("table.engagement tbody tr")
    assert points.count() >= 1
    assert int(points.last.locator("td").nth(1).inner_text()) > 0  # likes at the latest measurement
    assert serious_violations(owner) == []


def test_an_account_metrics_does_not_know_yet_is_said_not_hidden(web, web_platform, owner, tenant):
    planner = api(web_platform, tenant)
    account = planner.post("/accounts", json={"network": "mastodon", "handle": "@fresh", "account_ref": "9"}).json()
    owner.goto(f"{web}/analytics?account_id={account['id']}")
    notice = owner.get_by_role("status")
    expect(notice).to_contain_text("metrics does not read this account yet")
