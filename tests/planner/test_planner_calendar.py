"""Calendar views in a zone with filters, iCalendar export, and the content-mix report."""

import pytest


@pytest.fixture
async def planned(tenant):
    brand = (await tenant.post("/brands", json={"name": "B"})).json()["id"]
    masto = await tenant.account("mastodon", tz="Europe/Berlin", brand_id=brand)
    tg = await tenant.account("telegram", tz="Europe/Berlin")
    await tenant.post("/campaigns", json={"name": "spring", "starts_on": "2031-01-01", "ends_on": "2031-12-31"})

    async def post(text, when, acc, pillar="sell", campaign=None, brand_id=None):
        resp = await tenant.post("/posts", json={"text": text, "scheduled_at": when, "pillar": pillar,
                                                 "campaign": campaign, "brand_id": brand_id,
                                                 "targets": [{"account_id": acc}]})
        assert resp.status_code == 201, resp.text
        return resp.json()
    edge_in = await post("Feb 28 late UTC, March 1 in Berlin", "2031-02-28T23:30:00Z", masto, "engage", "spring", brand)
    await post("April in Berlin", "2031-03-31T22:30:00Z", masto)
    dst = await post("Before, after; DST", "2031-03-30T03:30:00+02:00", tg, "warm_up", "spring")
    cancelled = await post("cancelled one", "2031-03-10T10:00:00Z", tg)
    await tenant.post(f"/posts/{cancelled['id']}/cancel")
    return {"masto": masto, "tg": tg, "brand": brand, "edge": edge_in, "dst": dst, "cancelled": cancelled}


async def test_month_view_groups_by_local_day_and_filters(tenant, planned):
    resp = await tenant.get("/calendar", params={"view": "month", "date": "2031-03-15", "tz": "Europe/Berlin"})
    assert resp.status_code == 200
    cal = resp.json()
    assert (cal["from"], cal["to"], len(cal["days"])) == ("2031-03-01", "2031-03-31", 31)
    by_day = {d["date"]: d["items"] for d in cal["days"]}
    assert [i["text"] for i in by_day["2031-03-01"]] == ["Feb 28 late UTC, March 1 in Berlin"]
    assert by_day["2031-03-01"][0]["scheduled_at"] == "2031-03-01T00:30:00+01:00"
    assert by_day["2031-03-30"][0]["scheduled_at"] == "2031-03-30T03:30:00+02:00"
    assert by_day["2031-03-31"] == [], "22:30 UTC on the 31st is April 1 in Berlin"
    assert cal["total"] == 3
    # the same range in UTC: the edge post is on Feb 28, outside
    utc = (await tenant.get("/calendar", params={"from": "2031-03-01", "to": "2031-03-31"})).json()
    assert {i["text"] for d in utc["days"] for i in d["items"]} == {"Before, after; DST", "cancelled one",
                                                                    "April in Berlin"}

    async def texts(**filters):
        cal = (await tenant.get("/calendar", params={"date": "2031-03-15", "tz": "Europe/Berlin", **filters})).json()
        return sorted(i["text"] for d in cal["days"] for i in d["items"])
    assert await texts(network="telegram") == ["Before, after; DST", "cancelled one"]
    assert await texts(account_id=planned["masto"]) == ["Feb 28 late UTC, March 1 in Berlin"]
    assert await texts(brand_id=planned["brand"]) == ["Feb 28 late UTC, March 1 in Berlin"]
    assert await texts(campaign="spring") == ["Before, after; DST", "Feb 28 late UTC, March 1 in Berlin"]
    assert await texts(pillar="warm_up") == ["Before, after; DST"]
    assert await texts(status="cancelled") == ["cancelled one"]


async def test_week_view_and_bad_input(tenant, planned):
    week = (await tenant.get("/calendar", params={"view": "week", "date": "2031-03-27", "tz": "Europe/Berlin"})).json()
    assert (week["from"], week["to"]) == ("2031-03-24", "2031-03-30")
    assert [i["text"] for d in week["days"] for i in d["items"]] == ["Before, after; DST"]
    assert (await tenant.get("/calendar", params={"tz": "Not/AZone"})).status_code == 422
    assert (await tenant.get("/calendar", params={"from": "2031-01-01", "to": "2031-12-31"})).status_code == 422


async def test_ics_export(tenant, planned):
    resp = await tenant.get("/calendar.ics", params={"from": "2031-03-01", "to": "2031-03-31", "tz": "Europe/Berlin"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/calendar")
    body = resp.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 3
    unfolded = body.replace("\r\n ", "")
    assert f"UID:{planned['dst']['targets'][0]['id']}@smm-planner" in unfolded
    assert "DTSTART:20310330T013000Z" in unfolded
    assert "SUMMARY:[telegram] Before\\, after\\; DST" in unfolded
    assert "STATUS:CANCELLED" in unfolded
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


async def test_content_mix_per_week_against_targets(tenant):
    acc = await tenant.account("mastodon", tz="UTC")
    rows = ["scheduled_at,accounts,text,pillar"]
    rows += [f"2031-09-0{1 + i % 5}T10:{i:02d}:00Z,{acc},s{i},sell" for i in range(7)]  # Mon 1 .. Fri 5 Sept
    rows += [f"2031-09-0{1 + i}T12:00:00Z,{acc},e{i},engage" for i in range(3)]
    rows += ["2031-09-09T12:00:00Z," + acc + ",next week,warm_up"]
    assert (await tenant.post("/imports/posts", content="\n".join(rows))).status_code == 201
    report = (await tenant.get("/reports/content-mix", params={"from": "2031-09-01", "to": "2031-09-14"})).json()
    first, second = report["weeks"]
    assert first["week_start"] == "2031-09-01" and first["total"] == 10
    mix = {p["pillar"]: p for p in first["pillars"]}
    assert (mix["sell"]["share_pct"], mix["sell"]["target_pct"]) == (70.0, 20)
    assert (mix["engage"]["share_pct"], mix["engage"]["target_pct"]) == (30.0, 50)
    assert mix["warm_up"]["planned"] == 0 and mix["sell"]["delta_pct"] == 50.0
    assert second["week_start"] == "2031-09-08" and second["total"] == 1


async def test_month_view_lists_50_per_day_with_full_counts_week_view_lists_all(tenant):
    acc = await tenant.account("mastodon", tz="UTC")
    rows = ["scheduled_at,accounts,text"] + [f"2031-10-07T{h:02d}:{m:02d}:00Z,{acc},busy {h}-{m}"
                                              for h in range(12) for m in range(0, 60, 10)]  # 72 on one day
    assert (await tenant.post("/imports/posts", content="\n".join(rows))).status_code == 201
    month = (await tenant.get("/calendar", params={"date": "2031-10-07"})).json()
    day = next(d for d in month["days"] if d["date"] == "2031-10-07")
    assert (day["count"], len(day["items"]), month["total"]) == (72, 50, 72)
    assert day["items"][0]["text"] == "busy 0-0" and day["items"][-1]["scheduled_at"] == "2031-10-07T08:10:00+00:00"
    every = (await tenant.get("/calendar", params={"date": "2031-10-07", "per_day": 1000})).json()
    assert len(next(d for d in every["days"] if d["date"] == "2031-10-07")["items"]) == 72
    week = (await tenant.get("/calendar", params={"view": "week", "date": "2031-10-07"})).json()
    assert len(next(d for d in week["days"] if d["date"] == "2031-10-07")["items"]) == 72
