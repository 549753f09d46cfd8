"""The web app in a real browser: Debian's Chromium driven by Playwright, against the four services, the
sandbox and the web app, all as processes (one platform and one browser for the session).

Each test gets a fresh browser context (cookies apart); tenants and users are made through the web app's
own operator API and invitation pages, as people make them.

The browser and the platform are package-scoped: Playwright's sync API keeps an event loop running in this
thread while it is open, and tests outside this package (``asyncio.run``, pytest-asyncio) must not meet it.
"""
from __future__ import annotations

import asyncio
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest

from smmkit import stack
from tests.conftest import ROOT
from tests.integration.conftest import _own_platform

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="package")
def web_platform(settings):
    yield from _own_platform(settings, name="web-platform", redis_db=11)


@pytest.fixture(scope="package")
def web(web_platform) -> str:
    """The web app as a process, pointed at the platform's services; its base URL."""
    port = stack.free_port()
    proc = stack.web_process(web_platform, port).start()
    url = f"http://127.0.0.1:{port}"
    try:
        proc.wait_healthy(60)
        yield url
    finally:
        proc.stop()


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs the chromium package")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def new_context(browser):
    """A browser context of its own (cookies apart). bypass_csp: axe-core is injected as an inline script,
    which the app's CSP (rightly) refuses."""
    ctx = browser.new_context(bypass_csp=True, locale="en-US", timezone_id="UTC")
    ctx.set_default_timeout(10_000)
    return ctx


@pytest.fixture
def context(browser, request):
    ctx = new_context(browser)
    yield ctx
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for n, p in enumerate(ctx.pages):
            p.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-failed-{n}.png"), full_page=True)
    ctx.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    if rep.when == "call":
        item.rep_call = rep
    return rep


@pytest.fixture
def page(context):
    return context.new_page()


def sql(url: str, query: str, *args) -> list:
    """Rows of ``query`` on the platform's database (to check what a page did where no API shows it)."""
    async def run():
        conn = await asyncpg.connect(url)
        try:
            return await conn.fetch(query, *args)
        finally:
            await conn.close()

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API holds this thread's event loop
        return pool.submit(asyncio.run, run()).result()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@dataclass
class Tenant:
    id: str
    name: str
    owner_email: str
    invite_url: str
    api_key: str


def set_up_tenant(web: str, web_platform, settings, name: str | None = None) -> Tenant:
    """A tenant on the planner, set up in the web app with an invitation for its owner."""
    name = name or f"Tenant {uuid.uuid4().hex[:6]}"
    operator = {"Authorization": f"Bearer {settings.operator_token}"}
    issued = httpx.post(f"{web_platform.url('planner')}/admin/tenants", json={"name": name},
                        headers=operator).raise_for_status().json()
    email = f"owner-{uuid.uuid4().hex[:8]}@example.com"
    resp = httpx.post(f"{web}/operator/api/tenants", headers=operator, json={
        "name": name, "owner_email": email, "tenant_id": issued["tenant"]["id"], "api_key": issued["api_key"]})
    assert resp.status_code == 201, resp.text
    return Tenant(issued["tenant"]["id"], name, email, resp.json()["invite_url"], issued["api_key"])


def accept_invite(page, invite_url: str, name: str = "Ana Owner") -> None:
    page.goto(invite_url)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/accounts")


def invite(page, web: str, email: str, role: str) -> str:
    """As the signed-in owner: an invitation link for ``email`` with ``role``."""
    page.goto(f"{web}/settings/team")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Role").select_option(role)
    page.get_by_role("button", name="Create invitation link").click()
    return page.locator("#invite-link").input_value()


@pytest.fixture
def tenant(web, web_platform, settings) -> Tenant:
    return set_up_tenant(web, web_platform, settings)


@pytest.fixture
def owner(page, tenant):
    """A page signed in as the tenant's owner (through the invitation, as a new user)."""
    accept_invite(page, tenant.invite_url)
    return page


def api(web_platform, tenant: Tenant, service: str = "planner") -> httpx.Client:
    """The tenant's own API client for a service (to arrange what a test needs, and to check what a page did)."""
    return httpx.Client(base_url=web_platform.url(service), headers={"Authorization": f"Bearer {tenant.api_key}"},
                        timeout=10)


def connect_account(web_platform, tenant: Tenant, network: str = "mastodon", ref: str | None = None,
                    brand_id: str | None = None) -> dict:
    """An account connected through the APIs (the Accounts page's own test connects through the form)."""
    from smmkit.demo import put_credentials

    ref = ref or str(uuid.uuid4().int % 10**8)
    auth = {"Authorization": f"Bearer {tenant.api_key}"}
    account = httpx.post(f"{web_platform.url('planner')}/accounts", headers=auth, json={
        "network": network, "handle": f"@u{ref}", "account_ref": ref, "brand_id": brand_id}).raise_for_status().json()
    body = {"network": network, "account_ref": ref, "credentials": {"access_token": f"sbx-{ref}"}}
    for service in ("publisher", "metrics"):
        put_credentials(f"{web_platform.url(service)}/accounts/{account['id']}/credentials", headers=auth, json=body)
    return account
