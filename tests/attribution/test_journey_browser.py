"""One person's whole journey in Chromium (issue 17): a sandbox post's tracked link on Instagram, the shop with
the tag (consent given), a second page, away, back "from search" (Google), checkout. The order's journey lists
the post click, then the organic search visit, and every per-journey model's credit is the hand-computed one.

Production-shaped hosts: Chromium resolves www.instagram.com, www.google.com and shop.example to one local
HTTPS server (``--host-resolver-rules``; a self-signed certificate, accepted by the context: instagram.com and
google.com are HSTS-preloaded, so plain http would never reach it). That server plays the three sites by Host
header. Referrers are Chromium's own (strict-origin-when-cross-origin), so the search visit's referrer host is
www.google.com as in life. The attribution service is the in-process ``attr`` on http://127.0.0.1 (loopback is
a secure origin: the shop's HTTPS pages may load the tag and send beacons to it).

Screenshots of every step go to var/screenshots/journey-*.png (kept as artefacts, as tests/web does).
"""
import asyncio
import datetime as dt
import json
import math
from fractions import Fraction
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import uvicorn
from attribution.visits import tag
from smmkit import stack
from smmkit.links import sign_link
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route

from tests.utils.polling import eventually
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS

SHOP, INSTAGRAM, GOOGLE = "shop.example", "www.instagram.com", "www.google.com"
TOTAL_MINOR = 5000            # even: linear and position-based halves are whole, no tie to break
HALF_LIFE_S = 60              # the tenant's time-decay half-life: a few seconds between touches tell
MODELS = ("first_touch", "last_touch", "last_non_direct", "linear", "position_based", "time_decay")

TAG = """<script>window.smmq=window.smmq||[];function smm(){smmq.push(arguments)}smm('init', '%(key)s');
if (document.cookie.indexOf('consent=yes') >= 0) smm('consent', true);</script>
<script async src="%(attr)s/t.js?v=%(version)s"></script>"""
SHOP_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%(title)s - Mug shop</title>%(tag)s
</head><body><h1>%(title)s</h1>
<button id="accept" onclick="document.cookie='consent=yes; path=/; Secure'; smm('consent', true)">Accept cookies</button>
<nav><a id="catalog" href="/catalog">All mugs</a> <a id="checkout" href="/checkout">Checkout</a></nav>%(body)s</body></html>"""
CHECKOUT = """<form method="post" action="/checkout"><input type="hidden" name="smm_vid" id="smm_vid">
<p>Blue mug, 50.00 EUR</p><button id="place" type="submit">Place order</button></form>
<script>smm('visitorId', function (id) { if (id) document.getElementById('smm_vid').value = id; });</script>"""
POST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Instagram</title></head><body>
<article><p>@mugshop: our new blue mug is here</p><a id="shop-link" href="%(link)s">Shop the mug</a></article>
</body></html>"""
RESULTS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%(q)s - Google Search</title></head>
<body><h1>Results for %(q)s</h1><a id="result" href="https://shop.example/mugs">Mug shop: blue mugs</a></body></html>"""


def self_signed(directory: Path) -> tuple[str, str]:
    """A certificate for the three hosts (the browser context is told to accept it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SHOP)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in (SHOP, INSTAGRAM, GOOGLE)]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


