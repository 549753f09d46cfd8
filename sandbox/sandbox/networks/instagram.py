"""Instagram Graph API (Facebook Login flavour), ``/<version>/...`` (``https://graph.facebook.com``).

Two-step publishing: ``POST /{ig-user}/media`` makes a container (``image_url``, or
``video_url`` with media_type REELS/VIDEO, or a CAROUSEL of ``is_carousel_item``
children), ``POST /{ig-user}/media_publish`` with ``creation_id`` publishes it. Video
containers report IN_PROGRESS on the first status read (``GET /{container}?fields=
status_code``); publishing before FINISHED is error 9007/2207027.
Reads: ``/{ig-user}/media``, ``/{media}`` (like_count, comments_count, permalink),
``/{media}/insights`` (reach, views, likes, comments, shares, saved, total_interactions),
``/{ig-user}`` (followers_count), ``/{ig-user}/content_publishing_limit``.
Rate limits (catalogue): 50 published posts per 24 h (error 9/2207042), 4,800 calls per day (#4).
Captions (2,200 characters, 30 hashtags) and carousels (up to 10) are checked against the catalogue.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import StateDep, admit, answer, bearer_token, read_params
from sandbox.limits import limits
from sandbox.networks.meta import (
    Container,
    GraphDialect,
    add_container,
    check_post,
    children_of,
    container,
    exchange_token,
    graph_time,
    insights,
    invalid,
    not_found,
    publish_container,
    requested_metrics,
    status_on_read,
)
from sandbox.state import Post, SandboxState, utc_now
from smmkit.catalogue import NetworkLimit

router = APIRouter()
DIALECT = GraphDialect(
    "instagram", rate_limit_code=4, rate_limit_message="Application request limit reached", usage_type="instagram"
)
CALLING, PUBLISHING = limits("instagram"), limits("instagram", "write")
_QUOTA = next(limit for limit in PUBLISHING if limit.on == "write")
_WORDS = {"text_length": "The caption is too long", "hashtags": "The caption has more than {limit} hashtags"}


async def _admit(request: Request, account: str, *, write: bool, spends: tuple[NetworkLimit, ...] = CALLING) -> None:
    await admit(request, DIALECT, token=bearer_token(request), account=account, write=write, limits=spends)


def _media(post: Post, fields: str, state: SandboxState) -> dict[str, Any]:
    body = {
        "id": post.external_id,
        "caption": post.text,
        "timestamp": graph_time(post.created_at),
        "media_type": post.extra.get("media_type", "IMAGE"),
        "permalink": f"https://www.instagram.com/p/sbx{post.external_id}/",
    }
    if "like_count" in fields or "comments_count" in fields:
        e = state.engagement_of(post)
        body.update(like_count=e.likes, comments_count=e.comments)
    return body


@router.get("/{version}/oauth/access_token")
async def access_token(request: Request, state: StateDep) -> Response:
    return await exchange_token(request, DIALECT, state)


@router.post("/{version}/{user}/media")
async def create_container(user: str, request: Request, state: StateDep) -> Response:
    await _admit(request, user, write=True)
    params = await read_params(request)
    caption = str(params.get("caption", ""))
    media_type = str(params.get("media_type", "IMAGE")).upper()
    item = Container(
        id=str(17_800_000_000_000_000 + state.next_id("instagram-container")),
        network="instagram",
        user=user,
        media_type=media_type,
        text=caption,
        is_carousel_item=str(params.get("is_carousel_item", "")).lower() == "true",
    )
    items = [item]  # what the post will show: itself, or a carousel's children
    if media_type == "CAROUSEL":
        items = children_of(state, "instagram", user, params.get("children"))
        item.media = [m for child in items for m in child.media]
    elif media_type in ("REELS", "VIDEO"):
        if not params.get("video_url"):
            raise invalid("The parameter video_url is required.")
        item.media, item.status = [str(params["video_url"])], "IN_PROGRESS"
    elif params.get("image_url"):
        item.media = [str(params["image_url"])]
    else:
        raise invalid("The parameter image_url is required.")
    check_post("instagram", caption, items, _WORDS)
    return answer(add_container(state, item))


@router.post("/{version}/{user}/media_publish")
async def media_publish(user: str, request: Request, state: StateDep) -> Response:
    await _admit(request, user, write=True, spends=PUBLISHING)
    params = await read_params(request)
    post = publish_container(state, "instagram", user, str(params.get("creation_id", "")))
    return answer({"id": post.external_id})


@router.get("/{version}/{object_id}/{edge}")
async def read_edge(object_id: str, edge: str, request: Request, state: StateDep) -> Response:
    post = state.post("instagram", object_id)
    await _admit(request, post.account if post else object_id, write=False)
    if edge == "media":
        limit = min(int(request.query_params.get("limit", 25)), 100)
        since = float(request.query_params.get("since") or 0)  # Unix seconds, as the Graph API takes it
        fields = request.query_params.get("fields", "")
        return answer(
            {"data": [_media(p, fields, state) for p in [p for p in state.posts_of("instagram", object_id) if p.created_at.timestamp() >= since][:limit]], "paging": {}}
        )
    if edge == "content_publishing_limit":
        since = utc_now() - timedelta(days=1)
        used = sum(1 for p in state.posts_of("instagram", object_id) if p.created_at > since)
        config = {"quota_total": _QUOTA.capacity, "quota_duration": int(_QUOTA.window_s)}
        return answer({"data": [{"quota_usage": used, "config": config}]})
    if edge != "insights":
        raise invalid(f"Unknown edge {edge}")
    if post is None:
        raise not_found(object_id)
    e = state.engagement_of(post)
    available = {
        "reach": e.reach,
        "views": e.impressions,
        "impressions": e.impressions,
        "likes": e.likes,
        "comments": e.comments,
        "shares": e.shares,
        "saved": e.saves,
        "total_interactions": e.likes + e.comments + e.shares + e.saves,
    }
    return answer(insights(object_id, requested_metrics(request, available)))


@router.get("/{version}/{object_id}")
async def read_object(object_id: str, request: Request, state: StateDep) -> Response:
    post = state.post("instagram", object_id)
    item = container(state, "instagram", object_id)
    await _admit(request, post.account if post else item.user if item else object_id, write=False)
    fields = request.query_params.get("fields", "")
    if item is not None:
        return answer({"id": object_id, "status_code": status_on_read(item)})
    if post is not None:
        return answer(_media(post, fields, state))
    if ("instagram", object_id) in state.posts:  # deleted
        raise not_found(object_id)
    return answer(
        {
            "id": object_id,
            "username": f"ig{object_id}",
            "followers_count": state.followers_of("instagram", object_id),
            "media_count": len(state.posts_of("instagram", object_id)),
        }
    )
