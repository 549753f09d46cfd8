"""Queue slots and recurring posts on the calendar: an account's free weekly slots and the upcoming occurrences
of recurring posts as events of their own kind; forms to edit slots, add to the queue, create and stop a
recurring post. All of it is the planner's (``/accounts/{id}/slots``, ``/queue``, ``/recurrences``)."""
from __future__ import annotations

import asyncio
import re
import uuid
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from web.apis import ApiProblem, Apis
from web.i18n import gettext as _
from web.identity.deps import WRITE, ApisDep, UserDep, Writer, check_csrf
from web.render import N_, page, use_locale

router = APIRouter(prefix="/calendar", dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # the planner's weekday 0..6
REPEATS = {"DAILY": N_("every day"), "WEEKLY": N_("every week"), "MONTHLY": N_("every month")}
Short = Annotated[str, Form(max_length=200)]
Text = Annotated[str, Form(max_length=100_000)]
SLOT = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)\w*\s+([0-2]?\d:[0-5]\d)$", re.IGNORECASE)


def _iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def free_slots(slots: list[dict], account_zone: str, first: date, last: date, shown_in: ZoneInfo,
               now: datetime, taken: set) -> list[datetime]:
    """The account's weekly local slots as instants whose day (in the shown zone) lies in [first, last], from now
    on, without those a planned post already holds."""
    tz, out = ZoneInfo(account_zone), []
    day = first - timedelta(days=1)  # the zones may be a day apart at either end
    while day <= last + timedelta(days=1):
        for s in slots:
            if s["weekday"] == day.weekday():
                at = datetime.combine(day, time.fromisoformat(s["time"]), tzinfo=tz)
                if at >= now and first <= at.astimezone(shown_in).date() <= last and at not in taken:
                    out.append(at)
        day += timedelta(days=1)
    return out


def wall(instant: str | datetime, tz: ZoneInfo) -> str:
    """An instant as wall-clock time in ``tz`` without an offset: FullCalendar shows it as it is in its named
    zone (it has no zone database of its own), and a drop sends the wall time back with the zone."""
    if isinstance(instant, str):
        instant = datetime.fromisoformat(instant)
    return instant.astimezone(tz).replace(tzinfo=None).isoformat(timespec="seconds")


async def schedule_events(apis: Apis, *, first: date, last: date, zone: ZoneInfo, account_id: uuid.UUID | None,
                          brand_id: uuid.UUID | None, taken: set, with_slots: bool) -> list[dict]:
    now = datetime.now(timezone.utc)
    out: list[dict] = []
    if account_id and with_slots:
        account, slots = await asyncio.gather(apis.get("planner", f"/accounts/{account_id}"),
                                              apis.get("planner", f"/accounts/{account_id}/slots"))
        held = {at for acc, at in taken if acc == str(account_id)}
        for at in free_slots(slots, account["timezone"], first, last, zone, now, held):
            out.append({"id": f"slot-{account_id}-{at.isoformat()}", "start": wall(at, zone),
                        "title": _("Free slot") + f" · {account['handle']}", "classNames": ["slot"],
                        "editable": False, "extendedProps": {"kind": "slot", "account_id": str(account_id)}})
    recurrences = [r for r in await apis.get_all("planner", "/recurrences") if r["active"]]
    if account_id:
        recurrences = [r for r in recurrences if str(account_id) in r["account_ids"]]
    elif brand_id:
        ids = {a["id"] for a in await apis.get_all("planner", f"/brands/{brand_id}/accounts")}
        recurrences = [r for r in recurrences if ids & set(r["account_ids"])]
    start = datetime.combine(first - timedelta(days=1), time(), tzinfo=timezone.utc)
    end = datetime.combine(last + timedelta(days=2), time(), tzinfo=timezone.utc)
    # occurrences the planner has already turned into posts are posts on the calendar: show only the later ones
    froms = [max(start, _iso(r["materialized_until"]) if r["materialized_until"] else start, now)
             for r in recurrences]
    due = [(r, f) for r, f in zip(recurrences, froms) if f < end]
    lists = await asyncio.gather(*(
        apis.get("planner", f"/recurrences/{r['id']}/occurrences", **{"from": f.isoformat(), "to": end.isoformat()})
        for r, f in due))
    for (r, _from), occurrences in zip(due, lists):
        for value in occurrences:
            at = _iso(value)
            if first <= at.astimezone(zone).date() <= last:
                out.append({"id": f"rec-{r['id']}-{at.isoformat()}", "start": wall(at, zone),
                            "title": _("Repeats") + f": {r['text'][:100]}", "classNames": ["occurrence"],
                            "editable": False, "extendedProps": {"kind": "occurrence", "recurrence_id": r["id"]}})
    return out


