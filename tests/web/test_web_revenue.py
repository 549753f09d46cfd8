"""Revenue: an order through a post's link shows on the revenue page under two models, and in the CSV export."""
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.utils.polling import eventually_sync
from tests.web.conftest import api, connect_account, screenshot, serious_violations


def test_an_orders_revenue_shows_per_post_under_two_models_with_the_verdict_and_csv(web, web_platform, owner,
                                                                                   tenant):
    account = connect_account(web_platform, tenant)
    planner, attribution = api(web_platform, tenant), api(web_platform, tenant, "attribution")
    post = planner.post("/posts", json={
        "text": "Autumn Blend: 10% off", "pillar": "sell", "campaign": "autumn",
        "scheduled_at": (datetime.now(timezone.utc) + timedelta(seconds=1)).isoformat(),
        "targets": [{"account_id": account["id"]}]}).json()
    target = eventually_sync(lambda: (t := planner.get(f"/posts/{post['id']}").json()["targets"][0])["status"]
                             == "published" and t, timeout_s=20)
    resp = attribution.post("/orders", json={
        "id": f"W-{post['id'][:8]}", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 2490,
        "currency": "EUR", "utm": {"source": "mastodon", "medium": "social", "content": target["id"]}})
    assert resp.status_code == 202, resp.text
    eventually_sync(lambda: attribution.get("/reports/roi", params={"level": "post"}).json()["rows"], timeout_s=20)

    owner.goto(f"{web}/revenue")
    row = owner.locator(f"#roi tr[data-key='{post['id']}']")
    expect(row.locator(".revenue")).to_have_text("€24.90")
    assert owner.locator("#verdict").inner_text()
    assert serious_violations(owner) == []
    screenshot(owner, "revenue")

    owner.get_by_label("Attribution model").select_option("linear")
    owner.get_by_label("By").select_option("campaign")
    owner.get_by_role("button", name="Show").click()
    expect(owner.locator("#roi caption")).to_have_text("Revenue by campaign under the linear model")
    expect(owner.locator("#roi tr[data-key='autumn'] .revenue")).to_have_text("€24.90")

    with owner.expect_download() as download:
        owner.get_by_role("link", name="Export CSV").click()
    lines = open(download.value.path()).read().splitlines()
    assert lines[0].startswith("campaign,currency,revenue_minor")
    assert lines[1].startswith("autumn,EUR,2490,1,")


def test_an_unknown_model_is_a_readable_422(web, owner):
    resp = owner.goto(f"{web}/revenue?model=astrology")
    assert resp.status == 422
    assert "model" in owner.locator(".error").inner_text()
