"""Attribution's usage per tenant per day (smmkit.usage): human clicks and orders, counted from its tables."""
from datetime import UTC, datetime, timedelta

from tests.attribution.test_attribution_links import BROWSER, CRAWLERS, click_rows, token
from tests.utils.polling import eventually


async def test_clicks_and_orders_are_counted_per_tenant_and_day(attr):
    tenant, other = await attr.tenant("metered clicks"), await attr.tenant("quiet")
    target = await attr.publish_target(tenant.id)
    for agent in (BROWSER, CRAWLERS[0], BROWSER):  # the crawler is no click
        assert (await attr.visit(f"/r/{token(attr, target)}", user_agent=agent)).status_code == 302
    await eventually(lambda: _at_least(click_rows(attr, target), 2), what="clicks flushed")
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    for i, at in enumerate((yesterday, datetime.now(UTC).isoformat())):
        assert (await tenant.client.post("/orders", json={"id": f"U-{i}", "ordered_at": at, "total_minor": 100,
                                                          "currency": "EUR"})).status_code == 202
    await attr.wait_order(tenant.id, "U-1", joined=False)

    today = datetime.now(UTC).date()
    params = {"since": (today - timedelta(days=1)).isoformat(), "until": today.isoformat()}
    op = {"Authorization": f"Bearer {attr.runtime.settings.operator_token}"}
    days = (await attr.public.get(f"/admin/tenants/{tenant.id}/usage", params=params, headers=op)).json()["days"]
    assert [(d["tracked_clicks"], d["orders_ingested"]) for d in days] == [(0, 1), (2, 1)]
    assert days[1]["api_calls"] >= 2 and days[1]["posts_published"] is None
    quiet = (await attr.public.get(f"/admin/tenants/{other.id}/usage", params=params, headers=op)).json()["days"]
    assert [(d["tracked_clicks"], d["orders_ingested"], d["api_calls"]) for d in quiet] == [(0, 0, 0), (0, 0, 0)]


async def _at_least(coro, n):
    rows = await coro
    return rows if len(rows) >= n else None
