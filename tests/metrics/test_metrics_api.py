"""The metrics HTTP API: engagement history, daily aggregates, engagement rate, top posts, the
best-time heatmap, schedule settings, read credentials; and tenant isolation on every route."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from metrics.accounts import service as accounts
from metrics.engagement import service as engagement
from metrics.engagement.service import PollResult
from metrics_testkit import announce
from smmkit import events as ev

D = datetime(2026, 3, 3, 0, 0, tzinfo=timezone.utc)  # a Tuesday
C = ev.EngagementCounts


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
async def world(db, new_tenant, track, app_client):
    """Tenant A with a Berlin Mastodon account, two posts with a few days of points and a follower count."""
    a, key_a = await new_tenant("A")
    b, key_b = await new_tenant("B")
    account = uuid.uuid4()
    await announce(db, a, "mastodon", "42", account)
    async with app_client() as (client, _):
        r = await client.put(f"/accounts/{account}/credentials", headers=auth(key_a), json={
            "network": "mastodon", "account_ref": "42", "credentials": {"access_token": "sbx-42"},
            "timezone": "Europe/Berlin"})
        assert r.status_code == 200, r.text
        assert "credentials" not in r.json() and "sbx-42" not in r.text, "credentials are never returned"
    published = D + timedelta(hours=8, minutes=30)  # 09:30 in Berlin (UTC+1 in March)
    t1 = await track(a, network="mastodon", external_id="1", account_id=account, published_at=published)
    t2 = await track(a, network="mastodon", external_id="2", account_id=account, published_at=published)
    async with db.uow() as uow:
        await engagement.record_batch(uow=uow, now=D + timedelta(days=2), results=[
            PollResult(t1, C(likes=2, reposts=0), D + timedelta(hours=10)),
            PollResult(t1, C(likes=5, reposts=1), D + timedelta(hours=20)),
            PollResult(t1, C(likes=9, reposts=1), D + timedelta(days=1, hours=12)),
            PollResult(t2, C(likes=1, reposts=0), D + timedelta(hours=15)),
            PollResult(t2, C(likes=4, reposts=2), D + timedelta(days=2, hours=1)),
        ])
    async with db.uow() as uow:
        await accounts.record_followers(session=uow.session, account_id=account, followers=1000,
                                        now=D + timedelta(days=2, hours=2), next_at=D + timedelta(days=3))
        await uow.commit()
    return {"a": a, "b": b, "key_a": key_a, "key_b": key_b, "account": account, "t1": t1, "t2": t2}


async def test_daily_aggregates_are_per_day_gains_summed_over_posts(world, app_client):
    async with app_client() as (client, _):
        params = {"since": D.date().isoformat(), "until": (D + timedelta(days=2)).date().isoformat()}
        by_account = (await client.get(f"/accounts/{world['account']}/daily", params=params,
                                       headers=auth(world["key_a"]))).json()
        by_network = (await client.get("/networks/mastodon/daily", params=params, headers=auth(world["key_a"]))).json()
    rows = [(r["day"], r["posts"], r["likes"], r["reposts"], r["views"]) for r in by_account["rows"]]
    assert rows == [("2026-03-03", 2, 6, 1, None), ("2026-03-04", 1, 4, 0, None), ("2026-03-05", 1, 3, 2, None)]
    assert by_network["rows"] == by_account["rows"]


async def test_engagement_rate_per_follower(world, app_client):
    async with app_client() as (client, _):
        r = (await client.get(f"/accounts/{world['account']}/engagement-rate", headers=auth(world["key_a"]), params={
            "since": D.date().isoformat(), "until": (D + timedelta(days=2)).date().isoformat()})).json()
    # likes 6+4+3 and reposts 1+0+2 gained; comments unknown (null) and left out
    assert r["interactions"] == 16 and r["followers"] == 1000 and r["posts"] == 2
    assert r["rate"] == pytest.approx(0.016) and r["rate_per_post"] == pytest.approx(0.008)
    assert [d["interactions"] for d in r["days"]] == [7, 4, 5]


async def test_top_posts_by_any_metric_leaving_out_unknown_values(world, app_client):
    async with app_client() as (client, _):
        params = {"since": D.date().isoformat(), "until": D.date().isoformat()}
        likes = (await client.get("/reports/top-posts", params={**params, "metric": "likes"},
                                  headers=auth(world["key_a"]))).json()
        reposts = (await client.get("/reports/top-posts", params={**params, "metric": "reposts", "limit": 1},
                                    headers=auth(world["key_a"]))).json()
        views = (await client.get("/reports/top-posts", params={**params, "metric": "views"},
                                  headers=auth(world["key_a"]))).json()
        bad = await client.get("/reports/top-posts", params={"metric": "vibes"}, headers=auth(world["key_a"]))
    assert [(p["target_id"], p["value"]) for p in likes["posts"]] == [(str(world["t1"]), 9), (str(world["t2"]), 4)]
    assert [(p["target_id"], p["value"]) for p in reposts["posts"]] == [(str(world["t2"]), 2)]
    assert views["posts"] == [], "Mastodon cannot say views: no post ranks on an unknown value"
    assert bad.status_code == 422


async def test_best_time_heatmap_in_the_account_time_zone_with_sample_sizes_and_priors(world, app_client):
    async with app_client() as (client, _):
        r = (await client.get(f"/accounts/{world['account']}/best-times", headers=auth(world["key_a"]),
                              params={"metric": "likes"})).json()
    assert r["timezone"] == "Europe/Berlin" and r["samples"] == 2 and len(r["cells"]) == 7 * 24
    cell = next(c for c in r["cells"] if (c["weekday"], c["hour"]) == (1, 9))  # Tuesday 09:xx Berlin
    assert cell["samples"] == 2 and cell["source"] == "blended", "two posts are thin: blended with the prior"
    assert next(c for c in r["cells"] if (c["weekday"], c["hour"]) == (1, 8))["samples"] == 0, "not UTC hours"
    empty = [c for c in r["cells"] if c["samples"] == 0]
    assert all(c["source"] == "prior" for c in empty) and len(empty) == 7 * 24 - 1
    night = next(c for c in r["cells"] if (c["weekday"], c["hour"]) == (2, 3))
    noon = next(c for c in r["cells"] if (c["weekday"], c["hour"]) == (2, 11))
    assert noon["score"] > night["score"], "the network prior prefers working hours to the night"

    async with app_client() as (client, _):
        strict = (await client.get(f"/accounts/{world['account']}/best-times", headers=auth(world["key_a"]),
                                   params={"metric": "likes", "min_samples": 2})).json()
    cell = next(c for c in strict["cells"] if (c["weekday"], c["hour"]) == (1, 9))
    assert cell["source"] == "history" and cell["score"] == pytest.approx(1.0)


async def test_engagement_history_lists_points_in_time_order(world, app_client):
    async with app_client() as (client, _):
        r = (await client.get(f"/targets/{world['t1']}/engagement", headers=auth(world["key_a"]))).json()
    assert [p["likes"] for p in r["points"]] == [2, 5, 9] and r["deleted"] is False


async def test_schedule_settings_per_tenant(world, app_client):
    async with app_client() as (client, _):
        put = await client.put("/settings/schedule", headers=auth(world["key_a"]), json={"plan": "pro"})
        own = await client.put("/settings/schedule", headers=auth(world["key_b"]),
                               json={"bands": [{"until_s": 3600, "every_s": 60}]})
        wrong = await client.put("/settings/schedule", headers=auth(world["key_b"]),
                                 json={"bands": [{"until_s": 3600, "every_s": 60}, {"until_s": 60, "every_s": 1}]})
        a_read = (await client.get("/settings/schedule", headers=auth(world["key_a"]))).json()
    assert put.status_code == 200 and own.status_code == 200 and wrong.status_code == 422
    assert a_read["plan"] == "standard", "the plan is the operator's to assign, not the tenant's to pick"
    assert a_read["effective_bands"][0] == {"until_s": 3600.0, "every_s": 300.0}
    assert own.json()["effective_bands"] == [{"until_s": 3600.0, "every_s": 60.0}]


async def test_another_tenant_gets_404_or_nothing_on_every_route(world, app_client, db):
    acc, t1, kb = world["account"], world["t1"], auth(world["key_b"])
    async with app_client() as (client, _):
        for path in (f"/targets/{t1}/engagement", f"/accounts/{acc}", f"/accounts/{acc}/followers",
                     f"/accounts/{acc}/daily", f"/accounts/{acc}/engagement-rate", f"/accounts/{acc}/best-times"):
            r = await client.get(path, headers=kb)
            assert r.status_code == 404, path
        takeover = await client.put(f"/accounts/{acc}/credentials", headers=kb, json={
            "network": "mastodon", "account_ref": "666", "credentials": {"access_token": "sbx-666"}})
        assert takeover.status_code == 404
        assert (await client.get(f"/accounts/{acc}", headers=auth(world["key_a"]))).json()["account_ref"] == "42"
        since = {"since": D.date().isoformat(), "until": (D + timedelta(days=3)).date().isoformat()}
        assert (await client.get("/networks/mastodon/daily", params=since, headers=kb)).json()["rows"] == []
        assert (await client.get("/reports/top-posts", params=since, headers=kb)).json()["posts"] == []
        assert (await client.get("/reports/top-posts", params={**since, "account_id": str(acc)},
                                 headers=kb)).json()["posts"] == []
        await client.put("/settings/schedule", headers=kb, json={"plan": "free"})
        assert (await client.get("/settings/schedule", headers=auth(world["key_a"]))).json()["plan"] != "free"
        assert (await client.get("/settings/schedule")).status_code == 401


async def test_read_credentials_only_for_an_account_the_planner_created_for_the_tenant(db, new_tenant, app_client):
    owner, key_owner = await new_tenant("C")
    _, key_b = await new_tenant("B")
    account = uuid.uuid4()
    body = {"network": "mastodon", "account_ref": "77", "credentials": {"access_token": "sbx-77"}}
    path = f"/accounts/{account}/credentials"
    async with app_client() as (client, _):
        # created on the planner a moment ago, account.created not consumed yet: 404, retry
        early = await client.put(path, headers=auth(key_owner), json=body)
        assert early.status_code == 404 and early.headers["retry-after"] == "1", early.text
        await announce(db, owner, "mastodon", "77", account)

        squat = await client.put(path, headers=auth(key_b), json={**body, "credentials": {"access_token": "sbx-6"}})
        assert squat.status_code == 404 and squat.headers["content-type"] == "application/problem+json"
        assert squat.json()["detail"] == early.json()["detail"], "another tenant's id answers like an unknown one"
        for wrong, field in (({"network": "~nope"}, "network"), ({"network": "x"}, "network"),
                             ({"account_ref": "78"}, "account_ref")):
            r = await client.put(path, headers=auth(key_owner), json={**body, **wrong})
            assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", field], (wrong, r.text)

        own = await client.put(path, headers=auth(key_owner), json=body)
        assert own.status_code == 200, own.text
        assert (await client.get(f"/accounts/{account}", headers=auth(key_b))).status_code == 404
    async with db.uow() as uow:
        row = await accounts.get(session=uow.session, tenant_id=owner, account_id=account)
    assert row.account_ref == "77"
