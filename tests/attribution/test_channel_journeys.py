"""Journeys over every channel (issue 17): site visits join the tracked clicks, every per-journey model runs over
the whole journey, post credits add up to social_tracked exactly, the SMM share report, the journey of one order."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from attribution.orders import service as orders
from attribution.reports import service as reports
from tests.attribution.journeys import new_shop
from tests.attribution.test_attribution_rollup import rebuild

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
MODELS = ("first_touch", "last_touch", "last_non_direct", "linear", "position_based", "time_decay")
# A fixed id (one test's: target ids are global), so ties between equal remainders (to the alphabetically first
# key) are known: "0..." < "organic_search"
INSTAGRAM = uuid.UUID("0a000000-0000-4000-8000-000000000001")


async def test_last_non_direct_skips_direct_visits_and_a_direct_visit_inside_a_session_is_no_touch(attr):
    shop = await new_shop(attr, "lnd")
    await shop.publish("post")
    # organic search, then a direct visit 10 min later (same session: no touch), then 3 h later a direct visit
    # (a new session: a touch)
    await shop.visit("v1", T0, "organic_search")
    await shop.visit("v1", T0 + 10 * MINUTE, "direct")
    await shop.visit("v1", T0 + 3 * HOUR, "direct")
    await shop.visit("v1", T0 + 3 * HOUR + MINUTE, "internal")
    searched = await shop.order("searched", T0 + 3 * HOUR + 5 * MINUTE, 700, visitor="v1")
    assert [(t.kind, t.channel, t.touched_at) for t in await shop.touches(searched)] == [
        ("visit", "organic_search", T0), ("visit", "direct", T0 + 3 * HOUR)]
    assert await shop.channel_credits(searched, "last_touch") == {"direct": 700}
    assert await shop.channel_credits(searched, "last_non_direct") == {"organic_search": 700}
    assert await shop.post_credits(searched, "last_non_direct") == {}     # no post in this journey
    row = await attr.rows("SELECT evidence, target_id, attributed_at FROM attribution.orders WHERE id = :o",
                          o=searched)
    assert row[0].evidence == "visitor" and row[0].target_id is None and row[0].attributed_at is not None

    # a tracked click, a direct visit within 30 min (the click's session: no touch), another a day later
    click = await shop.click("v2", "post", T0)
    await shop.visit("v2", T0 + 2 * MINUTE, "direct")
    await shop.visit("v2", T0 + DAY, "direct")
    clicked = await shop.order("clicked", T0 + DAY + MINUTE, 900, visitor="v2")
    touches = await shop.touches(clicked)
    assert [(t.kind, t.channel, t.click_id) for t in touches] == [
        ("click", "social_tracked", click), ("visit", "direct", None)]
    assert await shop.channel_credits(clicked, "last_touch") == {"direct": 900}
    assert await shop.post_credits(clicked, "last_touch") == {}
    assert await shop.post_credits(clicked, "last_non_direct") == {"post": 900}
    assert await shop.channel_credits(clicked, "last_non_direct") == {"social_tracked": 900}

    # only direct visits: the last (direct) touch keeps the value
    await shop.visit("v3", T0, "direct")
    await shop.visit("v3", T0 + 2 * HOUR, "direct")
    direct = await shop.order("direct", T0 + 2 * HOUR + MINUTE, 300, visitor="v3")
    assert await shop.channel_credits(direct, "last_non_direct") == {"direct": 300}


async def test_instagram_click_then_organic_search_is_split_as_hand_computed_under_every_model(attr):
    shop = await new_shop(attr, "split")
    await shop.publish("instagram", target_id=INSTAGRAM)
    click = await shop.click("redirect-visitor", "instagram", T0)
    # the tag sees the click's landing (that click: one touch, and it links the tag's visitor to the redirect's)
    await shop.visit("tag-visitor", T0 + 2 * timedelta(seconds=1), "social_tracked", click_id=click)
    await shop.visit("tag-visitor", T0 + MINUTE, "internal")
    await shop.visit("tag-visitor", T0 + 2 * DAY, "organic_search")
    await shop.visit("tag-visitor", T0 + 2 * DAY + 10 * MINUTE, "direct")       # same session
    await shop.visit("tag-visitor", T0 + 2 * DAY + 12 * MINUTE, None)           # not classified yet: skipped
    order = await shop.order("split", T0 + 2 * DAY + 20 * MINUTE, 1001, visitor="tag-visitor")

    touches = await shop.touches(order)
    assert [(t.position, t.kind, t.channel, t.target_id, t.touched_at) for t in touches] == [
        (0, "click", "social_tracked", INSTAGRAM, T0), (1, "visit", "organic_search", None, T0 + 2 * DAY)]
    assert touches[0].click_id == click and touches[1].page_view_id is not None
    # time decay, half-life 7 days: the click is 2 days older, weight 2^(-2/7) = 0.8203 against 1:
    # 1001 * 0.8203 / 1.8203 = 451.10 and 549.90; the leftover unit goes to the larger remainder (0.90)
    expected = {
        "first_touch": {"instagram": 1001},
        "last_touch": {"organic_search": 1001},
        "last_non_direct": {"organic_search": 1001},
        "linear": {"instagram": 501, "organic_search": 500},          # 500.5 each: the tie to the first key
        "position_based": {"instagram": 501, "organic_search": 500},  # two touches: 50/50
        "time_decay": {"instagram": 451, "organic_search": 550},
    }
    for model, want in expected.items():
        posts = {k: v for k, v in want.items() if k == "instagram"}
        assert await shop.post_credits(order, model) == posts, model
        channels = {("social_tracked" if k == "instagram" else k): v for k, v in want.items()}
        assert await shop.channel_credits(order, model) == channels, model
    row = (await attr.rows("SELECT evidence, target_id FROM attribution.orders WHERE id = :o", o=order))[0]
    assert (row.evidence, row.target_id) == ("visitor", INSTAGRAM)


async def test_post_credits_add_up_to_social_tracked_exactly_through_refunds_and_cancellation(attr):
    shop = await new_shop(attr, "exact")
    for i, name in enumerate(("a", "b", "c"), 1):   # fixed ids: ties go to the first key, "a"
        await shop.publish(name, target_id=uuid.UUID(f"{i}0000000-0000-4000-8000-{uuid.uuid4().hex[:12]}"))
    await shop.click("v", "a", T0)
    await shop.visit("v", T0 + HOUR, "email")
    await shop.click("v", "b", T0 + 5 * HOUR)
    await shop.visit("v", T0 + 9 * HOUR, "referral")
    await shop.click("v", "c", T0 + 20 * HOUR)
    await shop.visit("v", T0 + 30 * HOUR, "paid_search")
    order = await shop.order("exact", T0 + 30 * HOUR + 5 * MINUTE, 1003, visitor="v", customer="cu")
    kept = await shop.order("kept", T0 + 30 * HOUR + 6 * MINUTE, 997, visitor="v", customer="cu")

    async def check(order_id, column):
        for model in MODELS:
            posts = await attr.rows(f"SELECT {column} AS n FROM attribution.order_credits"
                                    " WHERE order_id = :o AND model = :m", o=order_id, m=model)
            by_channel = await shop.channel_credits(order_id, model, column)
            assert sum(r.n for r in posts) == by_channel.get("social_tracked", 0), (model, column)
            if column == "amount_minor":
                assert sum(by_channel.values()) == 1003, model
    await check(order, "amount_minor")
    linear = await shop.channel_credits(order, "linear")
    # 1003/6 = 167.17 to each of six touches; the leftover unit to the first key (post a)
    assert linear == {"social_tracked": 168 + 167 + 167, "email": 167, "referral": 167, "paid_search": 167}
    await shop.adjust(order, "r1", "refund", 400)     # 603 of 1003 left: floors per credit
    await check(order, "net_minor")
    nets = await shop.channel_credits(order, "linear", "net_minor")
    assert nets == {"social_tracked": 168 * 603 // 1003 + 2 * (167 * 603 // 1003), "email": 167 * 603 // 1003,
                    "referral": 167 * 603 // 1003, "paid_search": 167 * 603 // 1003}
    # the report's lines add up to its totals at every level, through the rollup too
    for rebuilt in (False, True):
        if rebuilt:
            await rebuild(attr, shop.tenant_id)
        for level in ("campaign", "target", "channel"):
            async with attr.runtime.db.uow() as uow:
                report = await reports.roi_report(uow=uow, tenant_id=shop.tenant_id, level=level, model="linear",
                                                  since=T0, until=T0 + 2 * DAY)
            total = report["totals"][0]
            assert sum(r["revenue_minor"] for r in report["rows"]) == total["revenue_minor"], level
            assert total["orders"] == 2 and total["customers"] == 1
            if level == "campaign":
                assert {r["key"] for r in report["rows"]} == {"autumn", "channel:email", "channel:referral",
                                                              "channel:paid_search"}
    await shop.adjust(order, "cancel", "cancelled")
    await check(order, "net_minor")
    assert set((await shop.channel_credits(order, "linear", "net_minor")).values()) == {0}
    assert await attr.scalar("SELECT bool_or(counted) FROM attribution.channel_credits WHERE order_id = :o",
                             o=order) is False
    assert await attr.scalar("SELECT bool_and(counted) FROM attribution.channel_credits WHERE order_id = :o",
                             o=kept) is True


async def test_new_or_reclassified_visits_rejoin_the_visitors_orders(attr):
    shop = await new_shop(attr, "rejoin")
    await shop.publish("post")
    await shop.click("redirect", "post", T0)
    order = await shop.order("o", T0 + DAY, 500, visitor="tag")   # the tag's visitor: not linked yet
    assert await shop.touches(order) == []
    await shop.visit("tag", T0 + timedelta(seconds=3), "social_tracked",
                               click_id=(await attr.rows("SELECT click_id FROM attribution.clicks WHERE tenant_id = :t",
                                                         t=shop.tenant_id))[0].click_id)
    later = await shop.visit("tag", T0 + DAY - HOUR, None)        # not classified yet
    async with attr.runtime.db.uow() as uow:
        assert await orders.rejoin_for_visits(uow=uow, tenant_id=shop.tenant_id, visitor_ids=["tag"]) == 1
        await uow.commit()
    assert [t.kind for t in await shop.touches(order)] == ["click"]
    await shop.execute("UPDATE attribution.visits SET channel = 'email' WHERE page_view_id = :p", p=later)
    async with attr.runtime.db.uow() as uow:   # what a reclassification batch calls
        assert await orders.rejoin_for_visits(uow=uow, tenant_id=shop.tenant_id, visitor_ids=["tag"]) == 1
        await uow.commit()
    assert [(t.kind, t.channel) for t in await shop.touches(order)] == [("click", "social_tracked"),
                                                                       ("visit", "email")]
    assert await shop.channel_credits(order, "last_touch") == {"email": 500}
    other = await new_shop(attr, "rejoin-other")
    async with attr.runtime.db.uow() as uow:   # another tenant's visitor of the same name: nothing
        assert await orders.rejoin_for_visits(uow=uow, tenant_id=other.tenant_id, visitor_ids=["tag"]) == 0


async def test_smm_share_influenced_and_assisted_on_a_hand_made_set(attr):
    shop = await new_shop(attr, "share")
    await shop.publish("a")
    await shop.publish("b")
    await shop.click("v1", "a", T0)
    await shop.order("posts-only", T0 + HOUR, 1000, visitor="v1")
    await shop.visit("v2", T0, "organic_search")
    await shop.order("search-only", T0 + HOUR, 2000, visitor="v2")
    await shop.visit("v3", T0, "social_untracked")
    await shop.visit("v3", T0 + 2 * HOUR, "email")
    await shop.order("assisted", T0 + 3 * HOUR, 3000, visitor="v3")
    await shop.click("v4", "b", T0)
    await shop.visit("v4", T0 + 3 * HOUR, "direct")
    await shop.order("post-then-direct", T0 + 4 * HOUR, 4000, visitor="v4")
    await shop.visit("v5", T0, "paid_social")
    await shop.order("paid", T0 + HOUR, 500, visitor="v5", currency="USD")
    await shop.order("no-journey", T0 + HOUR, 9999, visitor="nobody")

    async def report(model, since=T0, until=T0 + DAY):
        async with attr.runtime.db.uow() as uow:
            return await reports.channels_report(uow=uow, tenant_id=shop.tenant_id, model=model, since=since,
                                                 until=until)

    last = await report("last_touch")
    assert [(r["channel"], r["currency"], r["revenue_minor"], r["share"], r["orders"]) for r in last["rows"]] == [
        ("direct", "EUR", 4000, 0.4, 1), ("email", "EUR", 3000, 0.3, 1), ("organic_search", "EUR", 2000, 0.2, 1),
        ("social_tracked", "EUR", 1000, 0.1, 1), ("paid_social", "USD", 500, 1.0, 1)]
    eur, usd = last["currencies"]
    assert eur == {"currency": "EUR", "revenue_minor": 10000, "orders": 4, "revenue_from_posts_minor": 1000,
                   "smm_revenue_minor": 1000, "smm_share": 0.1, "influenced_revenue_minor": 8000,
                   "influenced_orders": 3, "assisted_revenue_minor": 3000, "assisted_orders": 1}
    assert usd == {"currency": "USD", "revenue_minor": 500, "orders": 1, "revenue_from_posts_minor": 0,
                   "smm_revenue_minor": 0, "smm_share": 0.0, "influenced_revenue_minor": 0, "influenced_orders": 0,
                   "assisted_revenue_minor": 0, "assisted_orders": 0}
    lnd = (await report("last_non_direct"))["currencies"][0]
    assert (lnd["revenue_from_posts_minor"], lnd["smm_revenue_minor"], lnd["smm_share"]) == (5000, 5000, 0.5)
    linear = (await report("linear"))["currencies"][0]
    # posts: 1000 + 2000 (half of post-then-direct); SMM adds half of "assisted" (social_untracked 1500)
    assert (linear["revenue_from_posts_minor"], linear["smm_revenue_minor"]) == (3000, 4500)
    assert linear["influenced_revenue_minor"] == 8000   # the orders' whole value, whatever the model
    # the same over HTTP, and the range applies
    resp = await shop.client.get("/reports/channels", params={"model": "last_touch", "since": T0.isoformat(),
                                                               "until": (T0 + DAY).isoformat()})
    assert resp.status_code == 200, resp.text
    assert resp.json()["currencies"][0]["influenced_orders"] == 3
    assert (await report("last_touch", since=T0 + DAY, until=T0 + 2 * DAY))["currencies"] == []
    resp = await shop.client.get("/reports/channels", params={"model": "nope"})
    assert resp.status_code == 422 and resp.headers["content-type"].startswith("application/problem+json")
    # a refund lowers influenced revenue by what it takes away
    await shop.adjust(orders.order_id_for(shop.tenant_id, "api", "assisted"), "r", "refund", 1000)
    eur = (await report("last_touch"))["currencies"][0]
    assert (eur["influenced_revenue_minor"], eur["assisted_revenue_minor"]) == (7000, 2000)
    # the ROI report's channel level
    resp = await shop.client.get("/reports/roi", params={"level": "channel", "model": "last_touch",
                                                          "since": T0.isoformat(), "until": (T0 + DAY).isoformat()})
    assert resp.status_code == 200, resp.text
    assert {r["key"]: r["revenue_minor"] for r in resp.json()["rows"] if r["currency"] == "EUR"} == {
        "direct": 4000, "email": 2000, "organic_search": 2000, "social_tracked": 1000}


async def test_the_journey_of_one_order(attr):
    shop = await new_shop(attr, "journey")
    target = await shop.publish("instagram", target_id=uuid.uuid5(INSTAGRAM, "journey"))
    click = await shop.click("jv", "instagram", T0)
    search = await shop.visit("jv", T0 + DAY, "organic_search")
    resp = await shop.client.post("/orders", json={"id": "j1", "ordered_at": (T0 + DAY + MINUTE).isoformat(),
                                                   "total_minor": 1001, "currency": "EUR", "visitor_id": "jv"})
    assert resp.status_code == 202
    order_id = resp.json()["order_id"]
    await attr.wait_order(shop.tenant_id, "j1")
    resp = await shop.client.get(f"/orders/{order_id}/journey")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["order_id"], body["evidence"], body["total_minor"]) == (order_id, "visitor", 1001)
    assert [(t["position"], t["kind"], t["channel"], t["target_id"], t["network"], t["click_id"], t["page_view_id"])
            for t in body["touches"]] == [
        (0, "click", "social_tracked", str(target), "instagram", click, None),
        (1, "visit", "organic_search", None, None, None, search)]
    assert body["touches"][0]["post_id"] is not None and body["touches"][1]["post_id"] is None
    assert set(body["credits"]) == set(MODELS)
    half = sorted([str(target), "organic_search"])   # 500.5 each: the leftover unit to the first key
    assert sorted((c["key"], c["channel"], c["target_id"], c["amount_minor"]) for c in body["credits"]["linear"]) == [
        (str(target), "social_tracked", str(target), 501 if half[0] == str(target) else 500),
        ("organic_search", "organic_search", None, 501 if half[0] == "organic_search" else 500)]
    assert [(c["key"], c["amount_minor"]) for c in body["credits"]["last_touch"]] == [("organic_search", 1001)]
    # another tenant's order, an unknown one and a malformed id
    other = await new_shop(attr, "journey-other")
    assert (await other.client.get(f"/orders/{order_id}/journey")).status_code == 404
    assert (await shop.client.get(f"/orders/{uuid.uuid4()}/journey")).status_code == 404
    resp = await shop.client.get("/orders/not-a-uuid/journey")
    assert resp.status_code == 422 and resp.headers["content-type"].startswith("application/problem+json")


async def test_a_post_published_late_joins_the_orders_of_the_tags_visitors_who_landed_with_its_clicks(attr):
    shop = await new_shop(attr, "late-post")
    late = uuid.uuid4()   # its post.published comes after the click, the visits and the order
    await shop.execute("INSERT INTO attribution.clicks (click_id, target_id, tenant_id, clicked_at, visitor_id,"
                       " user_agent) VALUES ('late-click-1', :target, NULL, :at, 'redirect-v', 'Mozilla/5.0')",
                       target=late, at=T0)
    await shop.visit("tag-v", T0 + timedelta(seconds=2), "social_tracked", click_id="late-click-1")
    await shop.visit("tag-v", T0 + DAY, "organic_search")
    order = await shop.order("late", T0 + DAY + MINUTE, 800, visitor="tag-v")
    assert [t.channel for t in await shop.touches(order)] == ["organic_search"]   # the click has no tenant yet
    await shop.publish("late", target_id=late)
    assert [(t.kind, t.channel, t.target_id) for t in await shop.touches(order)] == [
        ("click", "social_tracked", late), ("visit", "organic_search", None)]
    assert await shop.post_credits(order, "first_touch") == {"late": 800}
