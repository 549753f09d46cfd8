"""A post's language: a BCP 47 tag, stored in canonical form, on posts, targets, templates, the queue, recurrences
and imports, and carried on post.scheduled."""
from datetime import datetime, timedelta, timezone

import pytest

from planner.posts import service as posts
from planner.schedules import service as schedules
from smmkit.validation import language_tag

UTC = timezone.utc
WHEN = "2034-02-06T10:00:00Z"


@pytest.mark.parametrize("raw, canonical", [
    ("en", "en"), ("EN", "en"), ("pt-br", "pt-BR"), ("zh-hant", "zh-Hant"), ("sr-latn-rs", "sr-Latn-RS"),
    ("es-419", "es-419"), ("en_GB", "en-GB"), ("iw", "he"), ("en-Latn-US", "en-US"), ("de-CH-1996", "de-CH-1996"),
])
def test_tags_are_normalised_to_canonical_form(raw, canonical):
    assert language_tag(raw) == canonical


@pytest.mark.parametrize("raw, reason", [
    ("english", "not a BCP 47"), ("en-", "not a BCP 47"), ("", "not a BCP 47"), ("xx", "not registered"),
    ("en-US-1234567890", "not a BCP 47"), ("und", "names no language"), ("x-klingon", "names no language"),
])
def test_malformed_or_unregistered_tags_are_refused_with_the_reason(raw, reason):
    with pytest.raises(ValueError, match=reason):
        language_tag(raw)


