"""Limits on attribution's API: tracked-link redirects are never rate limited, tenant calls are, per key;
an order whose event would be too large is refused before the outbox; shop webhooks take large bodies."""
import uuid
from datetime import datetime, timezone

import orjson
import pytest

from smmkit.apilimit import ApiLimits
from smmkit.bodylimit import MiB
from smmkit.ratelimit import RateLimiter
from tests.attribution.test_attribution_links import BROWSER, token


@pytest.fixture
def three_per_minute(attr, monkeypatch):
    """The service's limits cut to 3 requests per key and per address, in buckets of this test's own."""
    small = attr.runtime.settings.model_copy(update={"api_rate_limit": 3, "public_rate_limit": 3})
    limits = ApiLimits(RateLimiter(attr.runtime.redis, prefix="smm:api"), service=f"attr-{uuid.uuid4().hex[:8]}",
                       settings=small)
    monkeypatch.setattr(attr.runtime, "api_limits", limits)


async def test_redirects_are_never_limited_while_a_key_is_and_other_tenants_go_on(attr, three_per_minute):
    a, b = await attr.tenant("limits A"), await attr.tenant("limits B")
    link = f"/r/{token(attr, uuid.uuid4())}"
    assert {(await attr.visit(link, user_agent=BROWSER)).status_code for _ in range(30)} == {302}
    answers = [await a.client.get("/reports/posts") for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["retry-after"]) >= 1
    assert (await b.client.get("/reports/posts")).status_code == 200, "tenant A's limit is not tenant B's"
    assert (await attr.visit(link, user_agent=BROWSER)).status_code == 302


async def test_an_order_whose_event_is_too_large_is_413_and_nothing_is_stored(attr):
    tenant = await attr.tenant("huge order")
    label = "é" * 196  # 1000 line items with such sku and name: ~800 kB of UTF-8 JSON, under the route's 1 MiB
    order = {"id": "HUGE-1", "ordered_at": datetime.now(timezone.utc).isoformat(), "total_minor": 1,
             "currency": "EUR", "line_items": [{"sku": f"{label}{i:04}", "name": label} for i in range(1000)]}
    body = orjson.dumps(order)
    assert 512 * 1024 < len(body) < MiB
    resp = await tenant.client.post("/orders", content=body, headers={"content-type": "application/json"})
    assert resp.status_code == 413, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert resp.json()["event_type"] == "order.created"
    assert resp.json()["limit_bytes"] == attr.runtime.settings.event_max_bytes
    assert await attr.scalar("SELECT count(*) FROM attribution.outbox WHERE tenant_id = :t", t=tenant.id) == 0


async def test_shop_webhooks_take_megabytes_and_refuse_more(attr):
    """Unsigned, so 401 once read; what matters is which bodies are read at all."""
    big = b'{"line_items": [' + b" " * (4 * MiB) + b"]}"
    assert (await attr.public.post(f"/webhooks/shopify/{uuid.uuid4()}", content=big)).status_code == 401
    too_big = await attr.public.post(f"/webhooks/shopify/{uuid.uuid4()}", content=b" " * (8 * MiB + 1))
    assert too_big.status_code == 413
    assert (await attr.public.post("/costs", content=b" " * (64 * 1024 + 1))).status_code == 413
