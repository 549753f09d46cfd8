"""Time zones never shift a post: UTC stored, local times accepted and shown, slots and RRULEs across DST."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from planner.schedules import service as schedules
from planner.timezones import to_utc

UTC = timezone.utc
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
# 2031-03-30: Europe/Berlin springs forward at 02:00 → 03:00. 2031-11-02: New York falls back at 02:00 → 01:00.


def test_gap_moves_forward_and_fold_takes_the_first_occurrence():
    assert to_utc(datetime(2031, 3, 30, 2, 30), BERLIN) == datetime(2031, 3, 30, 1, 30, tzinfo=UTC)  # 03:30 CEST
    assert to_utc(datetime(2031, 3, 30, 1, 59), BERLIN) == datetime(2031, 3, 30, 0, 59, tzinfo=UTC)
    assert to_utc(datetime(2031, 3, 30, 3, 0), BERLIN) == datetime(2031, 3, 30, 1, 0, tzinfo=UTC)
    assert to_utc(datetime(2031, 11, 2, 1, 30), NEW_YORK) == datetime(2031, 11, 2, 5, 30, tzinfo=UTC)  # EDT, first
    assert to_utc(datetime(2031, 11, 2, 2, 30), NEW_YORK) == datetime(2031, 11, 2, 7, 30, tzinfo=UTC)  # EST


async def test_local_time_accepted_stored_utc_and_shown_in_any_zone(tenant):
    acc = await tenant.account(tz="Europe/Berlin")
    # no offset and no zone: refused, never guessed
    guess = await tenant.post("/posts", json={"text": "gap", "scheduled_at": "2031-03-30T02:30:00",
                                              "targets": [{"account_id": acc}]})
    assert guess.status_code == 422 and "never guessed" in guess.text
    # a local time with its zone; 02:30 on the spring-forward day is 03:30 CEST
    post = (await tenant.post("/posts", json={"text": "gap", "scheduled_at": "2031-03-30T02:30:00",
                                              "timezone": "Europe/Berlin", "targets": [{"account_id": acc}]})).json()
    assert datetime.fromisoformat(post["targets"][0]["scheduled_at"]) == datetime(2031, 3, 30, 1, 30, tzinfo=UTC)
    # explicit zone, on the fall-back day
    fold = (await tenant.post("/posts?tz=America/New_York", json={
        "text": "fold", "scheduled_at": "2031-11-02T01:30:00", "timezone": "America/New_York",
        "targets": [{"account_id": acc}]})).json()
    shown = fold["targets"][0]["scheduled_at"]
    assert shown == "2031-11-02T01:30:00-04:00", shown
    in_tokyo = (await tenant.get(f"/posts/{fold['id']}?tz=Asia/Tokyo")).json()["targets"][0]["scheduled_at"]
    assert in_tokyo == "2031-11-02T14:30:00+09:00"
    assert (await tenant.get(f"/posts/{fold['id']}?tz=Mars/Olympus")).status_code == 422
    bad = await tenant.post("/posts", json={"text": "x", "scheduled_at": "2031-03-30T02:30:00",
                                            "timezone": "Nowhere/City", "targets": [{"account_id": acc}]})
    assert bad.status_code == 422


async def test_weekly_slots_keep_their_wall_clock_across_spring_forward(tenant):
    acc = await tenant.account(tz="Europe/Berlin")
    resp = await tenant.put(f"/accounts/{acc}/slots", json={"slots": [
        {"weekday": 6, "time": "02:30"}, {"weekday": 0, "time": "10:00"}]})
    assert resp.status_code == 200
    got = []
    for i in range(4):
        posts = (await tenant.post("/queue", json={"text": f"q{i}", "account_ids": [acc],
                                                   "not_before": "2031-03-24T00:00:00Z"})).json()
        got.append(datetime.fromisoformat(posts[0]["targets"][0]["scheduled_at"]))
    assert got == [
        datetime(2031, 3, 24, 9, 0, tzinfo=UTC),    # Mon 10:00 CET
        datetime(2031, 3, 30, 1, 30, tzinfo=UTC),   # Sun 02:30 does not exist: 03:30 CEST
        datetime(2031, 3, 31, 8, 0, tzinfo=UTC),    # Mon 10:00 CEST
        datetime(2031, 4, 6, 0, 30, tzinfo=UTC),    # Sun 02:30 CEST
    ]


def test_fall_back_slot_is_used_once_not_twice():
    slots = [(6, time(1, 30))]
    got = list(schedules.slot_instants(slots, "America/New_York", datetime(2031, 10, 26, tzinfo=UTC), weeks=3))
    assert got[:3] == [datetime(2031, 10, 26, 5, 30, tzinfo=UTC), datetime(2031, 11, 2, 5, 30, tzinfo=UTC),
                       datetime(2031, 11, 9, 6, 30, tzinfo=UTC)]


async def test_queue_skips_taken_slots_and_needs_slots(tenant):
    acc = await tenant.account(tz="UTC")
    none = await tenant.post("/queue", json={"text": "q", "account_ids": [acc]})
    assert none.status_code == 422 and none.json()["rule"] == "no_slots"
    await tenant.put(f"/accounts/{acc}/slots", json={"slots": [{"weekday": 2, "time": "12:00"}]})
    # 2031-06-04 is a Wednesday; a post already sits in that slot
    await tenant.post("/posts", json={"text": "taken", "scheduled_at": "2031-06-04T12:00:00Z",
                                      "targets": [{"account_id": acc}]})
    queued = (await tenant.post("/queue", json={"text": "next", "account_ids": [acc],
                                                "not_before": "2031-06-01T00:00:00Z"})).json()
    assert queued[0]["targets"][0]["scheduled_at"].startswith("2031-06-11T12:00:00")


def test_rrule_keeps_local_time_across_dst_and_never_skips_or_doubles():
    daily_9 = schedules.occurrences("FREQ=DAILY;BYHOUR=9;BYMINUTE=0", datetime(2031, 3, 28, 9, 0), "Europe/Berlin",
                                    datetime(2031, 3, 28, tzinfo=UTC), datetime(2031, 4, 1, tzinfo=UTC))
    assert [d.astimezone(BERLIN).strftime("%d %H:%M") for d in daily_9] == ["28 09:00", "29 09:00", "30 09:00",
                                                                           "31 09:00"]
    assert daily_9[2] - daily_9[1] == timedelta(hours=23)
    at_gap = schedules.occurrences("FREQ=DAILY", datetime(2031, 3, 29, 2, 30), "Europe/Berlin",
                                   datetime(2031, 3, 29, tzinfo=UTC), datetime(2031, 4, 1, tzinfo=UTC))
    assert [d.isoformat() for d in at_gap] == ["2031-03-29T01:30:00+00:00", "2031-03-30T01:30:00+00:00",
                                               "2031-03-31T00:30:00+00:00"]
    at_fold = schedules.occurrences("FREQ=DAILY", datetime(2031, 11, 1, 1, 30), "America/New_York",
                                    datetime(2031, 11, 1, tzinfo=UTC), datetime(2031, 11, 4, tzinfo=UTC))
    assert [d.isoformat() for d in at_fold] == ["2031-11-01T05:30:00+00:00", "2031-11-02T05:30:00+00:00",
                                                "2031-11-03T06:30:00+00:00"]


def test_unbounded_rule_is_expanded_lazily():
    # an endless hourly rule: a five-hour window two months on yields five occurrences without expanding the rest
    got = schedules.occurrences("FREQ=HOURLY", datetime(2031, 1, 1), "UTC",
                                datetime(2031, 3, 1, tzinfo=UTC), datetime(2031, 3, 1, 5, tzinfo=UTC))
    assert len(got) == 5


async def test_recurrence_materializes_posts_once(tenant, runtime):
    acc = await tenant.account(tz="Europe/Berlin")
    rec = await tenant.post("/recurrences", json={"rrule": "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=10;BYMINUTE=0",
                                                  "dtstart": "2031-03-20T10:00:00", "timezone": "Europe/Berlin",
                                                  "text": "Weekly tip", "account_ids": [acc], "pillar": "engage"})
    assert rec.status_code == 201, rec.text
    rec_id = rec.json()["id"]
    occ = (await tenant.get(f"/recurrences/{rec_id}/occurrences", params={
        "from": "2031-03-24T00:00:00Z", "to": "2031-04-04T00:00:00Z", "tz": "Europe/Berlin"})).json()
    assert occ == ["2031-03-24T10:00:00+01:00", "2031-03-27T10:00:00+01:00", "2031-03-31T10:00:00+02:00",
                   "2031-04-03T10:00:00+02:00"]
    now = datetime(2031, 3, 24, 0, 0, tzinfo=UTC)
    for _ in range(2):  # a second run (another replica, a restart) adds nothing
        async with runtime.db.uow() as uow:
            await schedules.materialize(uow=uow, now=now, horizon=timedelta(days=11))
    posts = [p for p in (await tenant.get("/posts")).json()["items"] if p["text"] == "Weekly tip"]
    assert sorted(p["targets"][0]["scheduled_at"] for p in posts) == [
        "2031-03-24T09:00:00Z", "2031-03-27T09:00:00Z", "2031-03-31T08:00:00Z", "2031-04-03T08:00:00Z"]
    assert (await tenant.post(f"/recurrences/{rec_id}/stop")).json()["active"] is False
