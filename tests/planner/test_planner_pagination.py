"""Cursor pagination (``smmkit.pagination``) through the planner's lists: page boundaries, stable order under
concurrent inserts, refused cursors and limits, and cursors that stay within their tenant."""
import asyncio

from smmkit.pagination import DEFAULT_LIMIT, MAX_LIMIT

WHEN = "2033-05-02T10:00:00Z"


async def _walk(tenant, path: str, limit: int, **params) -> list[list[dict]]:
    """Every page of ``path``, each a list of items; asserts the last page alone has no next_cursor."""
    pages, cursor = [], None
    while True:
        resp = await tenant.get(path, params={"limit": limit, **params, **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert len(body["items"]) <= limit
        pages.append(body["items"])
        if (cursor := body["next_cursor"]) is None:
            return pages
        assert body["items"], "a page that promises more is never empty"


def _assert_cursor_refused(resp) -> None:
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert [e["loc"] for e in resp.json()["errors"]] == [["query", "cursor"]]


async def test_page_boundaries(new_tenant):
    t = await new_tenant("pages")
    assert (await t.get("/brands")).json() == {"items": [], "next_cursor": None}
    ids = [(await t.post("/brands", json={"name": f"brand {i}"})).json()["id"] for i in range(3)]

    exactly = (await t.get("/brands", params={"limit": 3})).json()
    assert [b["id"] for b in exactly["items"]] == ids and exactly["next_cursor"] is None, \
        "exactly `limit` rows: one page, no cursor to an empty page"
    assert [[b["id"] for b in page] for page in await _walk(t, "/brands", 1)] == [[i] for i in ids]
    assert [[b["id"] for b in page] for page in await _walk(t, "/brands", 2)] == [ids[:2], ids[2:]]

    ids.append((await t.post("/brands", json={"name": "brand 3"})).json()["id"])
    one_more = (await t.get("/brands", params={"limit": 3})).json()
    assert [b["id"] for b in one_more["items"]] == ids[:3] and one_more["next_cursor"], \
        "limit + 1 rows: never silently cut; the cursor leads to the last"
    last = (await t.get("/brands", params={"limit": 3, "cursor": one_more["next_cursor"]})).json()
    assert [b["id"] for b in last["items"]] == ids[3:] and last["next_cursor"] is None


async def test_posts_page_newest_first_and_no_row_is_skipped_or_repeated_while_others_are_inserted(new_tenant):
    t = await new_tenant("busy")
    acc = await t.account("mastodon")

    async def plan(text: str) -> str:
        resp = await t.post("/posts", json={"text": text, "scheduled_at": WHEN, "targets": [{"account_id": acc}]})
        assert resp.status_code == 201, resp.text
        return resp.json()["id"]

    existing = [await plan(f"existing {i}") for i in range(7)]
    seen, cursor, added = [], None, 0
    while True:  # each page is read while two more posts are being planned
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        resp, *_ = await asyncio.gather(t.get("/posts", params=params), plan(f"new {added}"), plan(f"new {added + 1}"))
        added += 2
        body = resp.json()
        seen += [p["id"] for p in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert len(seen) == len(set(seen)), "no post on two pages"
    assert [p for p in seen if p in existing] == existing[::-1], "every post that existed is there once, newest first"


async def test_filters_hold_across_pages(new_tenant):
    t = await new_tenant("filtered")
    acc = await t.account("mastodon")
    drafts = []
    for i in range(3):
        post = (await t.post("/posts", json={"text": f"draft {i}", "scheduled_at": WHEN, "draft": True,
                                             "targets": [{"account_id": acc}]})).json()
        drafts.append(post["id"])
        await t.post("/posts", json={"text": f"planned {i}", "scheduled_at": WHEN, "targets": [{"account_id": acc}]})
    pages = await _walk(t, "/posts", 1, status="draft")
    assert [p["id"] for page in pages for p in page] == drafts[::-1]
    assert {p["status"] for page in pages for p in page} == {"draft"}


async def test_bad_cursors_and_limits_are_422_naming_them(new_tenant):
    t = await new_tenant("strict")
    for i in range(2):
        await t.post("/brands", json={"name": f"b{i}"})
    cursor = (await t.get("/brands", params={"limit": 1})).json()["next_cursor"]
    assert (await t.get("/brands", params={"cursor": cursor})).status_code == 200

    _assert_cursor_refused(await t.get("/brands", params={"cursor": "not a cursor!"}))
    _assert_cursor_refused(await t.get("/brands", params={"cursor": "AAAA"}))
    tampered = cursor[:-2] + ("A" if cursor[-2] != "A" else "B") + cursor[-1]
    _assert_cursor_refused(await t.get("/brands", params={"cursor": tampered}))
    _assert_cursor_refused(await t.get("/campaigns", params={"cursor": cursor}))  # another list's
    _assert_cursor_refused(await t.get("/brands", params={"cursor": "x" * 600}))

    for bad in (0, MAX_LIMIT + 1, -1):
        resp = await t.get("/brands", params={"limit": bad})
        assert resp.status_code == 422 and [e["loc"] for e in resp.json()["errors"]] == [["query", "limit"]]
    assert len((await t.get("/templates")).json()["items"]) <= DEFAULT_LIMIT


async def test_another_tenants_cursor_reveals_nothing(new_tenant):
    a, b = await new_tenant("A"), await new_tenant("B")
    for i in range(3):
        await a.post("/brands", json={"name": f"A secret {i}"})
    await b.post("/brands", json={"name": "B own"})
    a_cursor = (await a.get("/brands", params={"limit": 1})).json()["next_cursor"]
    _assert_cursor_refused(await b.get("/brands", params={"cursor": a_cursor}))
    assert [x["name"] for x in (await b.get("/brands")).json()["items"]] == ["B own"]


async def test_operator_lists_page_through_every_tenant(client, planner_settings, new_tenant):
    made = {(await new_tenant(f"operator paging {i}")).id for i in range(3)}
    operator = {"Authorization": f"Bearer {planner_settings.operator_token}"}
    seen, cursor = [], None
    while True:
        resp = await client.get("/admin/tenants", headers=operator,
                                params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        seen += [t["id"] for t in resp.json()["items"]]
        if (cursor := resp.json()["next_cursor"]) is None:
            break
    assert len(seen) == len(set(seen)) and {str(t) for t in made} <= set(seen)
    keys = await client.get(f"/admin/tenants/{next(iter(made))}/api-keys", headers=operator, params={"limit": 1})
    assert keys.status_code == 200 and len(keys.json()["items"]) == 1 and keys.json()["next_cursor"] is None
