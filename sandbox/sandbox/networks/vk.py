"""VK API, ``/method/<name>`` (GET or POST, parameters in query or form; ``https://api.vk.com``).

Methods: wall.post (``guid`` returns the earlier post for 24 h), wall.get, wall.getById
(likes/reposts/comments/views; deleted posts are simply missing, as on VK), wall.delete,
groups.getById (``members_count``). The account is the group id (``owner_id`` without
the minus). Errors come with HTTP 200, like VK's: 5 auth, 6 too many per second,
10 internal error, 100 bad parameter, 214 over the 50-posts-a-day cap. The text limit and the
rate limits (3 requests a second, 50 posts a day) are the catalogue's VK entry.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import Reply, StateDep, admit, answer, read_params
from sandbox.limits import limits
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit, spec

router = APIRouter(prefix="/method")

CALLING, POSTING = limits("vk"), limits("vk", "write")
GUID_TTL = timedelta(hours=24)


def _error(code: int, message: str, params: dict[str, Any] | None = None) -> Response:
    shown = [{"key": k, "value": str(v)} for k, v in (params or {}).items() if k != "access_token"]
    return answer({"error": {"error_code": code, "error_msg": message, "request_params": shown}})


class VkDialect:
    network = "vk"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        reason = "access_token has expired." if expired else "invalid access_token (4)."
        return _error(5, f"User authorization failed: {reason}")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        if limit is not None and limit.on == "write":  # the posts-a-day cap
            return _error(214, "Access to adding post denied: a user can only add 50 posts a day")
        return _error(6, "Too many requests per second")

    def server_error(self) -> Response:
        return _error(10, "Internal server error")


DIALECT = VkDialect()


def _wall_post(state: SandboxState, post: Post) -> dict[str, Any]:
    engagement = state.engagement_of(post)
    return {
        "id": int(post.external_id.split("_")[1]),
        "owner_id": -int(post.account),
        "from_id": -int(post.account),
        "date": int(post.created_at.timestamp()),
        "text": post.text,
        "post_type": "post",
        "attachments": [{"type": "link", "link": {"url": url}} for url in ([post.link] if post.link else [])],
        "likes": {"count": engagement.likes, "user_likes": 0, "can_like": 1},
        "reposts": {"count": engagement.shares, "user_reposted": 0},
        "comments": {"count": engagement.comments, "can_post": 1},
        "views": {"count": engagement.impressions},
    }


@router.api_route("/{name}", methods=["GET", "POST"])
async def call(name: str, request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    if not params.get("v"):
        return _error(8, "Invalid request: v (version) is required", params)
    write = name in ("wall.post", "wall.delete")
    account = _account(params)
    spends = POSTING if name == "wall.post" else CALLING
    await admit(request, DIALECT, token=params.get("access_token"), account=account, write=write, limits=spends)
    handler = _METHODS.get(name)
    if handler is None:
        return _error(3, "Unknown method passed", params)
    return answer({"response": handler(state, account, params)})


def _account(params: dict[str, Any]) -> str:
    """The community a call is about: owner_id/group_id, or the owner of the first post asked for."""
    owner = params.get("owner_id") or params.get("group_id") or str(params.get("posts", "")).split("_")[0]
    return str(owner).removeprefix("-")


def wall_post(state: SandboxState, group: str, params: dict[str, Any]) -> dict[str, Any]:
    guid, text = params.get("guid"), str(params.get("message", ""))
    if not group.isdigit():
        raise Reply(
            _error(100, "One of the parameters specified was missing or invalid: owner_id is undefined", params)
        )
    if guid and (earlier := state.recall_key("vk", group, str(guid), GUID_TTL)):
        return {"post_id": int(earlier.external_id.split("_")[1])}
    attachments = [a for a in str(params.get("attachments", "")).split(",") if a]
    links = [a for a in attachments if a.startswith(("http://", "https://"))]
    if problems := spec("vk").check_text(text, with_media=len(attachments) > len(links), with_link=bool(links)):
        wrong = "message is empty or invalid" if problems[0].rule == "text_required" else "message is too long"
        raise Reply(_error(100, f"One of the parameters specified was missing or invalid: {wrong}", params))
    if len(links) > 1:
        raise Reply(
            _error(
                100,
                "One of the parameters specified was missing or invalid: only one link attachment is allowed",
                params,
            )
        )
    post_id = state.next_id("vk")
    post = state.add_post(
        "vk",
        group,
        f"-{group}_{post_id}",
        text,
        link=links[0] if links else None,
        media=[a for a in attachments if a not in links],
        idempotency_key=guid,
    )
    if guid:
        state.remember_key("vk", group, str(guid), post)
    return {"post_id": post_id}


def wall_get(state: SandboxState, group: str, params: dict[str, Any]) -> dict[str, Any]:
    posts = state.posts_of("vk", group)
    count = min(int(params.get("count", 20)), 100)
    return {"count": len(posts), "items": [_wall_post(state, p) for p in posts[:count]]}


def wall_get_by_id(state: SandboxState, group: str, params: dict[str, Any]) -> dict[str, Any]:
    ids = [i.strip() for i in str(params.get("posts", "")).split(",") if i.strip()]
    return {"items": [_wall_post(state, p) for i in ids if (p := state.post("vk", i))]}


def wall_delete(state: SandboxState, group: str, params: dict[str, Any]) -> int:
    post = state.post("vk", f"-{group}_{params.get('post_id')}")
    if post is None:
        raise Reply(_error(100, "One of the parameters specified was missing or invalid: post not found", params))
    post.deleted = True
    return 1


def groups_get_by_id(state: SandboxState, group: str, params: dict[str, Any]) -> dict[str, Any]:
    groups = [g for g in str(params.get("group_ids", params.get("group_id", ""))).split(",") if g]
    return {
        "groups": [
            {
                "id": int(g),
                "name": f"Community {g}",
                "screen_name": f"club{g}",
                "members_count": state.followers_of("vk", g),
            }
            for g in groups
            if g.isdigit()
        ],
        "profiles": [],
    }


_METHODS = {
    "wall.post": wall_post,
    "wall.get": wall_get,
    "wall.getById": wall_get_by_id,
    "wall.delete": wall_delete,
    "groups.getById": groups_get_by_id,
}
