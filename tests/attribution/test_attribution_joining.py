"""Joining orders to targets: evidence order and conflicts, the click window's boundary, late posts, journeys."""
import uuid
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from smmkit.links import sign_link
from tests.utils.polling import eventually

BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Safari/605.1.15"


async def click(attr, target_id, visitor=None):
    """A browser follows the target's tracked link; returns (click_id, visitor_id, clicked_at) once stored."""
    token = sign_link(attr.runtime.settings.tracking_secret, target_id, "https://shop.example/")
    resp = await attr.visit(f"/r/{token}", user_agent=BROWSER, visitor=visitor)
    click_id = parse_qs(urlsplit(resp.headers["location"]).query)["smm_click"][0]
    row = await eventually(lambda: attr.rows("SELECT * FROM attribution.clicks WHERE click_id = :c", c=click_id),
                           what="click stored")
    return click_id, row[0].visitor_id, row[0].clicked_at


async def order(tenant, external_id, at: datetime, total=1000, **fields):
    resp = await tenant.client.post("/orders", json={"id": external_id, "ordered_at": at.isoformat(),
                                                     "total_minor": total, "currency": "EUR", **fields})
    assert resp.status_code == 202, resp.text


async def test_strongest_evidence_wins_and_weaker_disagreeing_signals_are_ignored(attr):
    tenant = await attr.tenant("evidence")
    a, b, c, d = [await attr.publish_target(tenant.id) for _ in range(4)]
    assert (await tenant.client.put("/promo-codes", json={"code": "post-d", "target_id": str(d)})).status_code == 200
    click_a, visitor, _ = await click(attr, a)
    _, _, at_b = await click(attr, b, visitor)          # the visitor's latest click is on B
    at = at_b + timedelta(minutes=5)
    everything = dict(visitor_id=visitor, utm={"content": str(c)}, promo_codes=["POST-D"])
    await order(tenant, "click-wins", at, click_id=click_a, **everything)
    await order(tenant, "visitor-wins", at, **everything)
    await order(tenant, "utm-wins", at, utm={"content": str(c)}, promo_codes=["post-d"])
    await order(tenant, "promo-only", at, promo_codes=[" Post-D "])
    expected = {"click-wins": (a, "click_id"), "visitor-wins": (b, "visitor"), "utm-wins": (c, "utm_content"),
                "promo-only": (d, "promo_code")}
    for external_id, (target, evidence) in expected.items():
        row = await attr.wait_order(tenant.id, external_id)
        assert (row.target_id, row.evidence) == (target, evidence), external_id
        assert (await attr.credits(tenant.id, external_id))[str(target)] == 1000


async def test_a_click_id_in_the_landing_url_counts_and_another_tenants_click_never_does(attr):
    mine = await attr.tenant("mine")
    theirs = await attr.tenant("theirs")
    my_target = await attr.publish_target(mine.id)
    their_target = await attr.publish_target(theirs.id)
    my_click, _, at = await click(attr, my_target)
    their_click, their_visitor, _ = await click(attr, their_target)
    await order(mine, "landing", at + timedelta(seconds=1),
                landing_url=f"https://shop.example/cart?utm_source=x&SMM_CLICK={my_click}")
    row = await attr.wait_order(mine.id, "landing")
    assert (row.target_id, row.evidence) == (my_target, "click_id")
    # an order of "mine" quoting their click id and visitor: not evidence, falls back to its own utm_content
    await order(mine, "stolen", at + timedelta(seconds=1), click_id=their_click, visitor_id=their_visitor,
                utm={"content": str(my_target)})
    row = await attr.wait_order(mine.id, "stolen")
    assert (row.target_id, row.evidence) == (my_target, "utm_content")
    # and an order of "mine" naming only their target is never joined
    await order(mine, "foreign-utm", at, utm={"content": str(their_target)})
    row = await attr.wait_order(mine.id, "foreign-utm", joined=False)
    assert row.attributed_at is None
    assert await attr.scalar("SELECT count(*) FROM attribution.order_credits WHERE tenant_id = :t "
                             "AND target_id = :x", t=mine.id, x=their_target) == 0


