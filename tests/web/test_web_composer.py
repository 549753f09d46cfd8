"""The composer: live per-network counts from the planner's check (the API's own rules), errors by their field."""
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.web.conftest import api, connect_account, screenshot, serious_violations


def test_live_counts_and_violations_come_from_the_api_rules(web, web_platform, owner, tenant):
    x = connect_account(web_platform, tenant, network="x")
    mastodon = connect_account(web_platform, tenant, network="mastodon")
    owner.goto(f"{web}/compose")
    owner.get_by_label(f"{x['handle']} (x)").check()
    owner.get_by_label(f"{mastodon['handle']} (mastodon)").check()
    owner.get_by_label("Text").fill("é" * 290)
    x_card = owner.locator("article[data-network=x]")
    expect(x_card.locator(".count").first).to_contain_text("290 / 280")  # as the user types: wait for the swap
    expect(x_card.locator(".error")).to_contain_text("allows 280")
    m_card = owner.locator("article[data-network=mastodon]")
    expect(m_card.locator(".count")).to_contain_text("290 / 500")
    assert m_card.locator(".error").count() == 0
    owner.get_by_label("Text").fill("é" * 280)
    expect(x_card.locator(".count").first).to_contain_text("280 / 280")
    assert x_card.locator(".error").count() == 0
    owner.get_by_label("Campaign").fill("autumn")
    owner.get_by_label("Link (optional)").fill("https://shop.example/autumn")
    expect(x_card.locator(".tracked")).to_contain_text(
        "/r/… → https://shop.example/autumn?utm_source=x&utm_medium=social&utm_campaign=autumn&utm_content=")
    assert serious_violations(owner) == []
    screenshot(owner, "composer")


def test_a_post_the_composer_lets_through_is_planned(web, web_platform, owner, tenant):
    account = connect_account(web_platform, tenant)
    when = (datetime.now(timezone.utc) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    owner.goto(f"{web}/compose")
    owner.get_by_label(f"{account['handle']} (mastodon)").check()
    owner.get_by_label("Text").fill("Autumn Blend is here")
    owner.get_by_label("Link (optional)").fill("https://shop.example/autumn")
    owner.get_by_label("Pillar").select_option("sell")
    owner.get_by_label("Campaign").fill("autumn")
    owner.get_by_label("Publish at (local time)").fill(when)
    owner.get_by_role("button", name="Plan post").click()
    owner.wait_for_url("**/calendar?created=*")
    [post] = api(web_platform, tenant).get("/posts").json()
    assert (post["text"], post["pillar"], post["campaign"], post["links"]) == (
        "Autumn Blend is here", "sell", "autumn", ["https://shop.example/autumn"])
    assert post["targets"][0]["scheduled_at"].startswith(when)
    history = api(web_platform, tenant).get(f"/posts/{post['id']}/history").json()
    assert history[0]["actor"] == tenant.owner_email  # the user is the actor, not "api"


def test_an_api_refusal_shows_next_to_the_field(web, web_platform, owner, tenant):
    account = connect_account(web_platform, tenant)
    owner.goto(f"{web}/compose")
    owner.get_by_label(f"{account['handle']} (mastodon)").check()
    owner.get_by_label("Text").fill("x" * 501)
    owner.get_by_label("Pillar").select_option("engage")
    owner.get_by_label("Publish at (local time)").fill("2031-05-05T12:00")
    with owner.expect_response(f"{web}/compose") as answer:
        owner.get_by_role("button", name="Plan post").click()
    assert answer.value.status == 422
    assert "allows 500" in owner.locator("#text-error").inner_text()
    assert owner.get_by_label("Text").input_value() == "x" * 501
    assert api(web_platform, tenant).get("/posts").json() == []
    assert serious_violations(owner) == []