@pytest.fixture
async def sites(attr, tmp_path):
    """Instagram's post page, Google's results page and the shop, by Host header, on one HTTPS port."""
    state: dict = {"key": "", "link": "", "tenant": None, "orders": []}

    def shop_page(title: str, body: str = "") -> HTMLResponse:
        snippet = TAG % {"key": state["key"], "attr": attr.url, "version": tag.VERSION}
        return HTMLResponse(SHOP_PAGE % {"title": escape(title), "tag": snippet, "body": body})

    async def checkout(request: Request):
        """The shop's backend passes the tag's visitor id with the order, as the tag documents."""
        if request.method == "GET":
            return shop_page("Checkout", CHECKOUT)
        form = await request.form()
        external_id = f"mug-{len(state['orders']) + 1}"
        resp = await state["tenant"].client.post("/orders", json={
            "id": external_id, "ordered_at": dt.datetime.now(dt.UTC).isoformat(), "customer_id": "ana",
            "visitor_id": form.get("smm_vid") or None, "total_minor": TOTAL_MINOR, "currency": "EUR"})
        state["orders"].append((external_id, resp.status_code, resp.json()))
        return RedirectResponse(f"/thanks?order={resp.json().get('order_id', '')}", status_code=303)

    async def any_page(request: Request):
        host, path = request.url.hostname, request.url.path
        if host == INSTAGRAM and path.startswith("/p/"):
            return HTMLResponse(POST_PAGE % {"link": escape(state["link"])})
        if host == GOOGLE and path == "/search":
            return HTMLResponse(RESULTS % {"q": escape(request.query_params.get("q", ""))})
        if host == SHOP and path == "/checkout":
            return await checkout(request)
        if host == SHOP and path in ("/landing", "/catalog", "/mugs", "/thanks"):
            order = request.query_params.get("order")
            return shop_page({"/landing": "Blue mug", "/catalog": "All mugs", "/mugs": "Mugs",
                              "/thanks": "Thank you"}[path], f'<p id="order">{escape(order)}</p>' if order else "")
        return PlainTextResponse("not found", status_code=404)

    cert, key = self_signed(tmp_path)
    port = stack.free_port()
    app = Starlette(routes=[Route("/{path:path}", any_page, methods=["GET", "POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning",
                                           ssl_certfile=cert, ssl_keyfile=key))
    task = asyncio.create_task(server.serve())

    async def started():
        return server.started or None
    await eventually(started, what="the sites' HTTPS server")
    state["rules"] = ", ".join(f"MAP {host} 127.0.0.1:{port}" for host in (SHOP, INSTAGRAM, GOOGLE))
    yield state
    server.should_exit = True
    await asyncio.wait_for(task, 10)


def shot(page_, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return page_.screenshot(path=str(SCREENSHOTS / f"journey-{name}.png"), full_page=True)


def largest_remainder(exact: list[Fraction]) -> list[int]:
    """Hamilton rounding, written out: floors, then the units left to the largest remainders (earlier first)."""
    floors = [math.floor(x) for x in exact]
    left = int(sum(exact)) - sum(floors)
    for i in sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))[:left]:
        floors[i] += 1
    return floors


def time_decay_by_hand(post_at: dt.datetime, search_at: dt.datetime) -> tuple[int, int]:
    """Weights 2^(-age/H) relative to the youngest touch (the search visit: weight 1), shares V*w/Σw."""
    w_post = Fraction(2.0 ** (-((search_at - post_at) / dt.timedelta(seconds=HALF_LIFE_S))))
    w_search = Fraction(1)
    total = w_post + w_search
    post, search = largest_remainder([TOTAL_MINOR * w_post / total, TOTAL_MINOR * w_search / total])
    return post, search


async def test_post_click_then_search_then_checkout_journey_and_credits(attr, sites):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.async_api import async_playwright

    tenant = await attr.tenant("browser-journey")
    sites["tenant"] = tenant
    sites["key"] = (await tenant.client.post("/site-keys", json={"label": "mug shop"})).json()["key"]
    resp = await tenant.client.patch("/settings", json={"half_life_s": HALF_LIFE_S})
    assert resp.status_code == 200, resp.text
    target = await attr.publish_target(tenant.id, network="instagram", campaign="blue-mug")
    sites["link"] = f"{attr.url}/r/" + sign_link(attr.runtime.settings.tracking_secret, target,
                                                  f"https://{SHOP}/landing?utm_source=instagram")

    beacons: list[dict] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=[*CHROMIUM_ARGS, f"--host-resolver-rules={sites['rules']}"])
        try:
            ctx = await browser.new_context(ignore_https_errors=True, locale="en-US", timezone_id="UTC")
            ctx.set_default_timeout(15_000)
            page = await ctx.new_page()

            async def beacon_of(action) -> dict:
                async with page.expect_request(lambda r: "/t/beacon" in r.url) as sent:
                    await action()
                beacons.append(json.loads((await sent.value).post_data))
                return beacons[-1]

            # 1. The post on Instagram; its tracked link goes through our redirect to the shop.
            await page.goto(f"https://{INSTAGRAM}/p/Cmug1/")
            await shot(page, "1-instagram-post")
            await page.click("#shop-link")
            await page.wait_for_url(f"https://{SHOP}/landing?**")
            click_id = parse_qs(urlsplit(page.url).query)["smm_click"][0]
            await page.wait_for_function("window.smmq && !Array.isArray(window.smmq)")   # the tag has run
            assert beacons == []                                                         # no consent yet
            landing = await beacon_of(lambda: page.click("#accept"))
            assert f"smm_click={click_id}" in landing["url"]
            await shot(page, "2-shop-landing")
            # 2. A second page of the shop (internal: no touch).
            browse = await beacon_of(lambda: page.click("#catalog"))
            assert urlsplit(browse["referrer"]).hostname == SHOP
            await shot(page, "3-shop-catalog")
            # 3. Away to Google, and back through a search result.
            await page.goto(f"https://{GOOGLE}/search?q=blue+mug")
            await shot(page, "4-google-results")
            search = await beacon_of(lambda: page.click("#result"))
            assert urlsplit(search["referrer"]).hostname == GOOGLE and "smm_click" not in search["url"]
            await shot(page, "5-shop-from-search")
            # 4. Checkout: the page hands the tag's visitor id to the shop's form.
            checkout = await beacon_of(lambda: page.click("#checkout"))
            visitor = await page.evaluate("smm('visitorId')")
            assert {b["visitor_id"] for b in beacons} == {visitor}
            assert await page.input_value("#smm_vid") == visitor
            # A person takes longer than this test: let the four page views reach PostgreSQL first.
            await eventually(lambda: attr.scalar(
                "SELECT count(*) = 4 OR NULL FROM attribution.visits WHERE tenant_id = :t AND visitor_id = :v",
                t=tenant.id, v=visitor), what="the four page views flushed")
            await shot(page, "6-checkout")
            await page.click("#place")
            await page.wait_for_url(f"https://{SHOP}/thanks?**")
            await shot(page, "7-thank-you")
        finally:
            await browser.close()

    [(external_id, status, accepted)] = sites["orders"]
    assert status == 202, accepted
    order_id = accepted["order_id"]
    order = await attr.wait_order(tenant.id, external_id)
    assert order.visitor_id == visitor

    # The journey (design17 §6): the post click (the landing visit carried its click id: one touch), then
    # organic search; the internal page views are no touches.
    resp = await tenant.client.get(f"/orders/{order_id}/journey")
    assert resp.status_code == 200, resp.text
    journey = resp.json()
    touches = journey["touches"]
    assert [(t["channel"], t["kind"], t["target_id"]) for t in touches] == [
        ("social_tracked", "click", str(target)), ("organic_search", "visit", None)], touches
    post, searched = touches
    assert (post["click_id"], post["network"]) == (click_id, "instagram")
    assert searched["page_view_id"] == search["page_view_id"] and searched["click_id"] is None
    assert post["position"] < searched["position"]
    post_at, search_at = (dt.datetime.fromisoformat(t["touched_at"]) for t in touches)
    assert post_at < search_at
    assert {landing["page_view_id"], browse["page_view_id"], checkout["page_view_id"]}.isdisjoint(
        {t["page_view_id"] for t in touches})

    # Credits per model, by touch key (the target id for the post, the channel name otherwise).
    post_key, search_key = str(target), "organic_search"
    td_post, td_search = time_decay_by_hand(post_at, search_at)
    assert td_post < td_search and td_post + td_search == TOTAL_MINOR   # the later touch weighs more
    expected = {
        "first_touch": {post_key: TOTAL_MINOR},
        "last_touch": {search_key: TOTAL_MINOR},
        "last_non_direct": {search_key: TOTAL_MINOR},
        "linear": {post_key: 2500, search_key: 2500},
        "position_based": {post_key: 2500, search_key: 2500},      # two touches: 50/50
        "time_decay": {post_key: td_post, search_key: td_search},
    }
    credits = journey["credits"]
    assert set(credits) == set(MODELS)
    got = {model: {c["key"]: c["amount_minor"] for c in lines if c["amount_minor"]} for model, lines in credits.items()}
    assert got == expected
    for lines in credits.values():
        for c in lines:
            want = ("social_tracked", str(target)) if c["key"] == post_key else ("organic_search", None)
            assert (c["channel"], c["target_id"]) == want, c
