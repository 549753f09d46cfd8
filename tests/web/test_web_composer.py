"""The composer: live per-network counts from the planner's check (the API's own rules), per-account versions,
media and tracked links previewed, errors by their field."""
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
    [post] = api(web_platform, tenant).get("/posts").json()["items"]
    assert (post["text"], post["pillar"], post["campaign"], post["links"]) == (
        "Autumn Blend is here", "sell", "autumn", ["https://shop.example/autumn"])
    assert post["targets"][0]["scheduled_at"].startswith(when)
    history = api(web_platform, tenant).get(f"/posts/{post['id']}/history").json()["items"]
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
    assert api(web_platform, tenant).get("/posts").json()["items"] == []
    assert serious_violations(owner) == []

    # A refused version of one account's own shows beside that version; a bad media size beside the media.
    owner.get_by_label("Text").fill("Short and fine")
    owner.get_by_text(f"Own version for mastodon · {account['handle']}").first.click()
    owner.get_by_label(f"Own version for mastodon · {account['handle']}").fill("y" * 501)
    with owner.expect_response(f"{web}/compose") as answer:
        owner.get_by_role("button", name="Plan post").click()
    assert answer.value.status == 422
    assert "allows 500" in owner.locator(f"#override-{account['id']}-error").inner_text()
    assert owner.locator("#text-error").count() == 0
    owner.get_by_label(f"Own version for mastodon · {account['handle']}").fill("")
    owner.get_by_label("Media 1 URL").fill("https://cdn.example/a.jpg")
    owner.get_by_label("Media 1 size in bytes (optional)").fill("lots")
    with owner.expect_response(f"{web}/compose") as answer:
        owner.get_by_role("button", name="Plan post").click()
    assert answer.value.status == 422
    assert owner.locator("#media-error").inner_text()
    assert owner.get_by_label("Media 1 URL").input_value() == "https://cdn.example/a.jpg"
    assert api(web_platform, tenant).get("/posts").json()["items"] == []
    assert serious_violations(owner) == []


def test_own_versions_media_and_tracked_links_are_checked_per_network_then_planned(web, web_platform, owner,
                                                                                   tenant):
    x = connect_account(web_platform, tenant, network="x")
    telegram = connect_account(web_platform, tenant, network="telegram")
    owner.goto(f"{web}/compose")
    owner.get_by_label(f"{x['handle']} (x)").check()
    owner.get_by_label(f"{telegram['handle']} (telegram)").check()
    short_text = "Autumn Blend is here: https://shop.example/autumn"
    long_text = f"{short_text} {'b' * 1000}"  # Telegram counts UTF-16 units: len() for ASCII
    owner.get_by_label("Text").fill(long_text)
    x_card = owner.locator("article[data-network=x]")
    t_card = owner.locator("article[data-network=telegram]")
    expect(x_card.locator(".error")).to_contain_text("allows 280")
    # no media yet: a message, not a caption (counts are numbers of the reader's locale: "1,050 / 4,096")
    expect(t_card.locator(".count")).to_contain_text(f"{len(long_text):,} / 4,096")
    # X gets a version of its own: counted with X's rules (a link weighs 23), the master text elsewhere.
    owner.get_by_text(f"Own version for x · {x['handle']}").first.click()
    owner.get_by_label(f"Own version for x · {x['handle']}").fill("Autumn Blend, on X: https://shop.example/x")
    expect(x_card.locator(".count")).to_contain_text("43 / 280")
    assert x_card.locator(".error").count() == 0
    expect(x_card.locator(".badge")).to_have_text("own version")
    assert "b" * 1000 in t_card.locator(".preview-text").inner_text()
    # Each card shows what its link becomes: attribution's redirect to the URL tagged for that network.
    owner.get_by_label("Campaign").fill("autumn")
    expect(x_card.locator(".tracked")).to_contain_text(
        "/r/… → https://shop.example/x?utm_source=x&utm_medium=social&utm_campaign=autumn&utm_content=TARGET-ID")
    expect(t_card.locator(".tracked")).to_contain_text("https://shop.example/autumn?utm_source=telegram&")

    # An image makes Telegram's text a caption (1,024); a video beside it is fine there, not on X.
    owner.get_by_label("Media 1 URL").fill("https://cdn.example/beans.jpg")
    owner.get_by_label("Media 1 size in bytes (optional)").fill("500000")
    expect(t_card.locator(".count")).to_contain_text(f"{len(long_text):,} / 1,024")
    expect(t_card.locator(".error")).to_contain_text("allows 1024")
    expect(x_card.locator(".preview-media")).to_contain_text("image: https://cdn.example/beans.jpg")
    owner.get_by_role("button", name="Add media").click()
    owner.get_by_label("Media 2 URL").fill("https://cdn.example/pour.mp4")
    owner.get_by_label("Media 2 kind").select_option("video")
    expect(x_card.locator(".error")).to_contain_text("not together")
    owner.get_by_role("button", name="Remove media 2").click()
    expect(x_card.locator(".error")).to_have_count(0)
    owner.get_by_label("Text").fill(short_text)
    expect(t_card.locator(".count")).to_contain_text(f"{len(short_text):,} / 1,024")
    expect(t_card.locator(".error")).to_have_count(0)
    assert serious_violations(owner) == []
    screenshot(owner, "composer-versions-media")

    owner.get_by_label("Publish at (local time)").fill(
        (datetime.now(timezone.utc) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    owner.get_by_role("button", name="Plan post").click()
    owner.wait_for_url("**/calendar?created=*")
    [post] = api(web_platform, tenant).get("/posts").json()["items"]
    assert post["text"] == short_text
    assert post["media"] == [{"url": "https://cdn.example/beans.jpg", "kind": "image", "size_bytes": 500000}]
    own = {t["network"]: t["text_override"] for t in post["targets"]}
    assert own == {"x": "Autumn Blend, on X: https://shop.example/x", "telegram": None}
