"""Bulk import: every row validated, every bad row reported with its reason, all or nothing unless only_valid."""
import json
import random
from datetime import datetime, timedelta, timezone

UTC = timezone.utc
START = datetime(2032, 1, 5, 8, 0, tzinfo=UTC)


async def _count_posts(runtime, tenant_id) -> int:
    import sqlalchemy as sa
    async with runtime.db.engine.connect() as conn:
        return await conn.scalar(sa.text("SELECT count(*) FROM planner.posts WHERE tenant_id = :t"), {"t": tenant_id})


async def test_5000_row_csv_with_3_bad_rows_reports_all_three_and_imports_nothing(tenant, runtime):
    accounts = [await tenant.account("mastodon", tz="Europe/Berlin", handle=f"@shop{i}") for i in range(4)]
    lines = ["scheduled_at,timezone,accounts,text,media_urls,pillar,campaign"]
    for i in range(5000):
        when = (START + timedelta(minutes=7 * i)).replace(tzinfo=None).isoformat()
        acc = accounts[i % 4] if i % 2 else f"@shop{i % 4}"  # by id or by handle
        lines.append(f'{when},Europe/Berlin,{acc},"Post {i}, with a comma",https://cdn.example/{i}.jpg,'
                     f'{random.choice(["engage", "warm_up", "sell"])},spring')
    lines[1 + 1234] = "2032-13-40T99:00:00,Europe/Berlin,@shop1,Bad date,,engage,spring"
    lines[1 + 2500] = "2032-02-01T10:00:00,Europe/Berlin,@nobody,Who is this,,sell,spring"
    lines[1 + 4999] = f"2032-02-01T10:00:00,Europe/Berlin,@shop2,{'z' * 501},,sell,spring"
    before = await _count_posts(runtime, tenant.id)
    resp = await tenant.post("/imports/posts", content="\n".join(lines).encode(),
                             headers={"content-type": "text/csv"})
    assert resp.status_code == 422, resp.text[:300]
    body = resp.json()
    assert body["imported"] == 0
    errors = {e["row"]: e["reasons"] for e in body["errors"]}
    # CSV line numbers: the header is line 1
    assert sorted(errors) == [1236, 2502, 5001]
    assert "not an ISO 8601" in errors[1236][0]
    assert errors[2502] == ["unknown account '@nobody'"]
    assert "text_length" in errors[5001][0] and "500" in errors[5001][0]
    assert await _count_posts(runtime, tenant.id) == before, "nothing from a file with errors is imported"

    only = await tenant.post("/imports/posts?only_valid=true", content="\n".join(lines).encode(),
                             headers={"content-type": "text/csv"})
    assert only.status_code == 201, only.text[:300]
    assert (only.json()["imported"], len(only.json()["errors"])) == (4997, 3)
    assert await _count_posts(runtime, tenant.id) == before + 4997
    sample = (await tenant.get(f"/posts/{only.json()['post_ids'][0]}")).json()
    assert sample["text"] == "Post 0, with a comma" and sample["campaign"] == "spring"
    assert sample["targets"][0]["scheduled_at"] == "2032-01-05T07:00:00Z"  # 08:00 local in Berlin (CET)
    assert sample["media"] == [{"url": "https://cdn.example/0.jpg", "kind": "image", "size_bytes": None}]
    history = (await tenant.get(f"/posts/{sample['id']}/history")).json()["items"]
    assert [(h["from_status"], h["to_status"]) for h in history] == [(None, "scheduled")]


