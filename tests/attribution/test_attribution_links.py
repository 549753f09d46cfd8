"""GET /r/<token>: verified, recorded through Redis, crawlers excluded, tenant resolved from the target."""
import uuid
from urllib.parse import parse_qs, urlsplit

from smmkit.links import sign_link
from tests.utils.polling import eventually

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
CRAWLERS = [
    "TelegramBot (like TwitterBot)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Twitterbot/1.0",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "WhatsApp/2.23.20.0",
]


def token(attr, target_id, destination="https://shop.example/p?color=red"):
    return sign_link(attr.runtime.settings.tracking_secret, target_id, destination)


async def click_rows(attr, target_id):
    return await attr.rows("SELECT * FROM attribution.clicks WHERE target_id = :t ORDER BY clicked_at", t=target_id)


async def test_a_click_redirects_with_the_click_id_sets_a_cookie_and_is_stored(attr):
    tenant = await attr.tenant("links")
    target = await attr.publish_target(tenant.id)
    resp = await attr.visit(f"/r/{token(attr, target)}", user_agent=BROWSER,
                            referer="https://mastodon.example/@shop/1")
    assert resp.status_code == 302
    location = urlsplit(resp.headers["location"])
    query = parse_qs(location.query)
    assert location.netloc == "shop.example" and location.path == "/p"
    assert query["color"] == ["red"] and query["utm_content"] == [str(target)]
    click_id = query["smm_click"][0]
    visitor = resp.cookies.get("smm_vid")
    assert visitor and "httponly" in resp.headers["set-cookie"].lower()

    rows = await eventually(lambda: click_rows(attr, target), what="click flushed to PostgreSQL")
    assert [(r.click_id, r.tenant_id, r.visitor_id) for r in rows] == [(click_id, tenant.id, visitor)]
    assert rows[0].user_agent == BROWSER and rows[0].referrer == "https://mastodon.example/@shop/1"

    # the same browser comes back: same visitor, no new cookie, a second click
    again = await attr.visit(f"/r/{token(attr, target)}", user_agent=BROWSER, visitor=visitor)
    assert again.status_code == 302 and "set-cookie" not in again.headers
    rows = await eventually(lambda: _at_least(click_rows(attr, target), 2), what="second click")
    assert {r.visitor_id for r in rows} == {visitor}


async def _at_least(coro, n):
    rows = await coro
    return rows if len(rows) >= n else None


async def test_forged_or_tampered_tokens_get_404_and_no_redirect(attr):
    target = uuid.uuid4()
    good = token(attr, target, "https://shop.example/")
    tampered = good[:-2] + ("AA" if good[-2:] != "AA" else "BB")
    forged = sign_link("not-our-secret", target, "https://evil.example/")
    for bad in (tampered, forged, "garbage", "A" * 60):
        resp = await attr.visit(f"/r/{bad}", user_agent=BROWSER)
        assert resp.status_code == 404, bad
        assert "location" not in resp.headers
        assert resp.headers["content-type"].startswith("application/problem+json")


async def test_crawlers_get_the_redirect_but_are_not_clicks(attr):
    tenant = await attr.tenant("crawlers")
    target = await attr.publish_target(tenant.id)
    for ua in CRAWLERS:
        resp = await attr.visit(f"/r/{token(attr, target)}", user_agent=ua)
        assert resp.status_code == 302, ua
        assert "smm_click" not in resp.headers["location"] and "set-cookie" not in resp.headers
    # a real click after the crawlers is flushed; the crawlers before it never are
    human = await attr.visit(f"/r/{token(attr, target)}", user_agent=BROWSER)
    click_id = parse_qs(urlsplit(human.headers["location"]).query)["smm_click"][0]
    rows = await eventually(lambda: click_rows(attr, target), what="human click")
    assert [r.click_id for r in rows] == [click_id]


async def test_a_click_before_post_published_is_kept_and_adopted_by_the_tenant_later(attr):
    tenant = await attr.tenant("early")
    target = uuid.uuid4()
    await attr.visit(f"/r/{token(attr, target)}", user_agent=BROWSER)
    rows = await eventually(lambda: click_rows(attr, target), what="ownerless click stored")
    assert rows[0].tenant_id is None
    await attr.publish_target(tenant.id, target_id=target)
    rows = await eventually(lambda: _owned(attr, target), what="click adopted")
    assert rows[0].tenant_id == tenant.id


async def _owned(attr, target):
    rows = await click_rows(attr, target)
    return rows if rows and rows[0].tenant_id is not None else None
