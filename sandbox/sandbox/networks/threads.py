"""Threads API, ``/<version>/...`` (v1.0, ``https://graph.threads.net``).

Two-step publishing: ``POST /{user}/threads`` (media_type TEXT, IMAGE with
``image_url``, VIDEO with ``video_url``, CAROUSEL with children) makes a container,
``POST /{user}/threads_publish`` with ``creation_id`` publishes it; container status is
``GET /{container}?fields=status``. Reads: ``/{user}/threads``, ``/{media}``,
``/{media}/insights`` (views, likes, replies, reposts, quotes, shares),
``/{user}/threads_insights?metric=followers_count`` (a ``total_value``).
Tokens renew with ``GET /threads/refresh_access_token?grant_type=th_refresh_token``.
Rate limits (catalogue): 250 posts per 24 h, 4,800 calls per day. Text (at most 500 characters,
emoji counted as their UTF-8 bytes) and carousels (up to 20) are checked against the catalogue.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import StateDep, admit, answer, bearer_token, check_token, read_params
from sandbox.limits import limits
from sandbox.networks.meta import (
    Container,
    GraphDialect,
    add_container,
    check_post,
    children_of,
    container,
    graph_time,
    insights,
    invalid,
    not_found,
    publish_container,
    requested_metrics,
    status_on_read,
)
from sandbox.state import Post
from smmkit.catalogue import NetworkLimit

router = APIRouter()
DIALECT = GraphDialect(
    "threads", rate_limit_code=4, rate_limit_message="Application request limit reached", usage_type="threads"
)
CALLING, PUBLISHING = limits("threads"), limits("threads", "write")
_WORDS = {
    "text_required": "The parameter text is required for TEXT posts.",
    "text_length": "The text is longer than {limit} characters",
}


async def _admit(request: Request, account: str, *, write: bool, spends: tuple[NetworkLimit, ...] = CALLING) -> None:
    await admit(request, DIALECT, token=bearer_token(request), account=account, write=write, limits=spends)


def _thread(post: Post) -> dict[str, Any]:
    return {
        "id": post.external_id,
        "text": post.text,
        "timestamp": graph_time(post.created_at),
        "media_type": post.extra.get("media_type", "TEXT_POST"),
        "permalink": f"https://www.threads.net/@sandbox/post/sbx{post.external_id}",
    }


@router.get("/refresh_access_token")
async def refresh_access_token(request: Request, state: StateDep) -> Response:
    if request.query_params.get("grant_type") != "th_refresh_token":
        raise invalid("grant_type must be th_refresh_token")
    check_token(DIALECT, request.query_params.get("access_token"))
    return answer(
        {"access_token": f"sbx-threads.{state.next_id('meta-token')}", "token_type": "bearer", "expires_in": 5183944}
    )


@router.post("/{version}/{user}/threads")
async def create_container(user: str, request: Request, state: StateDep) -> Response:
    await _admit(request, user, write=True)
    params = await read_params(request)
    text, media_type = str(params.get("text", "")), str(params.get("media_type", "TEXT")).upper()
    item = Container(
        id=str(17_700_000_000_000_000 + state.next_id("threads-container")),
        network="threads",
        user=user,
        media_type=media_type,
        text=text,
        is_carousel_item=str(params.get("is_carousel_item", "")).lower() == "true",
    )
    items = [item]  # what the post will show: itself, or a carousel's children
    if media_type == "IMAGE" and params.get("image_url"):
        item.media = [str(params["image_url"])]
    elif media_type == "VIDEO" and params.get("video_url"):
        item.media, item.status = [str(params["video_url"])], "IN_PROGRESS"
    elif media_type == "CAROUSEL":
        items = children_of(state, "threads", user, params.get("children"))
        item.media = [m for child in items for m in child.media]
    elif media_type != "TEXT":  # a text post is its text alone
        raise invalid(f"Missing media URL for media_type {media_type}")
    check_post("threads", text, items, _WORDS)
    return answer(add_container(state, item))


@router.post("/{version}/{user}/threads_publish")
async def threads_publish(user: str, request: Request, state: StateDep) -> Response:
    await _admit(request, user, write=True, spends=PUBLISHING)
    params = await read_params(request)
    return answer({"id": publish_container(state, "threads", user, str(params.get("creation_id", ""))).external_id})


@router.get("/{version}/{object_id}/{edge}")
async def read_edge(object_id: str, edge: str, request: Request, state: StateDep) -> Response:
    post = state.post("threads", object_id)
    await _admit(request, post.account if post else object_id, write=False)
    if edge == "threads":
        limit = min(int(request.query_params.get("limit", 25)), 100)
        since = float(request.query_params.get("since") or 0)  # Unix seconds, as the Graph API takes it
        return answer({"data": [_thread(p) for p in [p for p in state.posts_of("threads", object_id) if p.created_at.timestamp() >= since][:limit]], "paging": {}})
    if edge == "threads_insights":
        requested_metrics(request, {"followers_count": 0})
        return answer(
            {
                "data": [
                    {
                        "name": "followers_count",
                        "period": "day",
                        "title": "followers_count",
                        "total_value": {"value": state.followers_of("threads", object_id)},
                        "id": f"{object_id}/insights/followers_count/day",
                    }
                ]
            }
        )
    if edge != "insights":
        raise invalid(f"Unknown edge {edge}")
    if post is None:
        raise not_found(object_id)
    e = state.engagement_of(post)
    available = {
        "views": e.impressions,
        "likes": e.likes,
        "replies": e.comments,
        "reposts": e.shares,
        "quotes": e.quotes,
        "shares": e.saves,
    }
    return answer(insights(object_id, requested_metrics(request, available)))


@router.get("/{version}/{object_id}")
async def read_object(object_id: str, request: Request, state: StateDep) -> Response:
    post = state.post("threads", object_id)
    item = container(state, "threads", object_id)
    await _admit(request, post.account if post else item.user if item else object_id, write=False)
    if item is not None:
        return answer({"id": object_id, "status": status_on_read(item)})
    if post is not None:
        return answer(_thread(post))
    if ("threads", object_id) in state.posts:  # deleted
        raise not_found(object_id)
    return answer({"id": object_id, "username": f"threads{object_id}"})
