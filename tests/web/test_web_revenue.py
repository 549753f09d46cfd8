"""Revenue: a shopper's two-post journey under every attribution model (Markov and Shapley too) as the API
answers it, SMM's share by channel, the verdict with its lag table, and the CSV export of each table."""
import csv
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import httpx
from babel.numbers import format_currency
from playwright.sync_api import expect

from tests.utils.polling import eventually_sync
from tests.web.conftest import api, connect_account, screenshot, serious_violations, sql


def _download(page, link_name: str) -> list[dict]:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    return list(csv.DictReader(open(download.value.path(), newline="")))


def test_a_two_post_journey_under_every_model_matches_the_api_with_the_verdict_and_csv(web, web_platform, owner,
                                                                                      tenant):
    account = connect_account(web_platform, tenant)
    planner, attribution = api(web_platform, tenant), api(web_platform, tenant, "attribution")
    # metrics reads every second, so the posts' engagement reaches attribution's verdict within the test
    api(web_platform, tenant, "metrics").put("/settings/schedule", json={"bands": [{"until_s": 3600, "every_s": 1}]}
                                             ).raise_for_status()
    posts = [planner.post("/posts", json={
        "text": text, "pillar": pillar, "campaign": "autumn", "links": ["https://shop.example/autumn"],
        "scheduled_at": (datetime.now(timezone.utc) + timedelta(seconds=1)).isoformat(),
        "targets": [{"account_id": account["id"]}]}).raise_for_status().json()
        for text, pillar in (("Autumn is coming", "warm_up"), ("Autumn Blend: 10% off", "sell"))]
    for post in posts:
        eventually_sync(lambda: planner.get(f"/posts/{post['id']}").json()["targets"][0]["status"] == "published",
                        timeout_s=30)
    httpx.post(f"{web_platform.url('sandbox')}/_sandbox/engagement", json={"advance_s": 6 * 3600}).raise_for_status()
    on_network = httpx.get(f"{web_platform.url('sandbox')}/_sandbox/posts",
                           params={"network": "mastodon", "account": account["account_ref"]}).json()["posts"]

    # one shopper follows the teaser's tracked link, then the offer's, then orders: a two-touch journey
    shopper = httpx.Client(base_url=web_platform.url("attribution"), timeout=10)
    for post in posts:
        [published] = [p for p in on_network if p["text"].startswith(post["text"].split(":")[0][:12])]
        hop = shopper.get(re.search(r"/r/[A-Za-z0-9_-]+", published["text"]).group(0), follow_redirects=False)
        assert hop.status_code == 302
    landing = parse_qs(urlsplit(hop.headers["location"]).query)
    # the clicks reach the database from attribution's buffer (Redis) within its flush interval: the order
    # joins only the clicks stored when it arrives
    eventually_sync(lambda: len(sql(web_platform.env["DATABASE_URL"], "SELECT 1 FROM attribution.clicks WHERE "
                                    "visitor_id = $1 AND tenant_id IS NOT NULL", shopper.cookies["smm_vid"])) == 2,
                    timeout_s=20, what="both clicks stored")
    resp = attribution.post("/orders", json={
        "id": f"W-{posts[0]['id'][:8]}", "ordered_at": datetime.now(timezone.utc).isoformat(),
        "total_minor": 2490, "currency": "EUR", "visitor_id": shopper.cookies["smm_vid"],
        "click_id": landing["smm_click"][0],
        "utm": {k[4:]: v[0] for k, v in landing.items() if k.startswith("utm_")}})
    assert resp.status_code == 202, resp.text
    eventually_sync(lambda: len(attribution.get("/reports/roi", params={"level": "post", "model": "linear"})
                                .json()["rows"]) == 2, timeout_s=20)
    until = datetime.now(timezone.utc).date()
    window = {"since": (until - timedelta(days=89)).isoformat(), "until": until.isoformat()}
    # today's engagement and sales against 89 quiet days: enough for the lagged correlations
    selling = eventually_sync(lambda: (r := attribution.get("/reports/selling", params=window).json())["lags"] and r,
                              timeout_s=30)

    owner.goto(f"{web}/revenue")
    offer = owner.locator(f"#roi tr[data-key='{posts[1]['id']}']")
    expect(offer.locator(".revenue")).to_have_text("€24.90")  # last touch: all of it to the offer
    assert owner.locator("#verdict").inner_text()
    assert serious_violations(owner) == []
    screenshot(owner, "revenue")

    for model, shown_as in (("markov", "Markov"), ("shapley", "Shapley"), ("linear", "linear")):
        owner.get_by_label("Attribution model").select_option(model)
        owner.get_by_role("button", name="Show").click()
        expect(owner.locator("#roi caption")).to_have_text(f"Revenue by post under the {shown_as} model")
        answer = attribution.get("/reports/roi", params={"level": "post", "model": model}).json()["rows"]
        assert {r["key"] for r in answer} == {p["id"] for p in posts}
        for row in answer:
            shown = owner.locator(f"#roi tr[data-key='{row['key']}']")
            assert shown.locator(".revenue").inner_text() == format_currency(row["revenue_minor"] / 100, "EUR",
                                                                             locale="en")
        # the CSV is the same table, exactly the API's numbers
        exported = _download(owner, "Export CSV")
        assert {(r["post"], float(r["revenue_minor"])) for r in exported} == \
            {(r["key"], float(r["revenue_minor"])) for r in answer}
        assert sum(float(r["revenue_minor"]) for r in exported) == 2490
    assert serious_violations(owner) == []

    owner.get_by_label("By", exact=True).select_option("campaign")
    owner.get_by_role("button", name="Show").click()
    expect(owner.locator("#roi caption")).to_have_text("Revenue by campaign under the linear model")
    expect(owner.locator("#roi tr[data-key='autumn'] .revenue")).to_have_text("€24.90")
    [row] = _download(owner, "Export CSV")
    assert (row["campaign"], row["currency"], row["revenue_minor"], row["orders"]) == ("autumn", "EUR", "2490", "1")

    # SMM's share beside the other channels: no site tag here, so the tracked clicks are the whole journey
    channels = attribution.get("/reports/channels", params={"model": "linear"}).json()
    [eur] = channels["currencies"]
    assert (eur["revenue_minor"], eur["revenue_from_posts_minor"], eur["influenced_orders"],
            eur["assisted_orders"]) == (2490, 2490, 1, 0)
    summary = owner.locator(".smm-summary[data-currency='EUR']")
    expect(summary.locator(".from-posts")).to_have_text("€24.90")
    expect(summary.locator(".smm")).to_have_text("€24.90 (100%)")
    expect(owner.locator("#channels tr[data-channel='social_tracked'] td").first).to_have_text(
        "our posts (tracked social)")
    [row] = _download(owner, "Export the channel table (CSV)")
    assert (row["channel"], row["revenue_minor"], row["orders"]) == ("social_tracked", "2490", "1")
    owner.get_by_label("By", exact=True).select_option("channel")
    owner.get_by_role("button", name="Show").click()
    expect(owner.locator("#roi caption")).to_have_text("Revenue by channel under the linear model")
    expect(owner.locator("#roi tr[data-key='social_tracked'] .revenue")).to_have_text("€24.90")
    assert serious_violations(owner) == []
    screenshot(owner, "revenue-channels")

    # the verdict in plain words, the lag chart and the table behind it, and its CSV
    assert owner.locator("#verdict").inner_text() == selling["verdict"]
    expect(owner.locator("#lag-chart canvas")).to_have_count(1)
    assert owner.locator("#lags tbody tr").count() == len(selling["lags"])
    lags = _download(owner, "Export the lag table (CSV)")
    assert [(int(r["lag"]), int(r["n"])) for r in lags] == [(x["lag"], x["n"]) for x in selling["lags"]]


def test_an_unknown_model_is_a_readable_422(web, owner):
    resp = owner.goto(f"{web}/revenue?model=astrology")
    assert resp.status == 422
    assert "model" in owner.locator(".error").inner_text()
