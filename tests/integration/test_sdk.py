"""The generated Python SDK (clients/python) drives the live platform: plan a post, see it published on the
sandbox, follow its tracked link, place an order with that click, read the revenue and the ROI.

The SDK speaks the merged document's paths (``/v1/...``, as the front door routes them). This branch runs the
four services without a front door, so the test gives the SDK an httpx transport that routes each ``/v1`` path
to the service the merged document names for it (``x-service``, ``x-service-path``): what the gateway does.
"""
from __future__ import annotations

import re
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
import yaml

from tests.utils.polling import eventually_sync

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "clients" / "python"))  # as `pip install clients/python` would

from smm_client import AuthenticatedClient  # noqa: E402
from smm_client.api.account_connections import account_connections_connect_account  # noqa: E402
from smm_client.api.accounts import accounts_create  # noqa: E402
from smm_client.api.operator_admin import operator_admin_create_tenant  # noqa: E402
from smm_client.api.orders import orders_submit  # noqa: E402
from smm_client.api.posts import posts_create, posts_get  # noqa: E402
from smm_client.api.reports import reports_revenue_by_post, reports_roi  # noqa: E402
from smm_client.api.tracked_links import tracked_links_follow_link  # noqa: E402
from smm_client.models import (  # noqa: E402
    UTM, AccountCreate, ApiKeyIssued, CredentialsPut, CredentialsPutCredentials, OrderIn, PostCreate, PostRead,
    Problem, TargetCreate, TenantCreate)


class ServiceRoutes(httpx.BaseTransport):
    """``/v1/<path>`` to the service serving it, at the path it serves, from the merged document."""

    def __init__(self, document: dict, urls: dict[str, str]):
        self.routes = [(re.compile("^" + re.sub(r"\{[^}/]+\}", "[^/]+", re.escape(path).replace(r"\{", "{")
                                                .replace(r"\}", "}")) + "$"), path, item)
                       for path, item in document["paths"].items()]
        self.urls = urls
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        for pattern, public, item in self.routes:
            if pattern.match(path):
                inner = path[len(public.split("{")[0]) - len(item["x-service-path"].split("{")[0]):]
                base = httpx.URL(self.urls[item["x-service"]])
                request.url = request.url.copy_with(scheme=base.scheme, host=base.host, port=base.port, path=inner)
                request.headers["host"] = f"{base.host}:{base.port}"
                return self.inner.handle_request(request)
        return httpx.Response(404, json={"title": "no route", "status": 404, "detail": path})

    def close(self) -> None:
        self.inner.close()


@pytest.fixture(scope="module")
def routes(platform):
    document = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text())
    return ServiceRoutes(document, {name: platform.url(name) for name in
                                    ("planner", "publisher", "metrics", "attribution")})


def sdk(routes: ServiceRoutes, token: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url="http://front-door.invalid", token=token, timeout=httpx.Timeout(10.0),
                               httpx_args={"transport": routes})


def test_plan_publish_order_and_roi_through_the_sdk(platform, settings, routes):
    operator = sdk(routes, settings.operator_token)
    issued = operator_admin_create_tenant.sync(client=operator, body=TenantCreate(name="SDK Coffee"))
    assert isinstance(issued, ApiKeyIssued), issued
    client = sdk(routes, issued.api_key)

    account = accounts_create.sync(client=client, body=AccountCreate.from_dict(
        {"network": "mastodon", "handle": "@user2001", "account_ref": "2001", "timezone": "Europe/Berlin"}))
    assert account.network == "mastodon", account
    credentials = CredentialsPut.from_dict({"network": "mastodon", "account_ref": "2001",
                                            "credentials": {"access_token": "sbx-2001"}})
    assert isinstance(credentials.credentials, CredentialsPutCredentials)
    # 404 with Retry-After until the publisher has consumed account.created: retried, as clients do
    connected = eventually_sync(lambda: (r := account_connections_connect_account.sync_detailed(
        account.id, client=client, body=credentials)).status_code == 200 and r.parsed, what="credentials stored")
    assert connected.account_id == account.id

    text = f"Single origin, roasted today {uuid.uuid4().hex[:6]}"
    due = datetime.now(timezone.utc) + timedelta(seconds=2)
    post = posts_create.sync(client=client, body=PostCreate(
        text=text, scheduled_at=due, campaign="sdk-launch", pillar="sell",
        links=["https://shop.example/single-origin"], targets=[TargetCreate(account_id=account.id)]))
    assert isinstance(post, PostRead), post
    assert post.targets[0].status in ("scheduled", "dispatched")

    def published():
        target = posts_get.sync(post.id, client=client).targets[0]
        return target if target.status == "published" else None
    target = eventually_sync(published, timeout_s=30, what="target published")
    on_network = [p for p in httpx.get(f"{platform.url('sandbox')}/_sandbox/posts",
                                       params={"network": "mastodon"}).json()["posts"] if p["text"].startswith(text)]
    assert len(on_network) == 1 and on_network[0]["external_id"] == target.external_id

    # the shopper follows the post's tracked link: a redirect to the shop carrying the click id
    token = re.search(r"/r/([A-Za-z0-9_-]+)", on_network[0]["text"]).group(1)
    click = tracked_links_follow_link.sync_detailed(token, client=client)
    assert click.status_code == 302, click
    shop = httpx.URL(click.headers["location"])
    assert shop.host == "shop.example" and shop.params["utm_content"] == str(target.id)
    click_id = shop.params["smm_click"]

    accepted = orders_submit.sync(client=client, body=OrderIn.from_dict({
        "id": "SDK-1", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 2600,
        "currency": "EUR", "click_id": click_id, "utm": UTM(content=str(target.id)).to_dict()}))
    assert accepted.status == "accepted" and uuid.UUID(accepted.order_id), accepted

    def revenue():
        report = reports_revenue_by_post.sync(client=client)
        return [row for row in report.rows if row.target_id == target.id]
    rows = eventually_sync(revenue, what="revenue attributed to the post")
    assert [(r.revenue_minor, r.orders, r.campaign, r.currency) for r in rows] == [(2600, 1, "sdk-launch", "EUR")]

    roi = reports_roi.sync(client=client, level="campaign")
    line = next(line for line in roi.rows if line.key == "sdk-launch")
    assert (line.revenue_minor, line.orders, line.currency, line.cost_minor) == (2600, 1, "EUR", 0)
    assert line.roas is None, "no cost recorded: no ratio, never a division by zero"

    # an error comes back as the SDK's Problem model, from problem+json
    refused = posts_create.sync_detailed(client=client, body=PostCreate.from_dict(
        {"text": "x", "scheduled_at": "2030-01-01T10:00:00Z", "targets": []}))
    assert refused.status_code == 422 and isinstance(refused.parsed, Problem)
    assert refused.parsed.errors and refused.parsed.title == "Validation failed"