async def test_post_language_round_trip_with_a_target_override_and_edits(tenant):
    acc, other = await tenant.account("mastodon"), await tenant.account("bluesky")
    resp = await tenant.post("/posts", json={"text": "Olá", "scheduled_at": WHEN, "language": "pt-br",
                                             "targets": [{"account_id": acc},
                                                         {"account_id": other, "text": "Hello", "language": "EN"}]})
    assert resp.status_code == 201, resp.text
    post = resp.json()
    assert post["language"] == "pt-BR"
    assert {t["network"]: t["language_override"] for t in post["targets"]} == {"mastodon": None, "bluesky": "en"}
    assert (await tenant.get(f"/posts/{post['id']}")).json()["language"] == "pt-BR"

    edited = await tenant.patch(f"/posts/{post['id']}", json={"language": "sr-latn-rs"}, headers={"X-Actor": "ana"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["language"] == "sr-Latn-RS"
    assert (await tenant.patch(f"/posts/{post['id']}", json={})).json()["language"] == "sr-Latn-RS"  # nothing given
    assert (await tenant.patch(f"/posts/{post['id']}", json={"language": None})).json()["language"] is None
    history = (await tenant.get(f"/posts/{post['id']}/history")).json()["items"]
    assert [(h["actor"], h["note"]) for h in history if h["note"]] == [("ana", "edited: language"),
                                                                       ("api", "edited: language")]
    bad = await tenant.patch(f"/posts/{post['id']}", json={"language": "klingon"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["body", "language"]


async def test_bad_tags_are_a_clear_422(tenant):
    acc = await tenant.account()
    for tag in ("english", "xx", "und", "en-" + "a" * 40):
        resp = await tenant.post("/posts", json={"text": "x", "scheduled_at": WHEN, "language": tag,
                                                 "targets": [{"account_id": acc}]})
        assert resp.status_code == 422, tag
        [error] = resp.json()["errors"]
        assert error["loc"] == ["body", "language"], error
        assert "BCP 47" in error["msg"] or "no language" in error["msg"] or "at most 35" in error["msg"], error
    target = await tenant.post("/posts", json={"text": "x", "scheduled_at": WHEN,
                                               "targets": [{"account_id": acc, "language": "nope-nope"}]})
    assert target.status_code == 422 and target.json()["errors"][0]["loc"] == ["body", "targets", 0, "language"]


async def test_editing_is_refused_once_the_targets_are_handed_over(tenant, runtime):
    acc = await tenant.account()
    due = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    post = (await tenant.post("/posts", json={"text": "due", "scheduled_at": due, "language": "en",
                                              "targets": [{"account_id": acc}]})).json()
    async with runtime.db.uow() as uow:
        await posts.dispatch_due(uow=uow, now=datetime.now(UTC), limit=1000)
    resp = await tenant.patch(f"/posts/{post['id']}", json={"language": "de"})
    assert resp.status_code == 409 and "too late to edit" in resp.json()["detail"]
    assert (await tenant.get(f"/posts/{post['id']}")).json()["language"] == "en"


async def test_templates_queue_and_recurrences_carry_the_language(tenant, runtime):
    acc = await tenant.account(tz="UTC")
    tpl = (await tenant.post("/templates", json={"name": "Tipp", "text": "Tipp der Woche", "language": "DE-at"})).json()
    assert tpl["language"] == "de-AT"
    filled = (await tenant.post("/posts", json={"template_id": tpl["id"], "scheduled_at": WHEN,
                                                "targets": [{"account_id": acc}]})).json()
    assert filled["language"] == "de-AT"
    own = (await tenant.post("/posts", json={"template_id": tpl["id"], "text": "Tip", "language": "en",
                                             "scheduled_at": WHEN, "targets": [{"account_id": acc}]})).json()
    assert own["language"] == "en", "the post's own language wins over the template's"

    await tenant.put(f"/accounts/{acc}/slots", json={"slots": [{"weekday": 2, "time": "12:00"}]})
    queued = await tenant.post("/queue", json={"text": "Bonjour", "account_ids": [acc], "language": "fr-ca",
                                               "not_before": "2034-03-01T00:00:00Z"})
    assert queued.status_code == 201, queued.text
    assert queued.json()[0]["language"] == "fr-CA"
    assert (await tenant.post("/queue", json={"text": "x", "account_ids": [acc],
                                              "language": "french"})).status_code == 422

    rec = await tenant.post("/recurrences", json={"rrule": "FREQ=DAILY;COUNT=2", "dtstart": "2034-04-01T09:00:00",
                                                  "timezone": "UTC", "text": "Buongiorno", "account_ids": [acc],
                                                  "language": "IT"})
    assert rec.status_code == 201 and rec.json()["language"] == "it"
    async with runtime.db.uow() as uow:
        await schedules.materialize(uow=uow, now=datetime(2034, 3, 31, tzinfo=UTC), horizon=timedelta(days=5))
    made = [p for p in (await tenant.get("/posts")).json()["items"] if p["text"] == "Buongiorno"]
    assert [p["language"] for p in made] == ["it", "it"]


async def test_import_language_column_in_csv_and_json(tenant):
    await tenant.account("mastodon", handle="@lang")
    csv = ("scheduled_at,accounts,text,language\n"
           "2034-05-01T10:00:00Z,@lang,Hallo,de-de\n"
           "2034-05-01T11:00:00Z,@lang,No language,\n"
           "2034-05-01T12:00:00Z,@lang,Bad,deutsch\n")
    resp = await tenant.post("/imports/posts", content=csv.encode(), headers={"content-type": "text/csv"})
    assert resp.status_code == 422
    [error] = resp.json()["errors"]
    assert error["row"] == 4 and "'deutsch' is not a BCP 47 language tag" in error["reasons"][0]
    ok = await tenant.post("/imports/posts?only_valid=true", content=csv.encode(),
                           headers={"content-type": "text/csv"})
    assert ok.status_code == 201 and ok.json()["imported"] == 2
    imported = [(await tenant.get(f"/posts/{pid}")).json() for pid in ok.json()["post_ids"]]
    assert {p["text"]: p["language"] for p in imported} == {"Hallo": "de-DE", "No language": None}

    rows = [{"scheduled_at": "2034-05-02T10:00:00Z", "accounts": "@lang", "text": "Hola", "language": "es-419"}]
    done = await tenant.post("/imports/posts", json=rows)
    assert done.status_code == 201, done.text
    assert (await tenant.get(f"/posts/{done.json()['post_ids'][0]}")).json()["language"] == "es-419"
