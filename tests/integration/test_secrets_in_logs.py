"""No secret ever reaches a service's log: a realistic flow through the four service processes with known,
distinctive secrets (including failures and retries, where errors get logged), then every service's log file is
searched for each of them.

Secrets: the tenant API key, the operator token, SECRET_KEYS and TRACKING_SECRET, network access tokens (the
publisher's and metrics' own), an expired X token, its refresh token and client secret (refreshed mid-publish,
rotating to new tokens), a Telegram bot token (it travels in URL paths), a shop webhook secret, a planner webhook
signing secret and a review-link token. The sandbox's log is not searched: it plays the networks, which are
meant to receive the tokens.
"""
import base64
import hashlib
import hmac
import json
import random
import re
import secrets
import uuid
from datetime import datetime, timedelta, timezone

import httpx

from smmkit import stack
from tests.conftest import VAR
from tests.integration.conftest import (
    FACEBOOK_APP_SECRET, FACEBOOK_VERIFY_TOKEN, Api, create_tenant, put_credentials,
)
from tests.utils.polling import eventually_sync

SERVICES = ("planner", "publisher", "metrics", "attribution")


def _secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(24)


def _account(api: Api, network: str, ref: str, publish: dict, read: dict | None = None) -> str:
    resp = api.planner.post("/accounts", json={"network": network, "handle": f"@{ref}", "account_ref": ref})
    assert resp.status_code == 201, resp.text
    account_id = resp.json()["id"]
    put_credentials(api.publisher, account_id, {"network": network, "account_ref": ref, "credentials": publish})
    if read is not None:
        put_credentials(api.metrics, account_id, {"network": network, "account_ref": ref, "credentials": read})
    return account_id


def _post(api: Api, account_id: str, text: str, **extra) -> dict:
    due = datetime.now(timezone.utc) + timedelta(seconds=1)
    resp = api.planner.post("/posts", json={"text": text, "scheduled_at": due.isoformat(),
                                            "targets": [{"account_id": account_id}], **extra})
    assert resp.status_code == 201, resp.text
    return resp.json()


def _published(api: Api, post_id: str) -> dict:
    def probe():
        target = api.planner.get(f"/posts/{post_id}").json()["targets"][0]
        assert target["status"] not in ("failed", "cancelled"), target
        return target if target["status"] == "published" else None
    return eventually_sync(probe, timeout_s=45, what=f"post {post_id} published")


def _shopify(api: Api, platform, tenant_id: str, secret: str, order_id: str, target_id: str) -> None:
    body = json.dumps({"id": order_id, "created_at": datetime.now(timezone.utc).isoformat(), "currency": "EUR",
                       "total_price": "12.50", "landing_site": f"/p?utm_content={target_id}"}).encode()
    signature = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    url = f"{platform.url('attribution')}/webhooks/shopify/{tenant_id}"
    headers = {"X-Shopify-Topic": "orders/create", "X-Shopify-Webhook-Id": uuid.uuid4().hex}
    assert httpx.post(url, content=body, headers={**headers, "X-Shopify-Hmac-Sha256": signature}).status_code == 200
    forged = httpx.post(url, content=body, headers={**headers, "X-Shopify-Hmac-Sha256": "AAAA" + signature[4:]})
    assert forged.status_code == 401


