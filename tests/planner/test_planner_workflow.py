"""Brands with approval, the status flow with every transition recorded, comments, signed review links, templates,
campaigns and pillars."""
from datetime import datetime, timedelta, timezone

WHEN = datetime(2031, 6, 2, 9, 0, tzinfo=timezone.utc)


async def _brand(tenant, approval: bool) -> str:
    resp = await tenant.post("/brands", json={"name": "Roastery", "approval_required": approval})
    assert resp.status_code == 201
    return resp.json()["id"]


async def test_brand_with_approval_goes_draft_review_approved_scheduled_with_history(tenant):
    brand = await _brand(tenant, approval=True)
    acc = await tenant.account(brand_id=brand)
    assert [a["id"] for a in (await tenant.get(f"/brands/{brand}/accounts")).json()["items"]] == [acc]
    post = (await tenant.post("/posts", json={"text": "Launch", "scheduled_at": WHEN.isoformat(), "brand_id": brand,
                                              "targets": [{"account_id": acc}]},
                              headers={"X-Actor": "anna"})).json()
    assert post["status"] == "in_review"
    assert post["targets"][0]["status"] == "pending", "not due-eligible before approval"
    # scheduling around the review is refused
    assert (await tenant.post(f"/posts/{post['id']}/schedule")).status_code == 409
    rejected = await tenant.post(f"/posts/{post['id']}/reject", json={"comment": "Add the price"},
                                 headers={"X-Actor": "boss"})
    assert rejected.json()["status"] == "draft"
    assert (await tenant.post(f"/posts/{post['id']}/schedule")).status_code == 409, "still needs approval"
    assert (await tenant.post(f"/posts/{post['id']}/submit", headers={"X-Actor": "anna"})).json()["status"] == "in_review"
    approved = (await tenant.post(f"/posts/{post['id']}/approve", headers={"X-Actor": "boss"})).json()
    assert approved["status"] == "scheduled" and approved["targets"][0]["status"] == "scheduled"
    history = (await tenant.get(f"/posts/{post['id']}/history")).json()["items"]
    assert [(h["from_status"], h["to_status"], h["actor"]) for h in history] == [
        (None, "draft", "anna"), ("draft", "in_review", "anna"), ("in_review", "draft", "boss"),
        ("draft", "in_review", "anna"), ("in_review", "approved", "boss"), ("approved", "scheduled", "system")]
    ats = [datetime.fromisoformat(h["at"]) for h in history]
    assert ats == sorted(ats) and all(a.tzinfo for a in ats)
    comments = (await tenant.get(f"/posts/{post['id']}/comments")).json()["items"]
    assert [(c["author"], c["body"]) for c in comments] == [("boss", "Add the price")]
    # approval off: straight to scheduled
    assert (await tenant.patch(f"/brands/{brand}", json={"approval_required": False})).json()["approval_required"] is False
    direct = (await tenant.post("/posts", json={"text": "Direct", "scheduled_at": WHEN.isoformat(), "brand_id": brand,
                                                "targets": [{"account_id": acc}]})).json()
    assert direct["status"] == "scheduled"


async def test_draft_can_be_scheduled_without_approval_and_cancelled(tenant):
    acc = await tenant.account()
    post = (await tenant.post("/posts", json={"text": "Draft", "scheduled_at": WHEN.isoformat(), "draft": True,
                                              "targets": [{"account_id": acc}]})).json()
    assert post["status"] == "draft"
    assert (await tenant.post(f"/posts/{post['id']}/approve")).status_code == 409, "not in review"
    assert (await tenant.post(f"/posts/{post['id']}/schedule")).json()["status"] == "scheduled"
    cancelled = (await tenant.post(f"/posts/{post['id']}/cancel")).json()
    assert cancelled["status"] == "cancelled" and cancelled["targets"][0]["status"] == "cancelled"
    assert (await tenant.post(f"/posts/{post['id']}/schedule")).status_code == 409, "cancelled is final"


