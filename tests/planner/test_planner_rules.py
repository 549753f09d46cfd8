"""Network limits are checked when a post is planned: a 422 that names the target, the rule and the limit."""
from datetime import datetime, timedelta, timezone

import pytest

from planner.posts import rules
from smmkit.catalogue import CATALOGUE
from smmkit.catalogue.text import graphemes

WHEN = datetime(2031, 5, 5, 12, 0, tzinfo=timezone.utc)


def plan(tenant_account, text="hello", media=(), when=WHEN, targets=None):
    return {"text": text, "scheduled_at": when.isoformat(), "media": list(media),
            "targets": targets or [{"account_id": tenant_account}]}


def test_bluesky_counts_graphemes_not_code_points():
    family = "👨‍👩‍👧‍👦"  # one grapheme, 7 code points
    assert graphemes(family) == 1
    p = rules.Planned(ref="t", account_id=None, network="bluesky", handle="@b", timezone="UTC", text=family * 100,
                      media=[], scheduled_at=WHEN)
    assert rules.check_content(p) == []
    p.text = "é" * 301  # 301 graphemes, 602 bytes
    [v] = rules.check_content(p)
    assert (v["rule"], v["limit"], v["actual"]) == ("text_length", 300, 301)
    p.text = family * 300  # 300 graphemes, but 7,500 UTF-8 bytes: the PDS refuses over 3,000
    [v] = rules.check_content(p)
    assert (v["rule"], v["limit"], v["actual"]) == ("text_bytes", 3000, 7500)


async def test_text_too_long_names_target_rule_and_limit(tenant):
    acc = await tenant.account("mastodon", handle="@loud")
    resp = await tenant.post("/posts", json=plan(acc, text="x" * 501))
    assert resp.status_code == 422
    body = resp.json()
    [v] = body["violations"]
    assert v["target"] == "targets[0]" and v["account_id"] == acc and v["handle"] == "@loud"
    assert (v["rule"], v["limit"], v["actual"]) == ("text_length", 500, 501)
    assert "500" in body["detail"]
    assert (await tenant.post("/posts", json=plan(acc, text="x" * 500))).status_code == 201


@pytest.mark.parametrize("network,media,rule,limit", [
    ("instagram", [], "media_required", 1),
    ("mastodon", [{"url": f"https://cdn.example/{i}.jpg"} for i in range(5)], "media_count", 4),
    ("x", [{"url": "https://cdn.example/a.jpg"}, {"url": "https://cdn.example/b.mp4", "kind": "video"}],
     "media_kind", "images or video"),
    ("bluesky", [{"url": "https://cdn.example/a.mp4", "kind": "video"}], "media_count", 0),
    ("bluesky", [{"url": f"https://cdn.example/{i}.jpg"} for i in range(5)], "media_count", 4),
    ("bluesky", [{"url": "https://cdn.example/big.jpg", "size_bytes": 1_000_001}], "media_size", 1_000_000),
])
async def test_media_rules(tenant, network, media, rule, limit):
    acc = await tenant.account(network)
    resp = await tenant.post("/posts", json=plan(acc, media=media))
    assert resp.status_code == 422, resp.text
    assert [(v["rule"], v["limit"]) for v in resp.json()["violations"]] == [(rule, limit)]


async def test_telegram_caption_limit_applies_only_with_media(tenant):
    acc = await tenant.account("telegram")
    assert (await tenant.post("/posts", json=plan(acc, text="y" * 2000))).status_code == 201
    resp = await tenant.post("/posts", json=plan(acc, text="y" * 2000, media=[{"url": "https://c.example/p.jpg"}],
                                                 when=WHEN + timedelta(hours=1)))
    assert resp.status_code == 422
    assert resp.json()["violations"][0]["rule"] == "caption_length"


async def test_identical_text_to_two_x_accounts_is_refused(tenant):
    a, b = await tenant.account("x"), await tenant.account("x")
    resp = await tenant.post("/posts", json=plan(a, text="Same words", targets=[{"account_id": a}, {"account_id": b}]))
    assert resp.status_code == 422
    [v] = resp.json()["violations"]
    assert v["rule"] == "duplicate_text" and v["account_id"] == b
    # a variant per account is fine
    ok = await tenant.post("/posts", json=plan(a, text="Same words", targets=[
        {"account_id": a}, {"account_id": b, "text": "Other words"}]))
    assert ok.status_code == 201, ok.text
    # ... and a later post with the same text on the other X account is refused too
    later = await tenant.post("/posts", json=plan(b, text="Same words", when=WHEN + timedelta(hours=3)))
    assert later.status_code == 422 and later.json()["violations"][0]["rule"] == "duplicate_text"


