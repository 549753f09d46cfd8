"""Size limits when planning: the largest post a network takes fits; a post whose post.scheduled would be over
EVENT_MAX_BYTES is refused now (the dispatcher builds that event in SQL, past the unit of work's check)."""
from datetime import datetime, timezone

WHEN = datetime(2031, 5, 5, 12, 0, tzinfo=timezone.utc).isoformat()


async def test_the_longest_facebook_post_in_four_byte_characters_is_planned(tenant):
    acc = await tenant.account("facebook")
    resp = await tenant.post("/posts", json={"text": "😀" * 63_206, "scheduled_at": WHEN,
                                             "targets": [{"account_id": acc}]})
    assert resp.status_code == 201, resp.text[:300]


async def test_a_post_whose_event_would_be_too_large_is_422_and_nothing_is_stored(tenant, runtime, monkeypatch):
    # The field bounds keep a post's event under the default limit; a deployment may set a smaller one.
    monkeypatch.setattr(runtime.db, "max_event_bytes", 16 * 1024)
    acc = await tenant.account("mastodon")
    links = [f"https://shop.example/{i}/" + "p" * 1900 for i in range(20)]  # ~38 kB
    resp = await tenant.post("/posts", json={"text": "Many links", "scheduled_at": WHEN, "links": links,
                                             "targets": [{"account_id": acc}]})
    assert resp.status_code == 422, resp.text[:300]
    [v] = resp.json()["violations"]
    assert (v["rule"], v["limit"]) == ("event_size", 16 * 1024)
    assert v["actual"] > 16 * 1024
    assert (await tenant.get("/posts")).json()["items"] == []


async def test_a_body_over_the_posts_limit_is_413(tenant):
    acc = await tenant.account("mastodon")
    resp = await tenant.post("/posts", json={"text": "x" * (1024 * 1024), "scheduled_at": WHEN,
                                             "targets": [{"account_id": acc}]})
    assert resp.status_code == 413
    assert resp.headers["content-type"] == "application/problem+json"
