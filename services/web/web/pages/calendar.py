"""The calendar (FullCalendar, month and week): the planner's calendar as events, in a zone the user picks;
drag (or the keyboard's Move…) to reschedule. Queue slots and recurring posts: ``calendar_schedules``."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

import orjson
from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from smmkit.problems import problem
from smmkit.validation import Day, IanaZone, Label, WallOrMoment
from web import i18n
from web.apis import ApiProblem
from web.identity.deps import WRITE, ApisDep, UserDep, Writer, check_csrf_header
from web.pages import calendar_schedules as schedules
from web.pages.calendar_schedules import wall
from web.labels import label
from web.render import locale_of, page, use_locale

router = APIRouter(dependencies=[Depends(use_locale), Depends(check_csrf_header)], include_in_schema=False)
STATUSES = ("pending", "scheduled", "dispatched", "published", "failed", "cancelled")
MONTH_PER_DAY = 5  # posts listed per day in a month view (calendar.js folds a day after this many and the "more")
MOVABLE = {"pending", "scheduled"}  # once dispatched (handed to the publisher) a target keeps its time
Filter = Annotated[Label | None, Query()]


def month_mix(weeks: list[dict], pillars: list[dict]) -> list[dict]:
    """The planner's weekly content mix summed over the month: planned share per pillar against its target."""
    planned: dict[str, int] = {}
    for week in weeks:
        for row in week["pillars"]:
            planned[row["pillar"]] = planned.get(row["pillar"], 0) + row["planned"]
    total = sum(planned.values())
    targets = {p["name"]: p["target_share_pct"] for p in pillars}
    return [{"pillar": name, "planned": planned.get(name, 0), "target_pct": targets.get(name, 0),
             "share_pct": round(100 * planned.get(name, 0) / total) if total else 0}
            for name in [*targets, *sorted(set(planned) - set(targets))]]


async def calendar_context(apis, user, **extra) -> dict:
    """Everything the calendar page shows around the grid (also used to show a form's errors in place)."""
    first = date.today().replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    accounts, pillars, mix, brands, recurrences = await asyncio.gather(
        apis.get_all("planner", "/accounts"), apis.get("planner", "/pillars"),
        apis.get("planner", "/reports/content-mix", **{"from": first.isoformat(), "to": last.isoformat()}),
        apis.get_all("planner", "/brands"), apis.get_all("planner", "/recurrences"))
    zones = sorted({a["timezone"] for a in accounts} | {"UTC"})
    return {"form": {}, "account": "", "accounts": accounts, "pillars": pillars, "statuses": STATUSES,
            "brands": brands, "zones": zones,
            "recurrences": [r for r in recurrences if r["active"]], "can_move": user.role in WRITE,
            "mix": month_mix(mix["weeks"], pillars), "month": first, "repeats": schedules.REPEATS, **extra}


@router.get("/calendar")
async def calendar_page(request: Request, user: UserDep, apis: ApisDep, created: uuid.UUID | None = None,
                        queued: uuid.UUID | None = None,
                        saved: Literal["slots", "recurrence", "stopped"] | None = None,
                        account: uuid.UUID | None = None, date_: Annotated[Day | None, Query(alias="date")] = None,
                        view: Literal["month", "week"] = "month"):
    """``created``/``queued``/``saved``: what a form just did; ``account``: the account whose slots show;
    ``date``: a day the calendar opens on (today otherwise), in the month or its ``week``."""
    queued_post = await apis.get("planner", f"/posts/{queued}") if queued else None
    slots = await apis.get("planner", f"/accounts/{account}/slots") if account else []
    return page(request, "calendar.html", **await calendar_context(
        apis, user, created=created, queued=queued_post, saved=saved, account=str(account) if account else "",
        slots_value=schedules.slots_text(slots), initial_date=date_.isoformat() if date_ else "",
        initial_view="timeGridWeek" if view == "week" else "dayGridMonth"))


def _day(value: str) -> date:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).date() if "T" in value else date.fromisoformat(value)


