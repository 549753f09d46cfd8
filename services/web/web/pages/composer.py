"""The composer: one text for the chosen accounts, checked live by the planner with the catalogue's rules."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from smmkit.deps import RuntimeDep
from smmkit.links import with_utm
from web.apis import ApiProblem, Apis
from web.identity.deps import ApisDep, UserDep, Writer, check_csrf
from web.render import page

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
Text = Annotated[str, Form(max_length=70_000)]
Short = Annotated[str, Form(max_length=2000)]
Accounts = Annotated[list[str], Form(max_length=100)]


async def _choices(apis: Apis) -> dict:
    accounts = await apis.get("planner", "/accounts")
    pillars = await apis.get("planner", "/pillars")
    campaigns = await apis.get("planner", "/campaigns")
    return {"accounts": accounts, "pillars": pillars, "campaigns": campaigns}


def _draft(text: str, account_ids: list[str], link: str) -> dict:
    return {"text": text, "targets": [{"account_id": a} for a in account_ids], "links": [link] if link else []}


@router.get("/compose")
async def composer(request: Request, user: UserDep, apis: ApisDep):
    return page(request, "composer.html", form={}, **await _choices(apis))


def tracked_preview(runtime, link: str, network: str, campaign: str) -> str | None:
    """What the link becomes in this network's post: attribution's redirect to the link with UTM tags (the
    publisher's rewrite, ``smmkit.links``); the target id, known once planned, is shown as a placeholder."""
    if not link:
        return None
    destination = with_utm(link, source=network, campaign=campaign or None, content="TARGET-ID")
    return f"{runtime.settings.attribution_public_url.rstrip('/')}/r/… → {destination}"


@router.post("/compose/check")
async def check(request: Request, user: UserDep, apis: ApisDep, runtime: RuntimeDep, text: Text = "",
                account_ids: Accounts = [], link: Short = "", campaign: Short = ""):
    """The live check (htmx, as the user types): per network, the count against its limit and what breaks."""
    if not account_ids:
        return page(request, "_composer_check.html", result=None)
    try:
        result = await apis.call("planner", "POST", "/posts/check", json=_draft(text, account_ids, link))
    except ApiProblem as exc:
        return page(request, "_composer_check.html", result=None, errors=exc.field_errors())
    for target in result["targets"]:
        target["tracked"] = tracked_preview(runtime, link, target["network"], campaign)
    return page(request, "_composer_check.html", result=result)


@router.post("/compose")
async def create(request: Request, user: Writer, apis: ApisDep, text: Text = "", account_ids: Accounts = [],
                 scheduled_at: Short = "", timezone: Short = "UTC", campaign: Short = "", pillar: Short = "",
                 link: Short = "", draft: Short = ""):
    form = {"text": text, "account_ids": account_ids, "scheduled_at": scheduled_at, "timezone": timezone,
            "campaign": campaign, "pillar": pillar, "link": link, "draft": bool(draft)}
    errors = {}
    if not account_ids:
        errors["account_ids"] = "choose at least one account"
    if not scheduled_at:
        errors["scheduled_at"] = "choose when to publish"
    if not errors:
        try:
            post = await apis.call("planner", "POST", "/posts", json={
                **_draft(text, account_ids, link), "scheduled_at": scheduled_at, "timezone": timezone,
                "campaign": campaign or None, "pillar": pillar or None, "draft": bool(draft)})
            return RedirectResponse(f"/calendar?created={post['id']}", status_code=303)
        except ApiProblem as exc:
            if exc.status >= 500:
                raise
            errors = exc.field_errors()
    return page(request, "composer.html", 422, form=form, errors=errors, **await _choices(apis))
