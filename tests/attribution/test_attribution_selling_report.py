"""GET /reports/selling: engagement.updated → daily engagement (idempotent by seq) against daily sales."""
import uuid
from datetime import date, datetime, timedelta, timezone

import numpy as np

from smmkit import events as ev
from tests.utils.polling import eventually

START = date(2025, 1, 1)
DAYS = 90


def synthetic(seed=7, lag=2):
    """Engagement ~ 100 ± 20 a day; revenue_t = 100 · (0.8 · engagement_{t-lag} + noise)."""
    rng = np.random.default_rng(seed)
    raw = np.rint(100 + 20 * rng.standard_normal(DAYS + lag)).astype(int)
    revenue = np.rint(100 * (0.8 * raw[:DAYS] + 10 * rng.standard_normal(DAYS))).astype(int)
    return raw[lag:], revenue


def engagement_event(tenant_id, target, seq, day, delta):
    at = datetime.combine(START + timedelta(days=day), datetime.min.time(), timezone.utc) + timedelta(hours=12)
    return ev.new_event(ev.EngagementUpdated(
        target_id=target, account_id=uuid.uuid4(), network="mastodon", seq=seq, observed_at=at,
        totals=ev.EngagementCounts(likes=int(delta)), deltas=ev.EngagementCounts(likes=int(delta), views=10_000)),
        tenant_id=tenant_id)


async def test_sales_following_engagement_by_two_days_are_found_in_that_direction_only(attr):
    tenant = await attr.tenant("selling")
    brand, other_brand = uuid.uuid4(), uuid.uuid4()
    target = await attr.publish_target(tenant.id, brand_id=brand)
    noise_target = await attr.publish_target(tenant.id, brand_id=other_brand)
    engagement, revenue = synthetic()
    events = [engagement_event(tenant.id, target, i + 1, i, e) for i, e in enumerate(engagement)]
    for e in events:
        await attr.send(e)
    for e in events[:10]:          # a replay of the first ten events changes nothing
        await attr.send(ev.new_event(e.payload, tenant_id=tenant.id))
    rng = np.random.default_rng(1)
    for i in range(DAYS):          # another brand's engagement: pure noise, must not be mixed in
        await attr.send(engagement_event(tenant.id, noise_target, i + 1, i, int(rng.integers(0, 5000))))
    for i, total in enumerate(revenue):
        at = datetime.combine(START + timedelta(days=i), datetime.min.time(), timezone.utc) + timedelta(hours=15)
        resp = await tenant.client.post("/orders", json={"id": f"s{i}", "ordered_at": at.isoformat(),
                                                         "total_minor": int(total), "currency": "EUR"})
        assert resp.status_code == 202
    params = {"brand_id": str(brand), "since": START.isoformat(),
              "until": (START + timedelta(days=DAYS - 1)).isoformat()}

    async def complete():
        body = (await tenant.client.get("/reports/selling", params=params)).json()
        series = body.get("series", {})
        done = series.get("engagement") == engagement.tolist() and series.get("sales") == revenue.tolist()
        return body if done else None
    body = await eventually(complete, timeout_s=30, what="all engagement and orders consumed")
    assert body["enough_data"] is True
    assert body["best_lag"] == 2 and body["lead_lag_days"] == 2
    assert body["engagement_leads_sales"] is True
    assert body["granger_engagement_to_sales"]["min_adjusted_p"] < 0.05
    assert body["granger_sales_to_engagement"]["min_adjusted_p"] >= 0.05
    assert "correlation is not incrementality" in body["verdict"].lower()
    assert len(body["lags"]) == 15 and body["lags"][2]["pearson_ci"][0] > 0

    # another tenant asking about this brand sees nothing of it
    other = await attr.tenant("selling-other")
    theirs = (await other.client.get("/reports/selling", params=params)).json()
    assert set(theirs["series"]["engagement"]) == {0} and set(theirs["series"]["sales"]) == {0}
    assert theirs["enough_data"] is False
    # orders as the measure, and bad ranges
    counts = (await tenant.client.get("/reports/selling", params={**params, "measure": "orders"})).json()
    assert counts["series"]["sales"] == [1] * DAYS
    bad = await tenant.client.get("/reports/selling", params={**params, "until": "2024-12-01"})
    assert bad.status_code == 422