@router.get("/calendar/events")
async def events(request: Request, user: UserDep, apis: ApisDep, start: Annotated[str, Query(max_length=40)],
                 end: Annotated[str, Query(max_length=40)], tz: IanaZone = "UTC",
                 brand_id: uuid.UUID | None = None, account_id: uuid.UUID | None = None,
                 pillar: Filter = None, status: Filter = None):
    """FullCalendar's event feed: ``end`` is exclusive, the planner's ``to`` inclusive. With an account picked
    (and no pillar/status filter) its free queue slots come too; recurring posts' upcoming occurrences always."""
    try:
        first, last = _day(start), _day(end) - timedelta(days=1)
    except ValueError:
        return problem(422, "Validation failed", "start and end must be ISO dates")
    i18n.current_locale.set(locale_of(request))
    zone = ZoneInfo(tz)
    # a month cell shows a few posts and how many more: the planner lists the first MONTH_PER_DAY of each day and
    # counts them all, so a month of 10,000 posts is a page's worth of JSON, not 4 MB (bench/web.py)
    per_day = MONTH_PER_DAY if (last - first).days > 7 else None
    doc = await apis.get("planner", "/calendar", **{"from": first.isoformat(), "to": last.isoformat()}, tz=tz,
                         brand_id=brand_id, account_id=account_id, pillar=pillar, status=status, per_day=per_day)
    can_move = user.role in WRITE
    out, taken = [], set()
    for day in doc["days"]:
        for item in day["items"]:
            at = datetime.fromisoformat(item["scheduled_at"])
            if item["status"] in MOVABLE:
                taken.add((item["account_id"], at))
            out.append({
                "id": item["target_id"], "title": f"{item['network']}: {item['text']}", "start": wall(at, zone),
                "url": f"/posts/{item['post_id']}", "classNames": [f"st-{item['status']}"],
                "startEditable": can_move and item["status"] in MOVABLE,
                "extendedProps": {"kind": "post", "post_id": item["post_id"], "status": item["status"],
                                  "status_label": label("status", item["status"]),
                                  "pillar": item["pillar"], "movable": can_move and item["status"] in MOVABLE},
            })
        if day["count"] > len(day["items"]):  # the rest of a busy day: a link to its week
            more = day["count"] - len(day["items"])
            title = i18n.ngettext("+%(num)d more post", "+%(num)d more posts", more) % {"num": more}
            out.append({"id": f"more-{day['date']}", "title": title,
                        "start": day["date"], "allDay": True, "url": f"/calendar?date={day['date']}&view=week",
                        "classNames": ["more"], "startEditable": False, "extendedProps": {"kind": "more"}})
    if not status or status in MOVABLE:
        out += await schedules.schedule_events(apis, first=first, last=last, zone=zone, account_id=account_id,
                                               brand_id=brand_id, taken=taken, with_slots=not (pillar or status))
    # straight to bytes: FastAPI's encoder walking 10,000 events costs more than building them (bench/web.py)
    return Response(orjson.dumps(out), media_type="application/json")


@router.post("/calendar/posts/{post_id}/move")
async def move(post_id: uuid.UUID, user: Writer, apis: ApisDep,
               scheduled_at: Annotated[WallOrMoment, Body(embed=True)],
               tz: Annotated[IanaZone, Body(embed=True)] = "UTC"):
    """A drop or a keyboard Move…: a wall time in ``tz`` (or an instant); 409 (already handed over) and 422 come
    back as problems the page shows."""
    if scheduled_at.tzinfo is None:
        scheduled_at = scheduled_at.replace(tzinfo=ZoneInfo(tz))
    try:
        post = await apis.call("planner", "PATCH", f"/posts/{post_id}/schedule",
                               json={"scheduled_at": scheduled_at.isoformat()})
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        return problem(exc.status, exc.title, str(exc))
    return JSONResponse({"id": post["id"], "scheduled_at": post["targets"][0]["scheduled_at"]})
