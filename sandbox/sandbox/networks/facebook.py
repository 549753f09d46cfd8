"""Facebook Graph API for Pages, ``/<version>/...`` (``https://graph.facebook.com``).

Writes: ``/{page}/feed`` (message, link, attached_media), ``/{page}/photos`` (url,
caption, published), ``/{page}/videos`` (file_url, description). A feed message equal to
the Page's latest post is refused with (#506) "Duplicate status message".
Reads: ``/{page}/feed`` and ``/{page}/published_posts``; ``/{post}`` with
``reactions.summary``/``comments.summary``/``shares`` (``shares`` is left out while it is
zero, as Facebook does); ``/{post}/insights`` (post_impressions, post_impressions_unique,
post_clicks); ``/{page}`` (followers_count, fan_count, access_token);
``/{page}/insights`` (page_impressions, page_impressions_unique, day).
Deleted posts answer (#100) subcode 33. Rate limit (catalogue): 4,800 calls per day per Page (#32,
the business use case limit). Texts and media are checked against the catalogue's Facebook entry.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import StateDep, admit, answer, bearer_token, read_params
from sandbox.limits import limits
from sandbox.networks.meta import (
    GraphDialect,
    exchange_token,
    graph_time,
    insights,
    invalid,
    not_found,
    requested_metrics,
)
from sandbox.rules import violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue.spec import MediaKind

router = APIRouter()
DIALECT = GraphDialect(
    "facebook", rate_limit_code=32, rate_limit_message="Page request limit reached", usage_type="pages"
)
CALLING = limits("facebook")
_WORDS = {"text_required": "Missing message or attachment", "text_length": "The message is too long"}


def _truthy(value: Any) -> bool:
    return str(value).lower() not in ("false", "0")


def _post_summary(post: Post) -> dict[str, Any]:
    return {
        "id": post.external_id,
        "message": post.text,
        "created_time": graph_time(post.created_at),
        "permalink_url": f"https://www.facebook.com/{post.external_id}",
    }


async def _admit(request: Request, account: str, *, write: bool) -> None:
    await admit(request, DIALECT, token=bearer_token(request), account=account, write=write, limits=CALLING)


@router.get("/{version}/oauth/access_token")
@router.get("/oauth/access_token")
async def access_token(request: Request, state: StateDep) -> Response:
    return await exchange_token(request, DIALECT, state)


@router.post("/{version}/{page}/{edge}")
async def create(page: str, edge: str, request: Request, state: StateDep) -> Response:
    await _admit(request, page, write=True)
    params = await read_params(request)
    if edge == "feed":
        return answer({"id": _feed_post(state, page, params)})
    if edge == "photos":
        return answer(_photo(state, page, params))
    if edge == "videos":
        if not params.get("file_url"):
            raise invalid("Requires upload file", code=390)
        description = str(params.get("description", ""))
        _check(description, ["video"])
        video_id = str(state.next_id("facebook"))
        state.add_post("facebook", page, video_id, description, media=[str(params["file_url"])])
        return answer({"id": video_id})
    raise invalid(f"Unknown edge {edge}")


def _feed_post(state: SandboxState, page: str, params: dict[str, Any]) -> str:
    message, link = str(params.get("message", "")), params.get("link")
    attached = params.get("attached_media") or []
    photos = [state.uploads.get(("facebook", str(a.get("media_fbid")))) for a in attached if isinstance(a, dict)]
    if any(p is None or p["page"] != page for p in photos) or len(photos) != len(attached):
        raise invalid("attached_media must name unpublished photos of this Page")
    _check(message, ["image"] * len(photos), with_link=bool(link))
    latest = next(iter(state.posts_of("facebook", page)), None)
    if message and latest is not None and latest.text == message:
        raise invalid("Duplicate status message", code=506)
    post_id = f"{page}_{state.next_id('facebook')}"
    state.add_post("facebook", page, post_id, message, link=link, media=[p["url"] for p in photos if p])
    return post_id


def _check(text: str, kinds: list[MediaKind], *, with_link: bool = False) -> None:
    """The catalogue's rules for a Page post (a photo may be a GIF: the photos edge takes one like any image)."""
    if problems := violations("facebook", text, kinds, with_link=with_link):
        raise invalid(_WORDS.get(problems[0].rule, problems[0].detail))


