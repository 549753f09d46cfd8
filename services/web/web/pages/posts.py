"""One post: its targets and history; reschedule (the calendar's keyboard path), approve or reject, review links;
the approvals inbox; and the external reviewer's page, reached by a signed link without an account."""
from __future__ import annotations

import asyncio
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from smmkit.deps import RuntimeDep
from web.apis import ApiProblem, Apis, request as api_request
from web.identity.deps import ApisDep, Approver, Commenter, UserDep, Writer, check_csrf
from web.i18n import gettext as _
from web.render import page, use_locale

router = APIRouter(dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
Short = Annotated[str, Form(max_length=2000)]
Comment = Annotated[str, Form(max_length=10_000)]


async def _engagement(apis: Apis, target_id: str) -> dict | None:
    try:
        return await apis.get("metrics", f"/targets/{target_id}/engagement")
    except ApiProblem as exc:
        if exc.status == 404:  # not measured yet
            return None
        raise


async def _post_page(request, apis: Apis, post_id: uuid.UUID, status_code=200, **context):
    post, history, comments = await asyncio.gather(
        apis.get("planner", f"/posts/{post_id}"), apis.get_all("planner", f"/posts/{post_id}/history"),
        apis.get_all("planner", f"/posts/{post_id}/comments"))
    published = [t for t in post["targets"] if t["status"] == "published"]
    measured = await asyncio.gather(*(_engagement(apis, t["id"]) for t in published))
    engagement = [(t, e) for t, e in zip(published, measured) if e]
    return page(request, "post.html", status_code, post=post, history=history, comments=comments,
                engagement=engagement, **context)


@router.get("/posts/{post_id}")
async def post_page(request: Request, post_id: uuid.UUID, user: UserDep, apis: ApisDep):
    return await _post_page(request, apis, post_id)


@router.post("/posts/{post_id}/schedule")
async def reschedule(request: Request, post_id: uuid.UUID, user: Writer, apis: ApisDep, scheduled_at: Short,
                     timezone: Short = "UTC"):
    try:
        await apis.call("planner", "PATCH", f"/posts/{post_id}/schedule",
                        json={"scheduled_at": scheduled_at, "timezone": timezone})
    except ApiProblem as exc:
        if exc.status >= 500 or exc.status == 404:
            raise
        return await _post_page(request, apis, post_id, 422 if exc.status == 422 else exc.status,
                                errors={"scheduled_at": str(exc)})
    return RedirectResponse(f"/posts/{post_id}?moved=1", status_code=303)


@router.post("/posts/{post_id}/comments")
async def comment(request: Request, post_id: uuid.UUID, user: Commenter, apis: ApisDep, body: Comment = ""):
    """A teammate's comment on the post's thread, outside any decision (the planner records the user as author)."""
    # checked here: the planner's CommentCreate lets an empty body through (its min_length is lost to the type's)
    if not body.strip():
        return await _post_page(request, apis, post_id, 422, errors={"body": _("write a comment first")},
                                comment_draft=body)
    try:
        await apis.call("planner", "POST", f"/posts/{post_id}/comments", json={"body": body.strip()})
    except ApiProblem as exc:
        if exc.status >= 500 or exc.status == 404:
            raise
        return await _post_page(request, apis, post_id, exc.status,
                                errors={"body": exc.field_errors().get("body") or str(exc)}, comment_draft=body)
    return RedirectResponse(f"/posts/{post_id}?commented=1#comments-h", status_code=303)


@router.post("/posts/{post_id}/{decision}")
async def decide(request: Request, post_id: uuid.UUID, decision: str, user: Approver, apis: ApisDep,
                 comment: Comment = ""):
    if decision not in ("approve", "reject"):
        return await _post_page(request, apis, post_id, 404, errors={"form": _("unknown action")})
    try:
        await apis.call("planner", "POST", f"/posts/{post_id}/{decision}",
                        json={"comment": comment or None})
    except ApiProblem as exc:
        if exc.status >= 500 or exc.status == 404:
            raise
        return await _post_page(request, apis, post_id, exc.status, errors={"comment": str(exc)})
    return RedirectResponse("/approvals", status_code=303)


@router.post("/posts/{post_id}/review-links/new")
async def review_link(request: Request, post_id: uuid.UUID, user: Writer, apis: ApisDep, reviewer: Short):
    try:
        link = await apis.call("planner", "POST", f"/posts/{post_id}/review-links", json={"reviewer": reviewer})
    except ApiProblem as exc:
        if exc.status >= 500 or exc.status == 404:
            raise
        return await _post_page(request, apis, post_id, exc.status, errors={"reviewer": str(exc)})
    url = f"{request.app.state.runtime.service_settings.public_url.rstrip('/')}{link['path']}"
    return await _post_page(request, apis, post_id, 201, review_url=url)


@router.get("/approvals")
async def approvals(request: Request, user: UserDep, apis: ApisDep):
    posts = await apis.get_all("planner", "/posts", status="in_review")
    return page(request, "approvals.html", posts=posts)


# --- the external reviewer: no account; the signed token is the credential (the planner checks it) ---------

async def _review(runtime, method: str, token: str, action: str = "", json=None):
    return await api_request(runtime, runtime.service_settings.planner_url, method,
                             f"/review/{token}{action}", headers={}, json=json)


@router.get("/review/{token}")
async def review_page(request: Request, token: str, runtime: RuntimeDep):
    view = await _review(runtime, "GET", token)
    return page(request, "review.html", view=view, token=token)


@router.post("/review/{token}/{decision}")
async def review_decide(request: Request, token: str, decision: str, runtime: RuntimeDep, comment: Comment = ""):
    if decision not in ("approve", "reject"):
        return page(request, "error.html", 404, title=_("Not found"), detail=_("unknown action"))
    try:
        await _review(runtime, "POST", token, f"/{decision}", json={"comment": comment or None})
    except ApiProblem as exc:
        if exc.status >= 500 or exc.status in (401, 403, 404):
            raise
        view = await _review(runtime, "GET", token)
        return page(request, "review.html", exc.status, view=view, token=token, errors={"comment": str(exc)})
    view = await _review(runtime, "GET", token)
    return page(request, "review.html", view=view, token=token, decided=decision)
