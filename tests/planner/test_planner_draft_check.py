"""POST /posts/check: the composer's live validation is the catalogue's check that POST /posts runs, nothing saved."""
import uuid
from datetime import datetime, timezone

from smmkit.catalogue import CATALOGUE

WHEN = datetime(2031, 5, 5, 12, 0, tzinfo=timezone.utc).isoformat()


async def test_counts_per_network_as_the_catalogue_counts(tenant):
    x, mastodon = await tenant.account("x"), await tenant.account("mastodon")
    text = "Café ☕ " + "é" * 10  # 17 characters for both networks
    resp = await tenant.post("/posts/check", json={"text": text, "targets": [{"account_id": x},
                                                                             {"account_id": mastodon}]})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["ok"] is True
    by_network = {t["network"]: t for t in body["targets"]}
    [count] = by_network["mastodon"]["counts"]
    assert (count["used"], count["limit"], count["unit"]) == (17, 500, CATALOGUE["mastodon"].text[0].unit)
    assert by_network["x"]["counts"][0]["limit"] == 280
    assert all(t["violations"] == [] for t in body["targets"])
    assert (await tenant.get("/posts")).json()["items"] == []


async def test_a_draft_the_check_refuses_is_refused_by_post_posts_with_the_same_violation(tenant):
    acc = await tenant.account("mastodon")
    draft = {"text": "x" * 501, "targets": [{"account_id": acc}]}
    check = (await tenant.post("/posts/check", json=draft)).json()
    assert check["ok"] is False
    [v] = check["targets"][0]["violations"]
    assert (v["rule"], v["limit"], v["actual"]) == ("text_length", 500, 501)
    created = await tenant.post("/posts", json={**draft, "scheduled_at": WHEN})
    assert created.status_code == 422
    assert created.json()["violations"] == [v]


async def test_a_target_variant_is_checked_instead_of_the_master_text(tenant):
    acc = await tenant.account("x")
    resp = await tenant.post("/posts/check", json={"text": "short", "targets": [{"account_id": acc,
                                                                                  "text": "y" * 281}]})
    [target] = resp.json()["targets"]
    assert target["text"] == "y" * 281
    assert target["violations"][0]["rule"] == "text_length"


async def test_another_tenants_account_is_404(tenant, new_tenant):
    other = await new_tenant("other")
    acc = await other.account("mastodon")
    resp = await tenant.post("/posts/check", json={"text": "hi", "targets": [{"account_id": acc}]})
    assert resp.status_code == 404
    assert resp.headers["content-type"] == "application/problem+json"
    resp = await tenant.post("/posts/check", json={"text": "hi", "targets": [{"account_id": str(uuid.uuid4())}]})
    assert resp.status_code == 404
