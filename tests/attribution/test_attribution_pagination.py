"""Attribution's lists are paged like every other (``smmkit.pagination``); a date filter holds on every page."""
import uuid


async def _walk(tenant, path: str, **params) -> list[list[dict]]:
    pages, cursor = [], None
    while True:
        resp = await tenant.client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        pages.append(resp.json()["items"])
        if (cursor := resp.json()["next_cursor"]) is None:
            return pages


async def test_costs_page_by_period_with_the_date_filter_on_every_page(attr):
    tenant = await attr.tenant("paged costs")
    made = {}
    for month in ("01", "02", "03", "04"):
        resp = await tenant.client.post("/costs", json={"kind": "tools", "amount_minor": 100, "currency": "EUR",
                                                        "period_start": f"2031-{month}-01",
                                                        "period_end": f"2031-{month}-28"})
        assert resp.status_code == 201, resp.text
        made[month] = resp.json()["id"]
    pages = await _walk(tenant, "/costs", limit=1, since="2031-02-01", until="2031-03-31")
    assert [[c["id"] for c in page] for page in pages] == [[made["02"]], [made["03"]]]
    assert [len(p) for p in await _walk(tenant, "/costs", limit=3)] == [3, 1]

    other = await attr.tenant("paged costs, other")
    cursor = (await tenant.client.get("/costs", params={"limit": 1})).json()["next_cursor"]
    refused = await other.client.get("/costs", params={"cursor": cursor})
    assert refused.status_code == 422 and [e["loc"] for e in refused.json()["errors"]] == [["query", "cursor"]]


async def test_promo_codes_page_by_code(attr):
    tenant = await attr.tenant("paged promos")
    for code in ("CHARLIE", "ALPHA", "BRAVO"):
        resp = await tenant.client.put("/promo-codes", json={"code": code, "target_id": str(uuid.uuid4())})
        assert resp.status_code == 200, resp.text
    pages = await _walk(tenant, "/promo-codes", limit=2)
    assert [[p["code"] for p in page] for page in pages] == [["ALPHA", "BRAVO"], ["CHARLIE"]]