def test_no_secret_reaches_any_service_log(platform, settings):
    sandbox = platform.url("sandbox")
    tenant = create_tenant(platform, settings, "Secret Keeper")
    api = Api(platform, tenant["api_key"])
    mastodon_user, x_user = str(random.randrange(10**6, 10**7)), str(random.randrange(10**8, 10**9))
    chat = f"-100{random.randrange(10**9, 10**10)}"
    known = {
        "tenant API key": tenant["api_key"],
        "operator token": settings.operator_token,
        "SECRET_KEYS": settings.secret_keys,
        "TRACKING_SECRET": settings.tracking_secret,
        "Mastodon access token": _secret(f"sbx-{mastodon_user}."),
        "Mastodon read token": _secret(f"sbx-{mastodon_user}.read"),
        "Telegram bot token": f"sbx-{random.randrange(10**8, 10**9)}:{_secret()}",
        "expired X access token": _secret("sbx-expired-"),
        "X refresh token": _secret(f"sbx-{x_user}."),
        "X client secret": _secret(),
        # whatever the sandbox issues on refresh: every token of this X account starts so
        "renewed X tokens": f"sbx-{x_user}.",
        "shop webhook secret": _secret("shpss_"),
        "Facebook app secret": FACEBOOK_APP_SECRET,
        "Facebook verify token": FACEBOOK_VERIFY_TOKEN,
    }

    mastodon = _account(api, "mastodon", mastodon_user, {"access_token": known["Mastodon access token"]},
                        read={"access_token": known["Mastodon read token"]})
    telegram = _account(api, "telegram", chat, {"bot_token": known["Telegram bot token"]},
                        read={"bot_token": known["Telegram bot token"]})
    x = _account(api, "x", x_user, {"access_token": known["expired X access token"],
                                    "refresh_token": known["X refresh token"], "client_id": "smm-client",
                                    "client_secret": known["X client secret"]})

    # a tenant webhook that cannot be delivered: its signing secret rides on every failing attempt
    hook = api.planner.post("/webhooks", json={"url": f"http://127.0.0.1:{stack.free_port()}/hook"})
    assert hook.status_code == 201, hook.text
    known["planner webhook secret"] = hook.json()["secret"]

    # Telegram fails once (a 5xx, retried); X's token is expired (refreshed, then published)
    fault = {"network": "telegram", "account": chat, "kind": "server_error", "times": 1}
    assert httpx.post(f"{sandbox}/_sandbox/faults", json=fault).status_code == 201
    word = uuid.uuid4().hex[:8]
    posts = {
        "mastodon": _post(api, mastodon, f"Autumn blend {word}", links=["https://shop.example/autumn"]),
        "telegram": _post(api, telegram, f"Channel news {word}"),
        "x": _post(api, x, f"Short news {word}"),
    }
    targets = {network: _published(api, post["id"]) for network, post in posts.items()}

    review = api.planner.post(f"/posts/{posts['mastodon']['id']}/review-links", json={"reviewer": "ann@example.com"})
    assert review.status_code == 201, review.text
    known["review-link token"] = review.json()["token"]
    assert httpx.get(f"{platform.url('planner')}{review.json()['path']}").status_code == 200

    # the tracked link in the published text, followed like a reader would
    on_network = httpx.get(f"{sandbox}/_sandbox/posts", params={"network": "mastodon", "account": mastodon_user})
    path = re.search(r"/r/[A-Za-z0-9_-]+", on_network.json()["posts"][0]["text"]).group(0)
    assert httpx.get(platform.url("attribution") + path).status_code == 302

    assert api.attribution.put("/shop-secrets/shopify", json={"secret": known["shop webhook secret"]}).status_code == 204
    _shopify(api, platform, tenant["tenant"]["id"], known["shop webhook secret"], f"S-{word}",
             targets["mastodon"]["id"])

    # Facebook's webhook handshake (the verify token in the query) and a signed push
    handshake = httpx.get(f"{platform.url('metrics')}/webhooks/facebook", params={
        "hub.mode": "subscribe", "hub.verify_token": FACEBOOK_VERIFY_TOKEN, "hub.challenge": "1158201444"})
    assert handshake.text == "1158201444"
    push = json.dumps({"object": "page", "entry": []}).encode()
    signature = "sha256=" + hmac.new(FACEBOOK_APP_SECRET.encode(), push, hashlib.sha256).hexdigest()
    assert httpx.post(f"{platform.url('metrics')}/webhooks/facebook", content=push,
                      headers={"X-Hub-Signature-256": signature}).status_code == 200

    # wrong credentials are refused (and limited) without being written down
    assert httpx.get(f"{platform.url('planner')}/posts",
                     headers={"Authorization": f"Bearer {tenant['api_key'][:-2]}xx"}).status_code == 401
    assert httpx.get(f"{platform.url('planner')}/admin/tenants",
                     headers={"Authorization": f"Bearer {settings.operator_token}x"}).status_code == 401

    eventually_sync(lambda: (r := api.metrics.get(f"/targets/{targets['mastodon']['id']}/engagement")).status_code
                    == 200 and r.json()["points"], what="engagement read with the read token")
    eventually_sync(lambda: any(d["status"] != "pending" or d["attempts"] for d in api.planner.get(
        f"/webhooks/{hook.json()['id']}/deliveries").json()["items"]), what="a failed webhook delivery attempt")

    leaks = {f"{name} in {service}.log"
             for service in SERVICES
             for name, secret in known.items()
             if secret in (VAR / "platform" / f"{service}.log").read_text(errors="replace")}
    assert not leaks, sorted(leaks)
    assert all((VAR / "platform" / f"{s}.log").stat().st_size > 0 for s in SERVICES), "the services did log"
