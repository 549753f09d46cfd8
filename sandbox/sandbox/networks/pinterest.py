"""Pinterest API v5 (``https://api.pinterest.com``).

``POST /v5/pins`` saves a Pin on a board (``board_id``) from image URLs (``image_url``, or a carousel
of 2-5 ``multiple_image_urls``), answering 201 with the Pin; its description, link and media are
checked against the catalogue's Pinterest entry. Reads: ``/v5/pins/{id}``,
``/v5/boards/{id}/pins`` (newest first, ``page_size`` up to 100, ``bookmark`` paging),
``/v5/pins/{id}/analytics``, ``/v5/boards/{id}`` and ``/v5/user_account``. Errors are ``{"code", "message"}`` with the
HTTP status; a 429 carries ``X-RateLimit-Reset`` (seconds). The account a call spends from and
faults match is the board the call names (the token's user for ``/v5/user_account``). Tokens renew
at ``POST /v5/oauth/token`` (HTTP Basic client credentials; the refresh token is kept).
"""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox import oauth
from sandbox.gate import Reply, StateDep, admit, answer, bearer_token, read_params, token_owner
from sandbox.limits import limits
from sandbox.rules import media_kind, violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit

router = APIRouter(prefix="/v5")

POSTING = limits("pinterest", "write")
READING = limits("pinterest", "read")
_KINDS = {"mp4": "video/mp4", "mov": "video/quicktime", "gif": "image/gif", "pdf": "application/pdf"}


