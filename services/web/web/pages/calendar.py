"""The calendar (FullCalendar, month and week): the planner's calendar as events; drag to reschedule."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse

from smmkit.problems import problem
from smmkit.validation import IanaZone, Label
from web.apis import ApiProblem
from web.identity.deps import WRITE, ApisDep, UserDep, Writer, check_csrf_header
from web.render import page

router = APIRouter(dependencies=[Depends(check_csrf_header)], include_in_schema=False)
STATUSES = ("pending", "scheduled", "dispatched", "published", "failed", "cancelled")
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


@router.get("/calendar")
async def calendar_page(request: Request, user: UserDep, apis: ApisDep, created: uuid.UUID | None = None):
    first = date.today().replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    accounts, pillars, mix = await asyncio.gather(
        apis.get("planner", "/accounts"), apis.get("planner", "/pillars"),
        apis.get("planner", "/reports/content-mix", **{"from": first.isoformat(), "to": last.isoformat()}))
    return page(request, "calendar.html", accounts=accounts, pillars=pillars, statuses=STATUSES, created=created,
                can_move=user.role in WRITE, mix=month_mix(mix["weeks"], pillars), month=first)


def _day(value: str) -> date:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).date() if "T" in value else date.fromisoformat(value)


@router.get("/calendar/events")
async def events(user: UserDep, apis: ApisDep, start: Annotated[str, Query(max_length=40)],
                 end: Annotated[str, Query(max_length=40)], tz: IanaZone = "UTC", account_id: Filter = None,
                 pillar: Filter = None, status: Filter = None):
    """FullCalendar's event feed: ``end`` is exclusive, the planner's ``to`` inclusive."""
    try:
        first, last = _day(start), _day(end) - timedelta(days=1)
    except ValueError:
        return problem(422, "Validation failed", "start and end must be ISO dates")
    doc = await apis.get("planner", "/calendar", **{"from": first.isoformat(), "to": last.isoformat()}, tz=tz,
                         account_id=account_id, pillar=pillar, status=status)
    can_move = user.role in WRITE
    out = []
    for day in doc["days"]:
        for item in day["items"]:
            out.append({
                "id": item["target_id"], "title": f"{item['network']}: {item['text']}", "start": item["scheduled_at"],
                "url": f"/posts/{item['post_id']}", "classNames": [f"st-{item['status']}"],
                "startEditable": can_move and item["status"] in MOVABLE,
                "extendedProps": {"post_id": item["post_id"], "status": item["status"], "pillar": item["pillar"]},
            })
    return out


@router.post("/calendar/posts/{post_id}/move")
async def move(post_id: uuid.UUID, user: Writer, apis: ApisDep,
               scheduled_at: Annotated[datetime, Body(embed=True)]):
    """A drop on another day or time; 409 (already handed over) and 422 come back as problems the page shows."""
    try:
        post = await apis.call("planner", "PATCH", f"/posts/{post_id}/schedule",
                               json={"scheduled_at": scheduled_at.isoformat()})
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        return problem(exc.status, exc.title, str(exc))
    return JSONResponse({"id": post["id"], "scheduled_at": post["targets"][0]["scheduled_at"]})