async def test_vk_daily_quota_counts_what_is_already_planned_that_local_day(tenant):
    acc = await tenant.account("vk", tz="Europe/Moscow")
    # 50 posts on 2031-05-05 Moscow time (UTC+3): from 21:00 UTC the day before
    day_start = datetime(2031, 5, 4, 21, 0, tzinfo=timezone.utc)
    csv = "scheduled_at,accounts,text\n" + "".join(
        f"{(day_start + timedelta(minutes=20 * i)).isoformat()},{acc},post {i}\n" for i in range(50))
    resp = await tenant.post("/imports/posts", content=csv, headers={"content-type": "text/csv"})
    assert resp.status_code == 201, resp.text
    over = await tenant.post("/posts", json=plan(acc, when=day_start + timedelta(hours=23, minutes=59)))
    assert over.status_code == 422
    [v] = over.json()["violations"]
    assert (v["rule"], v["limit"], v["actual"]) == ("daily_quota", 50, 51)
    # the next local day is free again
    assert (await tenant.post("/posts", json=plan(acc, when=day_start + timedelta(hours=24)))).status_code == 201


async def test_instagram_rolling_24h_quota(tenant):
    acc = await tenant.account("instagram")
    media = [{"url": "https://cdn.example/p.jpg"}]
    quota = CATALOGUE["instagram"].rolling_quota[0]
    for i in range(quota):
        r = await tenant.post("/posts", json=plan(acc, media=media, text=f"p{i}", when=WHEN + timedelta(minutes=20 * i)))
        assert r.status_code == 201, r.text
    # 23:59 after the first one is inside the same 24 h window
    over = await tenant.post("/posts", json=plan(acc, media=media, when=WHEN + timedelta(hours=23, minutes=59)))
    assert over.status_code == 422 and over.json()["violations"][0]["rule"] == "rolling_quota"
    assert over.json()["violations"][0]["limit"] == quota == 50
    # just over 24 h after the first post, the window no longer holds it: room for one more
    fine = await tenant.post("/posts", json=plan(acc, media=media, when=WHEN + timedelta(hours=24, minutes=1)))
    assert fine.status_code == 201, fine.text


async def test_cancelled_posts_free_their_quota(tenant):
    acc = await tenant.account("threads")
    assert CATALOGUE["threads"].rolling_quota[0] == 250
    csv = "scheduled_at,accounts,text\n" + "".join(
        f"{(WHEN + timedelta(minutes=i)).isoformat()},{acc},t{i}\n" for i in range(250))
    assert (await tenant.post("/imports/posts", content=csv)).status_code == 201
    over = await tenant.post("/posts", json=plan(acc, when=WHEN + timedelta(hours=2)))
    assert over.status_code == 422
    first = (await tenant.get("/posts")).json()["items"]
    victim = next(p for p in first if p["targets"][0]["account_id"] == acc)
    assert (await tenant.post(f"/posts/{victim['id']}/cancel")).status_code == 200
    assert (await tenant.post("/posts", json=plan(acc, when=WHEN + timedelta(hours=2)))).status_code == 201


async def test_concurrent_requests_cannot_both_take_the_last_quota_slot(tenant, client):
    import asyncio

    acc = await tenant.account("vk")
    day = datetime(2031, 7, 1, 6, 0, tzinfo=timezone.utc)
    csv = "scheduled_at,accounts,text\n" + "".join(
        f"{(day + timedelta(minutes=5 * i)).isoformat()},{acc},n{i}\n" for i in range(49))
    assert (await tenant.post("/imports/posts", content=csv)).status_code == 201
    answers = await asyncio.gather(*(tenant.post("/posts", json=plan(acc, text=f"race {i}",
                                                                    when=day + timedelta(hours=10, minutes=i)))
                                     for i in range(4)))
    assert sorted(r.status_code for r in answers) == [201, 422, 422, 422]
