"""Seed a demo tenant through the public HTTP APIs, so ``smm up`` shows plan → publish → engagement → orders → ROI."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

import httpx

from smmkit.catalogue import spec

# network, sandbox account (the account_ref), handle[, the publisher's credentials: "sbx-<account>" unless given].
# One on every network of the catalogue (tests/web/test_web_demo.py checks); each follows its sandbox module's
# conventions (tests/publisher/test_network_paths.py): who a token names, which token a Page or bot posts with.
DEMO_ACCOUNTS = [
    ("x", "1042", "@democoffee"),  # the token names the user
    ("linkedin", "urn:li:organization:1042", "Demo Coffee Roasters (LinkedIn page)", {"access_token": "sbx-li"}),
    ("threads", "2042", "@democoffee (Threads)", {"access_token": "sbx-threads"}),
    ("facebook", "5550042", "Demo Coffee Roasters (Page)", {"access_token": "sbx-page"}),  # a Page token
    ("instagram", "1784042", "@democoffee (Instagram)", {"access_token": "sbx-ig"}),
    ("vk", "1042042", "Demo Coffee community", {"access_token": "sbx-vk"}),
    ("telegram", "@democoffee_news", "Demo Coffee channel", {"bot_token": "sbx-coffee-tg-bot"}),
    # an app password; the DID is the identifier (the sandbox derives another DID from a handle)
    ("bluesky", "did:plc:democoffee", "@democoffee.bsky.social",
     {"identifier": "did:plc:democoffee", "app_password": "sbx-app-pass"}),
    ("mastodon", "101", "@coffee@sandbox.social"),
    ("pinterest", "5551", "Demo Coffee: Autumn board"),  # the board Pins go to
    ("youtube", "UCdemocoffee", "Demo Coffee Roasters"),  # the channel id
    ("tiktok", "democoffee", "@democoffee"),  # the creator's open_id
    ("reddit", "coffee", "r/coffee"),
    ("discord", "1100000000000000042", "#coffee-news", {"bot_token": "sbx-coffee-bot"}),
    ("gbp", "accounts/101/locations/2024", "Demo Coffee Roasters, Berlin", {"access_token": "sbx-gbp"}),
]


def seed_demo(platform, *, operator_token: str, echo=print, order_when_published: bool = True) -> dict:
    """``order_when_published``: a thread waits (up to 5 min) for the 'sell' post, then sends a shop order."""
    planner = platform.url("planner")
    tenant = httpx.post(f"{planner}/admin/tenants", json={"name": "Demo Coffee Roasters"},
                        headers={"Authorization": f"Bearer {operator_token}"}).raise_for_status().json()
    auth = {"Authorization": f"Bearer {tenant['api_key']}"}
    accounts = [httpx.post(f"{planner}/accounts", headers=auth, json={
        "network": network, "handle": handle, "account_ref": sandbox_user, "timezone": "Europe/Berlin",
    }).raise_for_status().json() for network, sandbox_user, handle, *_ in DEMO_ACCOUNTS]
    # All created first: the publisher learns them (account.created) meanwhile, so few PUTs wait for it.
    for account, (network, sandbox_user, _, *given) in zip(accounts, DEMO_ACCOUNTS, strict=True):
        put_credentials(f"{platform.url('publisher')}/accounts/{account['id']}/credentials", headers=auth, json={
            "network": network, "account_ref": sandbox_user,
            "credentials": given[0] if given else {"access_token": f"sbx-{sandbox_user}"},
        })
    now = datetime.now(timezone.utc)
    text_accounts = [a for a in accounts if not spec(a["network"]).media.required]  # the demo posts are text only
    posts = []
    for i, (pillar, text) in enumerate([
        ("engage", "Which roast do you brew on Mondays? Tell us below."),
        ("warm_up", "Behind the scenes: how we roast our Ethiopian beans."),
        ("sell", "New: the Autumn Blend. 10% off this week."),
    ]):
        posts.append(httpx.post(f"{planner}/posts", headers=auth, json={
            "text": text, "scheduled_at": (now + timedelta(seconds=20 + 20 * i)).isoformat(),
            "pillar": pillar, "campaign": "autumn-launch", "targets": [{"account_id": a["id"]} for a in text_accounts],
        }).raise_for_status().json())
    echo("\nDemo tenant 'Demo Coffee Roasters'")
    echo(f"  API key: {tenant['api_key']}")
    echo(f"  {len(posts)} posts due in 20, 40 and 60 s to {len(text_accounts)} of its {len(accounts)} sandbox accounts")
    echo(f"  export SMM_KEY={tenant['api_key']}")
    echo(f"  curl -H \"Authorization: Bearer $SMM_KEY\" {planner}/posts")
    if order_when_published:
        threading.Thread(target=_order_when_published, args=(platform, auth, posts[-1], echo), daemon=True).start()
    return {"tenant": tenant, "accounts": accounts, "posts": posts}


DEMO_OWNER = "owner@demo-coffee.example"


def invite_demo_owner(web_url: str, tenant: dict, *, operator_token: str, echo=print) -> str:
    """Set the demo tenant up in the web app and print its owner's sign-up link (choose a password there)."""
    resp = httpx.post(f"{web_url}/operator/api/tenants", headers={"Authorization": f"Bearer {operator_token}"},
                      json={"name": tenant["tenant"]["name"], "owner_email": DEMO_OWNER,
                            "tenant_id": tenant["tenant"]["id"], "api_key": tenant["api_key"]})
    link = resp.raise_for_status().json()["invite_url"]
    echo(f"\nWeb app: {web_url}")
    echo(f"  sign-in link for the demo owner ({DEMO_OWNER}); choose a password there, then sign in with it:")
    echo(f"  {link}")
    return link


def put_credentials(url: str, *, headers: dict, json: dict, timeout_s: float = 30.0) -> httpx.Response:
    """PUT credentials for an account just created on the planner: the publisher (or metrics) knows it once it
    has consumed ``account.created``, and answers 404 with Retry-After until then."""
    deadline = time.monotonic() + timeout_s
    while True:
        resp = httpx.put(url, headers=headers, json=json)
        if resp.status_code != 404 or "retry-after" not in resp.headers or time.monotonic() > deadline:
            return resp.raise_for_status()
        time.sleep(float(resp.headers["retry-after"]))


def _order_when_published(platform, auth: dict, post: dict, echo) -> None:
    """Once the 'sell' post is live, a shop order arrives carrying its target id in utm_content."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        target = httpx.get(f"{platform.url('planner')}/posts/{post['id']}", headers=auth).json()["targets"][0]
        if target["status"] == "published":
            httpx.post(f"{platform.url('attribution')}/orders", headers=auth, json={
                "id": "DEMO-1001", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 2490,
                "currency": "EUR", "utm": {"source": target["network"], "medium": "social", "content": target["id"]},
            }).raise_for_status()
            echo(f"\nDemo: the 'sell' post is live at {target['url']} and an order of 24.90 EUR came in.")
            echo(f"  curl -H \"Authorization: Bearer $SMM_KEY\" {platform.url('attribution')}/reports/posts")
            return
        time.sleep(2)