def _error(status: int, code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return answer({"code": code, "message": message}, status, headers)


class PinterestDialect:
    network = "pinterest"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return _error(401, 2, "Authentication failed.")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        headers = {"X-RateLimit-Limit": str((limit or POSTING[-1]).capacity), "X-RateLimit-Remaining": "0",
                   "X-RateLimit-Reset": str(int(retry_after_s + 0.999))}
        return _error(429, 8, "You have exceeded your rate limit. Try again later.", headers)

    def server_error(self) -> Response:
        return _error(503, 3, "Service unavailable. Try again later.")


DIALECT = PinterestDialect()


async def _admit(request: Request, account: str, *, write: bool, spends: tuple[NetworkLimit, ...] = ()) -> None:
    await admit(request, DIALECT, token=bearer_token(request), account=account, write=write, limits=spends)


def _invalid(message: str) -> Reply:
    return Reply(_error(400, 1, f"Invalid parameters. {message}"))


def _kind(url: str) -> str:
    """What Pinterest makes of a media URL; the sandbox goes by its extension."""
    return media_kind(_KINDS.get(url.rsplit(".", 1)[-1].split("?")[0].lower(), "image/jpeg"))


def _pin(post: Post) -> dict[str, Any]:
    return {
        "id": post.external_id,
        "created_at": post.created_at.replace(tzinfo=None).isoformat(timespec="seconds"),
        "board_id": post.account,
        "description": post.text,
        "link": post.link,
        "title": "",
        "media": {"media_type": "image" if len(post.media) == 1 else "multiple_images"},
        "board_owner": {"username": post.extra["owner"]},
    }


def _live_pin(state: SandboxState, pin_id: str) -> Post:
    post = state.post("pinterest", pin_id)
    if post is None:
        raise Reply(_error(404, 50, "Pin not found."))
    return post


@router.post("/pins")
async def create_pin(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    board = str(params.get("board_id") or "")
    await _admit(request, board, write=True, spends=POSTING)
    if not board:
        raise _invalid("board_id is required.")
    source = params.get("media_source") or {}
    if source.get("source_type") == "image_url":
        urls = [str(source.get("url") or "")]
    elif source.get("source_type") == "multiple_image_urls":
        urls = [str(item.get("url") or "") for item in source.get("items") or []]
        if len(urls) < 2:
            raise _invalid("multiple_image_urls needs 2 to 5 items.")
    else:
        raise _invalid("media_source is required.")
    if not all(url.startswith(("http://", "https://")) for url in urls):
        raise _invalid("media_source url is not a valid URL.")
    description, link = str(params.get("description") or ""), params.get("link")
    if problems := violations("pinterest", description, [_kind(url) for url in urls]):
        raise _invalid(problems[0].detail)
    if link is not None and (len(str(link)) > 2048 or not str(link).startswith(("http://", "https://"))):
        raise _invalid("link is not a valid URL.")
    pin_id = str(1_130_000_000_000_000_000 + state.next_id("pinterest"))
    owner = token_owner(bearer_token(request) or "")
    post = state.add_post("pinterest", board, pin_id, description, media=urls, link=link, extra={"owner": owner})
    return answer(_pin(post), 201)


@router.get("/pins/{pin_id}")
async def get_pin(pin_id: str, request: Request, state: StateDep) -> Response:
    post = state.post("pinterest", pin_id)
    await _admit(request, post.account if post else "", write=False, spends=READING)
    return answer(_pin(_live_pin(state, pin_id)))


@router.delete("/pins/{pin_id}")
async def delete_pin(pin_id: str, request: Request, state: StateDep) -> Response:
    post = _live_pin(state, pin_id)
    await _admit(request, post.account, write=True)
    post.deleted = True
    return Response(status_code=204)


@router.get("/boards/{board_id}/pins")
async def board_pins(board_id: str, request: Request, state: StateDep, page_size: int = 25,
                     bookmark: str | None = None) -> Response:
    await _admit(request, board_id, write=False, spends=READING)
    if not 1 <= page_size <= 250:
        raise _invalid("page_size must be between 1 and 250.")
    page_size = min(page_size, 100)
    start = int(base64.urlsafe_b64decode(bookmark.encode()).decode()) if bookmark else 0
    pins = state.posts_of("pinterest", board_id)
    more = start + page_size < len(pins)
    return answer({"items": [_pin(p) for p in pins[start:start + page_size]],
                   "bookmark": base64.urlsafe_b64encode(str(start + page_size).encode()).decode() if more else None})


@router.get("/pins/{pin_id}/analytics")
async def pin_analytics(pin_id: str, request: Request, state: StateDep, metric_types: str = "",
                        start_date: str = "", end_date: str = "") -> Response:
    post = state.post("pinterest", pin_id)
    await _admit(request, post.account if post else "", write=False, spends=READING)
    post = _live_pin(state, pin_id)
    if not (metric_types and start_date and end_date):
        raise _invalid("start_date, end_date and metric_types are required.")
    e = state.engagement_of(post)
    known = {"IMPRESSION": e.impressions, "SAVE": e.saves, "PIN_CLICK": e.clicks, "OUTBOUND_CLICK": e.clicks // 2,
             "TOTAL_COMMENTS": e.comments, "TOTAL_REACTIONS": e.likes}
    summary = {name: known[name] for name in metric_types.split(",") if name in known}
    return answer({"all": {"summary_metrics": summary, "daily_metrics": [], "lifetime_metrics": summary}})


@router.get("/boards/{board_id}")
async def get_board(board_id: str, request: Request, state: StateDep) -> Response:
    await _admit(request, board_id, write=False, spends=READING)
    owner = token_owner(bearer_token(request) or "")
    return answer({"id": board_id, "name": f"Board {board_id}", "privacy": "PUBLIC", "owner": {"username": owner},
                   "follower_count": state.followers_of("pinterest", board_id),
                   "pin_count": len(state.posts_of("pinterest", board_id))})


@router.get("/user_account")
async def user_account(request: Request, state: StateDep) -> Response:
    owner = token_owner(bearer_token(request) or "")
    await _admit(request, owner, write=False, spends=READING)
    return answer({"username": f"user{owner}", "account_type": "BUSINESS",
                   "follower_count": state.followers_of("pinterest", owner), "following_count": 12})


@router.post("/oauth/token")
async def token(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    if params.get("grant_type") == "authorization_code":  # connecting an account (sandbox.oauth)
        return await oauth.exchange(request, "pinterest", state, params)
    refresh_token = str(params.get("refresh_token", ""))
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic" or not credentials or params.get("grant_type") != "refresh_token":
        return answer({"code": 1, "message": "Invalid request: client authentication and grant_type are required"},
                      400)
    if not refresh_token.startswith("sbx-") or refresh_token.startswith("sbx-expired"):
        return answer({"code": 1, "message": "Invalid refresh token"}, 400)
    owner = token_owner(refresh_token)
    return answer({"access_token": f"sbx-{owner}.p{state.next_id('pinterest-token')}", "token_type": "bearer",
                   "expires_in": 2_592_000, "scope": "boards:read,pins:read,pins:write,user_accounts:read"})