def parse_slots(value: str) -> list[dict]:
    """``Mon 09:00`` per line (or comma-separated) → the planner's ``{weekday, time}``."""
    out = []
    for part in re.split(r"[,\n]", value):
        part = part.strip()
        if not part:
            continue
        m = SLOT.match(part)
        if not m:
            raise ValueError(_("write each slot as a weekday and a time, e.g. Mon 09:00") + f" ({part[:40]})")
        try:
            at = time.fromisoformat(m.group(2).zfill(5))
        except ValueError:
            raise ValueError(_("not a time of day") + f": {m.group(2)}") from None
        out.append({"weekday": [d.lower() for d in DAYS].index(m.group(1).lower()), "time": at.isoformat("minutes")})
    return out


def slots_text(slots: list[dict]) -> str:
    return "\n".join(f"{DAYS[s['weekday']]} {s['time'][:5]}" for s in slots)


async def _again(request: Request, apis: Apis, user, errors: dict, form: dict):
    """The calendar again with the errors next to their fields (422)."""
    from web.pages.calendar import calendar_context

    return page(request, "calendar.html", 422, **await calendar_context(apis, user, errors=errors, form=form))


def _errors(exc: ApiProblem, fields: dict[str, str], whole: str) -> dict[str, str]:
    if exc.status >= 500:
        raise exc
    return {fields.get(k, whole): v for k, v in exc.field_errors().items()}


@router.get("/slots")
async def slots_field(request: Request, user: UserDep, apis: ApisDep, slots_account: uuid.UUID | None = None):
    """The slots field for the account picked (htmx swaps it in)."""
    slots = await apis.get("planner", f"/accounts/{slots_account}/slots") if slots_account else []
    return page(request, "calendar_slots.html", value=slots_text(slots), can_move=user.role in WRITE, errors={},
                slots_for=str(slots_account or ""))


@router.post("/slots")
async def save_slots(request: Request, user: Writer, apis: ApisDep, slots_account: Short, slots: Text = ""):
    form = {"slots_account": slots_account, "slots": slots}
    try:
        body = {"slots": parse_slots(slots)}
    except ValueError as exc:
        return await _again(request, apis, user, {"slots": str(exc)}, form)
    try:
        await apis.call("planner", "PUT", f"/accounts/{uuid.UUID(slots_account)}/slots", json=body)
    except ValueError:
        return await _again(request, apis, user, {"slots_account": _("pick an account")}, form)
    except ApiProblem as exc:
        return await _again(request, apis, user, _errors(exc, {"slots_account": "slots_account"}, "slots"), form)
    return RedirectResponse(f"/calendar?saved=slots&account={slots_account}", status_code=303)


@router.post("/queue")
async def add_to_queue(request: Request, user: Writer, apis: ApisDep, queue_text: Text, queue_account: Short,
                       queue_pillar: Short = ""):
    form = {"queue_text": queue_text, "queue_account": queue_account, "queue_pillar": queue_pillar}
    body = {"text": queue_text, "account_ids": [queue_account], "pillar": queue_pillar or None}
    try:
        posts = await apis.call("planner", "POST", "/queue", json=body)
    except ApiProblem as exc:
        if any(v.get("rule") == "no_slots" for v in exc.violations) or "no posting slots" in str(exc):
            return await _again(request, apis, user, {"queue_account": _("this account has no posting slots yet: "
                                                                         "add some under Queue slots")}, form)
        return await _again(request, apis, user, _errors(exc, {"text": "queue_text", "account_ids": "queue_account",
                                                               "pillar": "queue_pillar"}, "queue_text"), form)
    return RedirectResponse(f"/calendar?queued={posts[0]['id']}", status_code=303)


@router.post("/recurrences")
async def create_recurrence(request: Request, user: Writer, apis: ApisDep, rec_text: Text, rec_account: Short,
                            rec_repeat: Short, rec_start: Short):
    form = {"rec_text": rec_text, "rec_account": rec_account, "rec_repeat": rec_repeat, "rec_start": rec_start}
    if rec_repeat not in REPEATS:
        return await _again(request, apis, user, {"rec_repeat": _("pick how often it repeats")}, form)
    try:
        account = await apis.get("planner", f"/accounts/{uuid.UUID(rec_account)}")
    except (ValueError, ApiProblem):
        return await _again(request, apis, user, {"rec_account": _("pick an account")}, form)
    body = {"rrule": f"FREQ={rec_repeat}", "dtstart": rec_start, "timezone": account["timezone"],
            "text": rec_text, "account_ids": [account["id"]]}
    try:
        await apis.call("planner", "POST", "/recurrences", json=body)
    except ApiProblem as exc:
        return await _again(request, apis, user, _errors(exc, {"text": "rec_text", "dtstart": "rec_start",
                                                               "rrule": "rec_repeat"}, "rec_text"), form)
    return RedirectResponse("/calendar?saved=recurrence", status_code=303)


@router.post("/recurrences/{recurrence_id}/stop")
async def stop_recurrence(recurrence_id: uuid.UUID, user: Writer, apis: ApisDep):
    await apis.call("planner", "POST", f"/recurrences/{recurrence_id}/stop")
    return RedirectResponse("/calendar?saved=stopped", status_code=303)