def _photo(state: SandboxState, page: str, params: dict[str, Any]) -> dict[str, str]:
    if not params.get("url"):
        raise invalid("Requires upload file", code=324)
    photo_id = str(state.next_id("facebook"))
    if not _truthy(params.get("published", True)):
        state.uploads[("facebook", photo_id)] = {"page": page, "url": str(params["url"])}
        return {"id": photo_id}
    caption = str(params.get("caption", ""))
    _check(caption, ["image"])
    post_id = f"{page}_{state.next_id('facebook')}"
    state.add_post("facebook", page, post_id, caption, media=[str(params["url"])])
    return {"id": photo_id, "post_id": post_id}


@router.get("/{version}/{object_id}/{edge}")
async def read_edge(object_id: str, edge: str, request: Request, state: StateDep) -> Response:
    post = state.post("facebook", object_id)
    await _admit(request, post.account if post else object_id, write=False)
    if edge in ("feed", "published_posts"):
        limit = min(int(request.query_params.get("limit", 25)), 100)
        posts = state.posts_of("facebook", object_id)
        if since := request.query_params.get("since"):  # Unix seconds, as the Graph API takes it
            posts = [p for p in posts if p.created_at.timestamp() >= float(since)]
        return answer({"data": [_post_summary(p) for p in posts[:limit]], "paging": {}})
    if edge != "insights":
        raise invalid(f"Unknown edge {edge}")
    if post is not None:
        e = state.engagement_of(post)
        available = {"post_impressions": e.impressions, "post_impressions_unique": e.reach, "post_clicks": e.clicks}
        return answer(insights(object_id, requested_metrics(request, available)))
    if "_" in object_id:
        raise not_found(object_id)
    page_posts = [state.engagement_of(p) for p in state.posts_of("facebook", object_id)]
    available = {
        "page_impressions": sum(e.impressions for e in page_posts),
        "page_impressions_unique": sum(e.reach for e in page_posts),
    }
    return answer(insights(object_id, requested_metrics(request, available), period="day"))


@router.get("/{version}/{object_id}")
async def read_object(object_id: str, request: Request, state: StateDep) -> Response:
    post = state.post("facebook", object_id)
    await _admit(request, post.account if post else object_id, write=False)
    fields = request.query_params.get("fields", "")
    if post is not None:
        return answer(_post_fields(state, post, fields))
    if "_" in object_id or ("facebook", object_id) in state.posts:  # a (deleted) post
        raise not_found(object_id)
    page: dict[str, Any] = {"id": object_id, "name": f"Page {object_id}"}
    followers = state.followers_of("facebook", object_id)
    if "followers_count" in fields:
        page["followers_count"] = followers
    if "fan_count" in fields:
        page["fan_count"] = int(followers * 0.9)
    if "access_token" in fields:
        page["access_token"] = f"sbx-page{object_id}.{state.next_id('meta-token')}"
    return answer(page)


def _post_fields(state: SandboxState, post: Post, fields: str) -> dict[str, Any]:
    e = state.engagement_of(post)
    body = _post_summary(post)
    if "reactions" in fields:
        body["reactions"] = {"data": [], "summary": {"total_count": e.likes, "viewer_reaction": "NONE"}}
    if "comments" in fields:
        body["comments"] = {"data": [], "summary": {"order": "ranked", "total_count": e.comments, "can_comment": True}}
    if "shares" in fields and e.shares:
        body["shares"] = {"count": e.shares}
    return body


@router.delete("/{version}/{object_id}")
async def delete(object_id: str, request: Request, state: StateDep) -> Response:
    post = state.post("facebook", object_id)
    await _admit(request, post.account if post else object_id, write=True)
    if post is None:
        raise not_found(object_id)
    post.deleted = True
    return answer({"success": True})
