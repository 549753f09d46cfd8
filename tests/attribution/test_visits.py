"""The site tag's intake: /t.js, the beacon and the pixel, signed site keys, limits, and orders joined through it."""
import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from attribution.shops import parsing
from attribution.visits import keys, tag
from smmkit.links import sign_link

from tests.utils.polling import eventually

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


async def site_key(tenant) -> str:
    resp = await tenant.client.post("/site-keys", json={"label": "shop"})
    assert resp.status_code == 201, resp.text
    return resp.json()["key"]


def new_id() -> str:
    return uuid.uuid4().hex


async def beacon(attr, key, *, visitor=None, url="https://shop.example/", referrer=None, page_view=None,
                 ua=BROWSER, client: httpx.AsyncClient | None = None):
    body = {"key": key, "visitor_id": visitor or new_id(), "page_view_id": page_view or new_id(), "url": url,
            "referrer": referrer}
    return await (client or attr.public).post("/t/beacon", content=json.dumps(body),
                                              headers={"content-type": "text/plain;charset=UTF-8", "user-agent": ua})


async def visits(attr, tenant_id, n=1):
    rows = await attr.rows("SELECT * FROM attribution.visits WHERE tenant_id = :t ORDER BY visited_at", t=tenant_id)
    return rows if len(rows) >= n else None


async def test_the_tag_is_small_versioned_and_cached_for_a_year_under_its_version(attr):
    bare = await attr.public.get("/t.js")
    assert bare.status_code == 200 and bare.headers["content-type"].startswith("application/javascript")
    assert len(bare.content) < 6 * 1024 and b"sendBeacon" in bare.content and b"consent" in bare.content
    assert bare.headers["x-tag-version"] == tag.VERSION and bare.headers["cache-control"] == "public, max-age=3600"
    versioned = await attr.public.get(f"/t.js?v={tag.VERSION}")
    assert versioned.content == bare.content and "immutable" in versioned.headers["cache-control"]
    assert "max-age=31536000" in versioned.headers["cache-control"]


async def test_beacon_and_pixel_are_stored_after_the_flush_with_utm_click_ids_and_only_a_device_class(attr):
    tenant = await attr.tenant("visits")
    key = await site_key(tenant)
    visitor, page_view = new_id(), new_id()
    landing = ("https://shop.example/p?utm_source=ig&utm_medium=social&utm_campaign=autumn&utm_content=c1"
               "&utm_term=mug&smm_click=abc123&fbclid=F&gclid=G&ttclid=T&yclid=Y")
    for _ in range(2):   # a retried beacon (same page view id) is stored once
        resp = await beacon(attr, key, visitor=visitor, page_view=page_view, url=landing,
                            referrer="https://www.google.com/", ua=PHONE)
        assert resp.status_code == 204 and resp.content == b""
    attr.public.cookies.clear()   # a browser that never followed a tracked link: the pixel gives it a visitor id
    pixel = await attr.public.get("/t/p.gif", params={"key": key, "url": "https://shop.example/nojs"},
                                  headers={"user-agent": BROWSER})
    assert pixel.status_code == 200 and pixel.headers["content-type"] == "image/gif"
    assert pixel.content.startswith(b"GIF89a") and pixel.cookies.get("smm_vid")
    by_referer = await attr.public.get("/t/p.gif", params={"key": key},
                                       headers={"user-agent": BROWSER, "referer": "https://shop.example/ref"})
    assert by_referer.status_code == 200

    rows = await eventually(lambda: visits(attr, tenant.id, 3), what="visits flushed")
    assert len(rows) == 3
    b = next(r for r in rows if r.source == "beacon")
    assert (b.visitor_id, b.page_view_id, b.landing_url, b.referrer) == (visitor, page_view, landing,
                                                                         "https://www.google.com/")
    assert (b.utm_source, b.utm_medium, b.utm_campaign, b.utm_content, b.utm_term) == (
        "ig", "social", "autumn", "c1", "mug")
    assert (b.click_id, b.fbclid, b.gclid, b.ttclid, b.yclid) == ("abc123", "F", "G", "T", "Y")
    assert b.device == "mobile" and (b.channel, b.rules_version) == ("social_tracked", 0)   # our click id: channels.rules
    pixels = sorted(r.landing_url for r in rows if r.source == "pixel")
    assert pixels == ["https://shop.example/nojs", "https://shop.example/ref"]
    assert all(r.device == "desktop" and r.click_id is None for r in rows if r.source == "pixel")