async def test_signed_review_link_approves_without_an_account_once(tenant, client):
    brand = await _brand(tenant, approval=True)
    acc = await tenant.account(brand_id=brand)
    post = (await tenant.post("/posts", json={"text": "Please review", "scheduled_at": WHEN.isoformat(),
                                              "brand_id": brand, "targets": [{"account_id": acc}]})).json()
    link = (await tenant.post(f"/posts/{post['id']}/review-links", json={"reviewer": "client@example.com"})).json()
    view = await client.get(link["path"])  # no Authorization header at all
    assert view.status_code == 200 and view.json()["post"]["text"] == "Please review"
    # a tampered token is refused
    body, sig = link["token"].split(".")
    assert (await client.post(f"/review/{body}.{sig[:-2]}AA/approve")).status_code == 404
    other = (await tenant.post("/posts", json={"text": "Other", "scheduled_at": WHEN.isoformat(), "brand_id": brand,
                                               "targets": [{"account_id": acc}]})).json()
    other_link = (await tenant.post(f"/posts/{other['id']}/review-links", json={"reviewer": "x"})).json()
    assert (await client.post(f"/review/{body}.{other_link['token'].split('.')[1]}/approve")).status_code == 404
    ok = await client.post(f"{link['path']}/approve", json={"comment": "Looks good"})
    assert ok.status_code == 200 and ok.json()["status"] == "scheduled"
    again = await client.post(f"{link['path']}/approve")
    assert again.status_code == 409, "the link works while the post is in review only"
    history = (await tenant.get(f"/posts/{post['id']}/history")).json()["items"]
    assert ("in_review", "approved", "reviewer:client@example.com") in [
        (h["from_status"], h["to_status"], h["actor"]) for h in history]
    # rejection through a link leaves a comment
    rej = (await tenant.post(f"/posts/{other['id']}/review-links", json={"reviewer": "legal"})).json()
    assert (await client.post(f"{rej['path']}/reject", json={"comment": "No claims"})).json()["status"] == "draft"
    assert [(c["author"], c["body"]) for c in (await tenant.get(f"/posts/{other['id']}/comments")).json()["items"]] == [
        ("reviewer:legal", "No claims")]


async def test_expired_review_link_is_refused(tenant, client, runtime):
    from planner.posts import review

    acc = await tenant.account()
    post = (await tenant.post("/posts", json={"text": "Old", "scheduled_at": WHEN.isoformat(), "draft": True,
                                              "targets": [{"account_id": acc}]})).json()
    token, _ = review.sign(secret_keys=runtime.settings.secret_keys, tenant_id=tenant.id, post_id=post["id"],
                           reviewer="late", now=datetime.now(timezone.utc) - timedelta(days=10),
                           expires_in=timedelta(days=1))
    resp = await client.get(f"/review/{token}")
    assert resp.status_code == 404 and "expired" in resp.json()["detail"]


async def test_comments_on_posts(tenant):
    acc = await tenant.account()
    post = (await tenant.post("/posts", json={"text": "C", "scheduled_at": WHEN.isoformat(), "draft": True,
                                              "targets": [{"account_id": acc}]})).json()
    await tenant.post(f"/posts/{post['id']}/comments", json={"body": "first"}, headers={"X-Actor": "anna"})
    await tenant.post(f"/posts/{post['id']}/comments", json={"body": "second", "author": "ben"})
    assert [(c["author"], c["body"]) for c in (await tenant.get(f"/posts/{post['id']}/comments")).json()["items"]] == [
        ("anna", "first"), ("ben", "second")]
    for blank in ("", "  \n "):  # refused by the API, not only by the web app's form
        refused = await tenant.post(f"/posts/{post['id']}/comments", json={"body": blank})
        assert refused.status_code == 422 and refused.json()["errors"][0]["loc"][-1] == "body", refused.text


async def test_templates_fill_what_the_post_leaves_out(tenant):
    acc = await tenant.account()
    tpl = (await tenant.post("/templates", json={"name": "Monday tip", "text": "Tip of the week", "pillar": "engage",
                                                 "media": [{"url": "https://cdn.example/tip.jpg"}]})).json()
    assert (await tenant.post("/templates", json={"name": "Monday tip", "text": "dup"})).status_code == 409
    post = (await tenant.post("/posts", json={"template_id": tpl["id"], "scheduled_at": WHEN.isoformat(),
                                              "targets": [{"account_id": acc}]})).json()
    assert (post["text"], post["pillar"], post["media"][0]["url"]) == ("Tip of the week", "engage",
                                                                       "https://cdn.example/tip.jpg")
    own = (await tenant.post("/posts", json={"template_id": tpl["id"], "text": "Own words",
                                             "scheduled_at": WHEN.isoformat(), "targets": [{"account_id": acc}]})).json()
    assert own["text"] == "Own words" and own["pillar"] == "engage"
    assert (await tenant.delete(f"/templates/{tpl['id']}")).status_code == 204
    assert (await tenant.get(f"/templates/{tpl['id']}")).status_code == 404