async def test_click_window_boundary_is_inclusive_and_configurable(attr):
    tenant = await attr.tenant("window")
    target = await attr.publish_target(tenant.id)
    fallback = await attr.publish_target(tenant.id)
    click_id, visitor, at = await click(attr, target)
    week = timedelta(days=7)
    utm = {"content": str(fallback)}
    await order(tenant, "at-boundary", at + week, click_id=click_id, utm=utm)
    await order(tenant, "past-boundary", at + week + timedelta(microseconds=1), click_id=click_id, utm=utm)
    await order(tenant, "visitor-at-boundary", at + week, visitor_id=visitor, utm=utm)
    await order(tenant, "before-the-click", at - timedelta(microseconds=1), click_id=click_id, utm=utm)
    expected = {"at-boundary": target, "past-boundary": fallback, "visitor-at-boundary": target,
                "before-the-click": fallback}
    for external_id, want in expected.items():
        assert (await attr.wait_order(tenant.id, external_id)).target_id == want, external_id

    resp = await tenant.client.patch("/settings", json={"click_window_s": 3600})
    assert resp.status_code == 200 and resp.json()["click_window_s"] == 3600
    await order(tenant, "hour-boundary", at + timedelta(hours=1), click_id=click_id, utm=utm)
    await order(tenant, "past-hour", at + timedelta(hours=1, microseconds=1), click_id=click_id, utm=utm)
    assert (await attr.wait_order(tenant.id, "hour-boundary")).target_id == target
    assert (await attr.wait_order(tenant.id, "past-hour")).target_id == fallback
    # another tenant's settings are untouched
    other = await attr.tenant("window-other")
    assert (await other.client.get("/settings")).json()["click_window_s"] == 7 * 24 * 3600


async def test_orders_before_their_post_are_joined_later_for_every_kind_of_evidence(attr):
    tenant = await attr.tenant("late")
    by_click, by_visitor, by_utm, by_promo = (uuid.uuid4() for _ in range(4))
    click_id, _, at = await click(attr, by_click)
    _, visitor, _ = await click(attr, by_visitor)
    later = at + timedelta(minutes=1)
    await order(tenant, "late-click", later, click_id=click_id)
    await order(tenant, "late-visitor", later, visitor_id=visitor)
    await order(tenant, "late-utm", later, landing_url=f"/p?utm_content={by_utm}")
    await order(tenant, "late-promo", later, promo_codes=["LATE1"])
    for external_id in ("late-click", "late-visitor", "late-utm", "late-promo"):
        assert (await attr.wait_order(tenant.id, external_id, joined=False)).attributed_at is None
    for target in (by_click, by_visitor, by_utm, by_promo):
        await attr.publish_target(tenant.id, target_id=target)
    await tenant.client.put("/promo-codes", json={"code": "late1", "target_id": str(by_promo)})
    expected = {"late-click": (by_click, "click_id"), "late-visitor": (by_visitor, "visitor"),
                "late-utm": (by_utm, "utm_content"), "late-promo": (by_promo, "promo_code")}
    for external_id, (target, evidence) in expected.items():
        row = await attr.wait_order(tenant.id, external_id)
        assert (row.target_id, row.evidence) == (target, evidence), external_id


async def test_a_weak_join_is_upgraded_when_stronger_evidence_arrives(attr):
    tenant = await attr.tenant("upgrade")
    utm_target = await attr.publish_target(tenant.id)
    clicked = uuid.uuid4()            # its post.published comes after the order
    _, visitor, at = await click(attr, clicked)
    await order(tenant, "upgrade", at + timedelta(minutes=1), visitor_id=visitor, utm={"content": str(utm_target)})
    assert (await attr.wait_order(tenant.id, "upgrade")).evidence == "utm_content"
    await attr.publish_target(tenant.id, target_id=clicked)

    async def upgraded():
        row = await attr.order(tenant.id, "upgrade")
        return row if row.evidence == "visitor" else None
    row = await eventually(upgraded, what="re-joined on the visitor's click")
    assert row.target_id == clicked
    assert await attr.credits(tenant.id, "upgrade") == {str(clicked): 1000}


async def test_the_visitors_journey_is_credited_under_every_model(attr):
    tenant = await attr.tenant("journey")
    a = await attr.publish_target(tenant.id)
    b = await attr.publish_target(tenant.id)
    _, visitor, t1 = await click(attr, a)
    _, _, t2 = await click(attr, b, visitor)
    click3, _, t3 = await click(attr, a, visitor)
    await click(attr, b, visitor)                   # after the deciding click: not part of this order's journey
    await order(tenant, "journey", t3 + timedelta(seconds=1), total=999, click_id=click3)
    await attr.wait_order(tenant.id, "journey")
    touches = await attr.rows("SELECT o.target_id, o.touched_at FROM attribution.order_touches o JOIN attribution.orders "
                              "r ON r.id = o.order_id WHERE r.external_id = 'journey' AND r.tenant_id = :t "
                              "ORDER BY position", t=tenant.id)
    assert [(r.target_id, r.touched_at) for r in touches] == [(a, t1), (b, t2), (a, t3)]
    A, B = str(a), str(b)
    expected = {
        "first_touch": {A: 999}, "last_touch": {A: 999}, "last_non_direct": {A: 999},
        "linear": {A: 666, B: 333},
        "position_based": {A: 799, B: 200},   # 40 % + 40 % to A (799.2), 20 % to B (199.8): largest remainder
        # Markov and Shapley are not split per order: their reports use every journey (test_attribution_datadriven)
        "markov": {}, "shapley": {},
    }
    for model, want in expected.items():
        assert await attr.credits(tenant.id, "journey", model) == want, model
    decay = await attr.credits(tenant.id, "journey", "time_decay")
    assert sum(decay.values()) == 999 and decay[A] > decay[B]