async def test_forged_altered_revoked_and_cross_tenant_keys_are_refused_and_store_nothing(attr):
    a, b = await attr.tenant("key-a"), await attr.tenant("key-b")
    key_a, key_b = await site_key(a), await site_key(b)
    tenant_b, key_id_b = keys.verify(attr.runtime.settings.tracking_secret, key_b)
    assert tenant_b == b.id
    raw = base64.urlsafe_b64decode(key_b[len(keys.PREFIX):] + "==")
    # B's key with A's tenant id in it; a key for A signed with another secret; a flipped byte; not a key at all
    swapped = keys.PREFIX + base64.urlsafe_b64encode(a.id.bytes + raw[16:]).decode().rstrip("=")
    forged = keys.sign("not-our-secret", tenant_id=a.id, key_id=uuid.uuid4())
    altered = key_a[:-3] + ("AAA" if key_a[-3:] != "AAA" else "BBB")
    for bad in (swapped, forged, altered, "smmsk_", "garbage"):
        resp = await beacon(attr, bad)
        assert resp.status_code == 403, bad
        assert resp.headers["content-type"].startswith("application/problem+json")
    assert (await attr.public.get("/t/p.gif", params={"key": forged, "url": "https://x.example/"},
                                  headers={"user-agent": BROWSER})).status_code == 403

    # A cannot list or revoke B's key; B revokes its own, and its beacons are refused from then on
    assert [k["key"] for k in (await a.client.get("/site-keys")).json()["items"]] == [key_a]
    assert (await a.client.post(f"/site-keys/{key_id_b}/revoke")).status_code == 404
    assert (await beacon(attr, key_b, url="https://b.example/before")).status_code == 204
    revoked = await b.client.post(f"/site-keys/{key_id_b}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert (await beacon(attr, key_b, url="https://b.example/after")).status_code == 403
    assert (await beacon(attr, key_a, url="https://a.example/ok")).status_code == 204

    rows_a = await eventually(lambda: visits(attr, a.id), what="A's visit flushed")
    rows_b = await eventually(lambda: visits(attr, b.id), what="B's visit flushed")
    assert [r.landing_url for r in rows_a] == ["https://a.example/ok"]
    assert [r.landing_url for r in rows_b] == ["https://b.example/before"]


async def test_crawlers_are_dropped_and_bodies_over_4_kib_are_413(attr):
    tenant = await attr.tenant("visits-bots")
    key = await site_key(tenant)
    for ua in ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "AhrefsBot/7.0", ""):
        assert (await beacon(attr, key, url="https://shop.example/bot", ua=ua)).status_code == 204
    big = await beacon(attr, key, url="https://shop.example/?" + "x" * 5000)
    assert big.status_code == 413 and big.headers["content-type"].startswith("application/problem+json")
    bad = await attr.public.post("/t/beacon", content=b"{not json", headers={"user-agent": BROWSER})
    assert bad.status_code == 422
    assert (await beacon(attr, key, url="https://shop.example/human")).status_code == 204
    rows = await eventually(lambda: visits(attr, tenant.id), what="the human's visit flushed")
    assert [r.landing_url for r in rows] == ["https://shop.example/human"]   # the bots' came first and are gone


async def _until_429(attr, key, client, visitor=None):
    """A beacon per probe until one is refused (the limiter learns the counts from Redis a shipment later)."""
    async def probe():
        resp = await beacon(attr, key, visitor=visitor, client=client)
        assert resp.status_code in (204, 429), resp.text
        return resp if resp.status_code == 429 else None
    return await eventually(probe, interval_s=0.02, what="a 429")


async def test_rate_limits_per_visitor_and_per_ip_answer_429_and_no_ip_is_stored(attr, monkeypatch):
    monkeypatch.setattr(attr.cfg, "visit_rate_per_visitor", 3)
    monkeypatch.setattr(attr.cfg, "visit_rate_per_ip", 6)
    ip = f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=attr.app, client=(ip, 4321)),
                               base_url="http://attr.test")
    tenant = await attr.tenant("visits-rate")
    key = await site_key(tenant)
    try:
        visitor = new_id()
        limited = await _until_429(attr, key, client, visitor)
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.headers["content-type"].startswith("application/problem+json")
        # other visitors from the same address, until the address is over its limit too
        await _until_429(attr, key, client)
        assert (await beacon(attr, key, client=client)).status_code == 429   # any visitor, this address
        assert (await beacon(attr, key, visitor=visitor)).status_code == 429  # this visitor, any address
    finally:
        await client.aclose()
    rows = await eventually(lambda: visits(attr, tenant.id, 3), what="the admitted visits flushed")
    assert [r.visitor_id for r in rows].count(visitor) == 3      # exactly the limit; the rest was dropped
    assert len(rows) <= 6
    for row in rows:
        assert all(ip not in str(value) and BROWSER not in str(value) for value in row), row
    redis_keys = [k async for k in attr.runtime.redis.scan_iter(match=f"{attr.cfg.visit_stream}*")]
    assert redis_keys and not any(ip.encode() in k for k in redis_keys)
    entries = await attr.runtime.redis.xrange(attr.cfg.visit_stream)
    assert not any(ip.encode() in value for _, fields in entries for value in fields.values())