async def test_json_import_with_zones_several_accounts_and_network_rules(tenant):
    await tenant.account("instagram", tz="America/New_York", handle="@gram")
    bsky = await tenant.account("bluesky", handle="@sky")
    rows = [
        {"scheduled_at": "2032-03-14T01:30:00", "timezone": "America/New_York", "accounts": ["@gram", bsky],
         "text": "Pi day", "media_urls": ["https://cdn.example/pi.jpg"], "pillar": "sell"},
        {"scheduled_at": "2032-03-14T12:00:00Z", "accounts": "@gram", "text": "No picture"},
        {"scheduled_at": "2032-03-14T12:00:00+01:00", "accounts": [bsky], "text": "é" * 301,
         "media_urls": [{"url": "https://cdn.example/v.mp4", "kind": "video"}]},
        {"scheduled_at": "2032-03-14T12:00:00", "timezone": "Mars/Base", "accounts": [bsky], "text": "zone"},
        {"scheduled_at": "2032-03-14T12:00:00", "accounts": [bsky], "text": "bad media", "media_urls": ["ftp://x/y"]},
        {"scheduled_at": "2032-03-14T12:00:00", "accounts": [bsky], "text": "pillar?", "pillar": "gossip"},
    ]
    resp = await tenant.post("/imports/posts", content=json.dumps(rows), headers={"content-type": "application/json"})
    assert resp.status_code == 422
    errors = {e["row"]: " | ".join(e["reasons"]) for e in resp.json()["errors"]}
    assert sorted(errors) == [2, 3, 4, 5, 6]
    assert "media_required" in errors[2]
    assert "text_length" in errors[3] and "300 graphemes" in errors[3]
    assert "Mars/Base" in errors[4]
    assert "ftp://x/y" in errors[5]
    assert "gossip" in errors[6]
    ok = await tenant.post("/imports/posts?only_valid=true&format=json", content=json.dumps(rows))
    assert ok.status_code == 201 and ok.json()["targets"] == 2
    post = (await tenant.get(f"/posts/{ok.json()['post_ids'][0]}")).json()
    assert {t["scheduled_at"] for t in post["targets"]} == {"2032-03-14T06:30:00Z"}  # 01:30 EST


async def test_import_counts_its_own_rows_against_quotas(tenant):
    vk = await tenant.account("vk")
    csv = "scheduled_at,accounts,text\n" + "".join(
        f"2032-04-01T{h:02d}:{m:02d}:00Z,{vk},n{h}-{m}\n" for h in range(0, 13) for m in (0, 15, 30, 45))
    resp = await tenant.post("/imports/posts", content=csv)
    assert resp.status_code == 422
    bad = resp.json()["errors"]
    assert len(bad) == 2 and all("daily_quota" in e["reasons"][0] for e in bad)  # 52 rows, 50 a day
    assert [e["row"] for e in bad] == [52, 53]


async def test_malformed_files_are_one_clear_422(tenant):
    assert (await tenant.post("/imports/posts", content=b"when,who\n1,2\n")).json()["rule"] == "format"
    assert (await tenant.post("/imports/posts?format=json", content=b"{nope")).json()["rule"] == "format"


async def test_a_dry_run_reports_every_bad_row_and_saves_nothing(tenant, runtime):
    await tenant.account("mastodon", handle="@dry")
    csv = ("scheduled_at,timezone,accounts,text,pillar\n"
           "2032-02-01T10:00:00,UTC,@dry,Good one,engage\n"
           "2032-02-01T11:00:00,UTC,@ghost,Nobody's,engage\n"
           "2032-02-01T12:00:00,UTC,@dry,Good two,sell\n")
    before = await _count_posts(runtime, tenant.id)
    resp = await tenant.post("/imports/posts?dry_run=true", content=csv.encode(), headers={"content-type": "text/csv"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["rows"], body["valid"], body["imported"], body["post_ids"]) == (3, 2, 0, [])
    assert body["errors"] == [{"row": 3, "reasons": ["unknown account '@ghost'"]}]
    assert await _count_posts(runtime, tenant.id) == before
    good = await tenant.post("/imports/posts?dry_run=true", content=csv.replace("@ghost", "@dry").encode(),
                             headers={"content-type": "text/csv"})
    assert (good.json()["valid"], good.json()["errors"]) == (3, [])
    assert await _count_posts(runtime, tenant.id) == before