async def test_pillars_default_funnel_and_tenant_defined(tenant):
    pillars = (await tenant.get("/pillars")).json()
    assert [p["name"] for p in pillars] == ["engage", "warm_up", "sell"]
    assert sum(p["target_share_pct"] for p in pillars) == 100
    bad = await tenant.put("/pillars", json={"pillars": [{"name": "a", "target_share_pct": 60}]})
    assert bad.status_code == 422
    mine = await tenant.put("/pillars", json={"pillars": [{"name": "educate", "target_share_pct": 70},
                                                          {"name": "promote", "target_share_pct": 30}]})
    assert [p["name"] for p in mine.json()] == ["educate", "promote"]
    acc = await tenant.account()
    unknown = await tenant.post("/posts", json={"text": "x", "scheduled_at": WHEN.isoformat(), "pillar": "sell",
                                                "targets": [{"account_id": acc}]})
    assert unknown.status_code == 422 and unknown.json()["violations"][0]["rule"] == "pillar"


async def test_campaign_date_range_is_enforced(tenant):
    resp = await tenant.post("/campaigns", json={"name": "summer", "starts_on": "2031-06-01", "ends_on": "2031-06-30"})
    assert resp.status_code == 201
    assert (await tenant.post("/campaigns", json={"name": "bad", "starts_on": "2031-06-30",
                                                  "ends_on": "2031-06-01"})).status_code == 422
    acc = await tenant.account(tz="Pacific/Auckland")
    inside = await tenant.post("/posts", json={"text": "in", "scheduled_at": "2031-06-30T11:00:00Z",
                                               "campaign": "summer", "targets": [{"account_id": acc}]})
    assert inside.status_code == 201
    # 12:30 UTC on June 30 is already July 1 in Auckland (UTC+12): outside the campaign for this account
    outside = await tenant.post("/posts", json={"text": "out", "scheduled_at": "2031-06-30T12:30:00Z",
                                                "campaign": "summer", "targets": [{"account_id": acc}]})
    assert outside.status_code == 422 and outside.json()["violations"][0]["rule"] == "campaign_range"


async def test_leaving_the_brand_out_does_not_skip_its_approval(tenant):
    strict = await _brand(tenant, approval=True)
    other = await _brand(tenant, approval=False)
    acc = await tenant.account(brand_id=strict)
    acc_other = await tenant.account(brand_id=other)
    post = (await tenant.post("/posts", json={"text": "sneaky", "scheduled_at": WHEN.isoformat(),
                                              "targets": [{"account_id": acc}]})).json()
    assert (post["status"], post["brand_id"]) == ("in_review", strict)
    mixed = await tenant.post("/posts", json={"text": "mixed", "scheduled_at": WHEN.isoformat(),
                                              "targets": [{"account_id": acc}, {"account_id": acc_other}]})
    assert mixed.status_code == 422 and mixed.json()["rule"] == "brand"
    wrong = await tenant.post("/posts", json={"text": "wrong", "scheduled_at": WHEN.isoformat(), "brand_id": other,
                                              "targets": [{"account_id": acc}]})
    assert wrong.status_code == 422
    csv = f"scheduled_at,accounts,text\n{WHEN.isoformat()},{acc},imported strict\n{WHEN.isoformat()},{acc_other},free\n"
    result = (await tenant.post("/imports/posts", content=csv)).json()
    assert (result["imported"], result["in_review"]) == (2, 1)
    statuses = {(await tenant.get(f"/posts/{p}")).json()["text"]: (await tenant.get(f"/posts/{p}")).json()["status"]
                for p in result["post_ids"]}
    assert statuses == {"imported strict": "in_review", "free": "scheduled"}