async def click(attr, target_id, destination="https://shop.example/"):
    token = sign_link(attr.runtime.settings.tracking_secret, target_id, destination)
    resp = await attr.visit(f"/r/{token}", user_agent=BROWSER)
    landing = resp.headers["location"]
    click_id = parse_qs(urlsplit(landing).query)["smm_click"][0]
    row = await eventually(lambda: attr.rows("SELECT * FROM attribution.clicks WHERE click_id = :c", c=click_id),
                           what="click stored")
    return landing, row[0].visitor_id


async def test_an_order_with_the_tags_visitor_joins_the_click_made_under_the_redirects_visitor(attr):
    from attribution.visits.service import linked_visitors

    tenant, other = await attr.tenant("visits-join"), await attr.tenant("visits-join-other")
    target = await attr.publish_target(tenant.id)
    landing, redirect_visitor = await click(attr, target)
    tag_visitor = new_id()
    # The order arrives first (the shop passed the tag's visitor id at checkout): nothing to join yet.
    at = datetime.now(UTC) + timedelta(seconds=5)
    resp = await tenant.client.post("/orders", json={"id": "tag-1", "ordered_at": at.isoformat(), "total_minor": 4200,
                                                     "currency": "EUR", "visitor_id": tag_visitor})
    assert resp.status_code == 202
    assert (await attr.wait_order(tenant.id, "tag-1", joined=False)).attributed_at is None
    # Another tenant's tag sees the same click id: it links nothing for the click's tenant, nor for itself.
    other_visitor = new_id()
    assert (await beacon(attr, await site_key(other), visitor=other_visitor, url=landing)).status_code == 204
    assert (await beacon(attr, await site_key(tenant), visitor=tag_visitor, url=landing)).status_code == 204

    order = await attr.wait_order(tenant.id, "tag-1")
    assert order.evidence == "visitor" and order.target_id == target
    assert await attr.credits(tenant.id, "tag-1") == {str(target): 4200}
    async with attr.runtime.db.uow() as uow:
        assert await linked_visitors(uow.session, tenant_id=tenant.id, visitor_id=tag_visitor) == sorted(
            {tag_visitor, redirect_visitor})
        assert await linked_visitors(uow.session, tenant_id=other.id, visitor_id=other_visitor) == [other_visitor]


def _order_id(ext):
    return uuid.uuid5(uuid.NAMESPACE_OID, ext)


def test_shopify_and_woocommerce_carry_the_tags_visitor_id():
    base = {"id": 7, "created_at": "2026-11-20T10:00:00Z", "currency": "EUR", "total_price": "10.00"}
    noted = parsing.shopify_order({**base, "note_attributes": [{"name": "smm_vid", "value": "a" * 32}],
                                   "landing_site": "/?smm_vid=" + "b" * 32}, order_id_for=_order_id)
    assert noted.visitor_id == "a" * 32     # the cart attribute wins over the landing site
    landed = parsing.shopify_order({**base, "landing_site": "/p?" + urlencode({"smm_vid": "b" * 32})},
                                   order_id_for=_order_id)
    assert landed.visitor_id == "b" * 32
    junk = parsing.shopify_order({**base, "note_attributes": [{"name": "smm_vid", "value": "not an id!"}]},
                                 order_id_for=_order_id)
    assert junk.visitor_id is None
    woo = {"id": 9, "currency": "EUR", "total": "5.00", "date_created_gmt": "2026-11-20T10:00:00",
           "meta_data": [{"key": "_smm_vid", "value": "c" * 32}]}
    order, _ = parsing.woo_order(woo, order_id_for=_order_id)
    assert order.visitor_id == "c" * 32


async def test_a_click_flushed_after_the_visit_that_carried_it_still_joins_the_tags_order(attr):
    from attribution.clicks import service as clicks

    tenant = await attr.tenant("visits-late-click")
    target = await attr.publish_target(tenant.id)
    tag_visitor, click_id = new_id(), new_id()
    at = datetime.now(UTC)
    resp = await tenant.client.post("/orders", json={"id": "late-1", "ordered_at": at.isoformat(), "total_minor": 990,
                                                     "currency": "EUR", "visitor_id": tag_visitor})
    assert resp.status_code == 202
    await attr.wait_order(tenant.id, "late-1", joined=False)
    url = f"https://shop.example/?smm_click={click_id}"
    assert (await beacon(attr, await site_key(tenant), visitor=tag_visitor, url=url)).status_code == 204
    await eventually(lambda: visits(attr, tenant.id), what="visit flushed")
    # the redirect's click reaches its stream only now (as if its flusher lagged behind)
    await clicks.ship(attr.runtime.redis, attr.cfg.click_stream, [{
        "c": click_id, "t": str(target), "v": new_id(), "a": (at - timedelta(minutes=1)).isoformat(),
        "u": BROWSER, "r": ""}])
    order = await attr.wait_order(tenant.id, "late-1")
    assert order.evidence == "visitor" and order.target_id == target
