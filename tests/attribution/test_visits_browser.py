"""The site tag in Chromium: a click on a tracked link lands on a shop page with the tag; nothing is sent or
stored in the browser until the page grants consent; then one beacon carries the click id and the tag's visitor."""
import asyncio
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import uvicorn
from attribution.visits import tag
from smmkit import stack
from smmkit.links import sign_link
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from tests.utils.polling import eventually
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS

PAGE = """<!doctype html><html><head><title>Mug shop</title>
<script>window.smmq=window.smmq||[];function smm(){smmq.push(arguments)}smm('init', '%(key)s');</script>
<script async src="%(attr)s/t.js?v=%(version)s"></script></head>
<body><h1>Mugs</h1><button id="accept" onclick="smm('consent', true)">Accept cookies</button></body></html>"""


@pytest.fixture
async def shop_page(attr):
    """A shop (on ``localhost``, another site than the service's ``127.0.0.1``) whose pages carry the tag."""
    page = {"key": ""}

    async def landing(_):
        return HTMLResponse(PAGE % {"key": page["key"], "attr": attr.url, "version": tag.VERSION})

    port = stack.free_port()
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/landing", landing)]), host="127.0.0.1",
                                           port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    async def started():
        return server.started or None
    await eventually(started, what="shop server")
    page["url"] = f"http://localhost:{port}/landing"
    yield page
    server.should_exit = True
    await asyncio.wait_for(task, 10)


async def test_no_beacon_before_consent_then_one_with_the_click_id_and_a_first_party_visitor(attr, shop_page):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.async_api import async_playwright

    tenant = await attr.tenant("browser-tag")
    shop_page["key"] = (await tenant.client.post("/site-keys", json={"label": "mugs"})).json()["key"]
    target = await attr.publish_target(tenant.id)
    token = sign_link(attr.runtime.settings.tracking_secret, target, shop_page["url"] + "?utm_source=ig")

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            ctx = await browser.new_context()
            ctx.set_default_timeout(15_000)
            page = await ctx.new_page()
            beacons = []
            page.on("request", lambda r: beacons.append(r) if "/t/beacon" in r.url else None)
            await page.goto(f"{attr.url}/r/{token}")
            landed = urlsplit(page.url)
            assert landed.hostname == "localhost" and landed.path == "/landing"
            click_id = parse_qs(landed.query)["smm_click"][0]
            # The tag has loaded and run the queued init (smmq is no longer the snippet's array) ...
            await page.wait_for_function("window.smmq && !Array.isArray(window.smmq)")
            # ... and without consent it sent nothing, set no cookie, stored nothing, has no visitor id.
            assert beacons == []
            assert await page.evaluate("smm('visitorId')") is None
            assert not [c for c in await ctx.cookies(page.url) if c["name"] == "smm_vid"]
            assert await page.evaluate("localStorage.getItem('smm_vid')") is None

            async with page.expect_request(lambda r: "/t/beacon" in r.url) as sent:
                await page.click("#accept")
            request = await sent.value
            body = json.loads(request.post_data)
            visitor = await page.evaluate("smm('visitorId')")
            cookie = [c for c in await ctx.cookies(page.url) if c["name"] == "smm_vid"]
            assert cookie and cookie[0]["value"] == visitor and cookie[0]["domain"] == "localhost"
            assert await page.evaluate("localStorage.getItem('smm_vid')") == visitor
            assert body["visitor_id"] == visitor and f"smm_click={click_id}" in body["url"]
            await page.evaluate("smm('consent', true)")      # granting again is not a second page view
        finally:
            await browser.close()

    rows = await eventually(lambda: attr.rows("SELECT * FROM attribution.visits WHERE tenant_id = :t",
                                              t=tenant.id), what="the visit flushed")
    assert len(rows) == 1 and len(beacons) == 1
    assert (rows[0].visitor_id, rows[0].click_id, rows[0].utm_source) == (visitor, click_id, "ig")
    clicked = await attr.rows("SELECT visitor_id FROM attribution.clicks WHERE click_id = :c", c=click_id)
    assert clicked and clicked[0].visitor_id != visitor    # two cookies on two sites, linked by the click id
