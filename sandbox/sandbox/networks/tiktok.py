"""TikTok Content Posting API v2 (``https://open.tiktokapis.com``), Direct Post from uploaded bytes.

``POST /v2/post/publish/creator_info/query/`` names the privacy levels the creator may use (an open_id
starting "unaudited" gets ``SELF_ONLY`` only, as for an app not audited yet). ``POST
/v2/post/publish/video/init/`` checks the title against the catalogue's TikTok entry and the chunking
of ``FILE_UPLOAD`` (a video under 5 MB in one chunk; chunks of 5-64 MB, ``total_chunk_count`` =
size // chunk size), spends the limits (6 inits a minute, about 15 posts a day per creator: 403
``spam_risk_too_many_posts``) and answers a ``publish_id`` and an ``upload_url`` (production uploads go
to ``open-upload.tiktokapis.com/video/``; here ``/video/`` on the same port). ``PUT`` the bytes there
with ``Content-Range``: 206 for a chunk, 201 once complete, and the video is then posted. ``POST
/v2/post/publish/status/fetch/`` (30 a minute) says ``PROCESSING_UPLOAD`` while bytes are missing, then,
after processing (one more fetch for a video over 1 MB, none for a smaller one),
``PUBLISH_COMPLETE`` with ``publicaly_available_post_id`` (empty for a private post). ``PULL_FROM_URL``
is refused ``url_ownership_unverified``: no domain is verified for the sandbox's apps. Reads:
``POST /v2/video/list/`` (the creator's public videos, newest first, ``cursor``/``has_more``),
``POST /v2/video/query/`` (counters of the creator's own videos), ``GET /v2/user/info/``. Every answer is
``{"data": {...}, "error": {"code", "message", "log_id"}}``. Tokens renew at ``POST /v2/oauth/token/``.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox import oauth
from sandbox.gate import Reply, StateDep, admit, answer, bearer_token, read_params, token_owner
from sandbox.limits import limits
from sandbox.rules import media_kind, violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit

router = APIRouter()

INITS = limits("tiktok", "write")
STATUS_FETCHES = tuple(limit for limit in limits("tiktok", "read") if limit.on == "read")
_MB = 1024 * 1024
_PRIVACY = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"]
_PROCESSING_POLLS_OVER = 1_000_000  # bytes: a bigger video takes one more status fetch to process


def _envelope(data: Any, code: str = "ok", message: str = "", status: int = 200,
              headers: dict[str, str] | None = None) -> Response:
    return answer({"data": data, "error": {"code": code, "message": message,
                                           "log_id": secrets.token_hex(16).upper()}}, status, headers)


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(_envelope({}, code, message, status, headers))


class TikTokDialect:
    network = "tiktok"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return _envelope({}, "access_token_invalid",
                         "The access token is invalid or not found in the request.", 401)

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        if limit is not None and limit.name == "posts per day":
            return _envelope({}, "spam_risk_too_many_posts",
                             "The daily post cap from the current user has been reached.", 403)
        return _envelope({}, "rate_limit_exceeded", "API rate limit exceeded, please try again later.", 429,
                         {"Retry-After": str(int(retry_after_s + 0.999))})

    def server_error(self) -> Response:
        return _envelope({}, "internal_error", "Something went wrong. Please try again later.", 500)


DIALECT = TikTokDialect()


async def _creator(request: Request, *, write: bool, spends: tuple[NetworkLimit, ...] = ()) -> str:
    token = bearer_token(request)
    open_id = token_owner(token) if token else ""
    await admit(request, DIALECT, token=token, account=open_id, write=write, limits=spends)
    return open_id


def _options(open_id: str) -> list[str]:
    return ["SELF_ONLY"] if open_id.startswith("unaudited") else list(_PRIVACY)


def _invalid(message: str) -> Reply:
    return _error(400, "invalid_params", message)


def _video(state: SandboxState, post: Post, fields: str) -> dict[str, Any]:
    video: dict[str, Any] = {"id": post.external_id}
    wanted = set(fields.split(","))
    e = state.engagement_of(post)
    known = {"title": post.text, "video_description": post.text, "create_time": int(post.created_at.timestamp()),
             "share_url": f"https://www.tiktok.com/@{post.extra['username']}/video/{post.external_id}",
             "like_count": e.likes, "comment_count": e.comments, "share_count": e.shares, "view_count": e.impressions}
    video.update({name: value for name, value in known.items() if name in wanted})
    return video


@router.post("/v2/post/publish/creator_info/query/")
async def creator_info(request: Request, state: StateDep) -> Response:
    open_id = await _creator(request, write=False)
    return _envelope({"creator_avatar_url": f"https://p16.tiktokcdn.example/{open_id}.jpeg",
                      "creator_username": f"user{open_id}", "creator_nickname": f"Creator {open_id}",
                      "privacy_level_options": _options(open_id), "comment_disabled": False,
                      "duet_disabled": False, "stitch_disabled": False, "max_video_post_duration_sec": 600})


@router.post("/v2/post/publish/video/init/")
async def init_video(request: Request, state: StateDep) -> Response:
    open_id = await _creator(request, write=True, spends=INITS)
    params = await read_params(request)
    post_info, source = params.get("post_info") or {}, params.get("source_info") or {}
    title, privacy = str(post_info.get("title") or ""), post_info.get("privacy_level")
    if privacy not in _options(open_id):
        raise _error(400, "privacy_level_option_mismatch",
                     "privacy_level is not one of the creator's privacy_level_options.")
    if problems := violations("tiktok", title, ["video"]):
        raise _invalid(f"post_info.title: {problems[0].detail}")
    if source.get("source") == "PULL_FROM_URL":
        raise _error(403, "url_ownership_unverified", "The domain or URL prefix of video_url is not verified.")
    if source.get("source") != "FILE_UPLOAD":
        raise _invalid("source_info.source must be FILE_UPLOAD or PULL_FROM_URL.")
    try:
        size, chunk, count = (int(source[k]) for k in ("video_size", "chunk_size", "total_chunk_count"))
    except (KeyError, TypeError, ValueError):
        raise _invalid("source_info needs video_size, chunk_size and total_chunk_count.") from None
    whole = size < 5 * _MB and chunk == size and count == 1
    chunked = size >= 5 * _MB and 5 * _MB <= chunk <= 64 * _MB and count == size // chunk and count <= 1000
    if size <= 0 or not (whole or chunked):
        raise _invalid("The chunk_size or total_chunk_count does not fit video_size.")
    publish_id = f"v_pub_file~v2-1.{state.next_id('tiktok-publish')}"
    upload_id = secrets.token_urlsafe(12)
    state.uploads[("tiktok", upload_id)] = {
        "open_id": open_id, "publish_id": publish_id, "size": size, "received": 0, "title": title,
        "privacy": privacy, "post": None, "processing_polls": 1 if size > _PROCESSING_POLLS_OVER else 0}
    state.uploads[("tiktok", publish_id)] = state.uploads[("tiktok", upload_id)]
    upload_url = f"{str(request.base_url).rstrip('/')}/video/?upload_id={upload_id}&upload_token={secrets.token_hex(8)}"
    return _envelope({"publish_id": publish_id, "upload_url": upload_url})


@router.put("/video/")
async def upload_video(request: Request, state: StateDep, upload_id: str = "") -> Response:
    session = state.uploads.get(("tiktok", upload_id))
    await admit(request, DIALECT, token=None, account=session["open_id"] if session else "", write=True,
                public=True)  # the upload URL is its own credential
    if session is None:
        raise _error(404, "invalid_params", "The upload_url is invalid or expired.")
    body = await request.body()
    kind = media_kind(request.headers.get("Content-Type", ""))
    if kind != "video":
        raise _invalid("Content-Type must be a video type (video/mp4, video/quicktime, video/webm).")
    first, _, rest = request.headers.get("Content-Range", "").removeprefix("bytes ").partition("-")
    last, _, total = rest.partition("/")
    if not (first.isdigit() and last.isdigit() and total == str(session["size"])
            and int(first) == session["received"] and int(last) - int(first) + 1 == len(body)):
        raise _error(416, "invalid_params", "Content-Range does not follow the bytes received.")
    session["received"] += len(body)
    if session["received"] < session["size"]:
        return Response(status_code=206)
    post_id = str(7_300_000_000_000_000_000 + state.next_id("tiktok"))
    post = state.add_post("tiktok", session["open_id"], post_id, session["title"], media=[f"{session['size']} bytes"],
                          extra={"username": f"user{session['open_id']}", "privacy": session["privacy"],
                                 "publish_id": session["publish_id"]})
    session["post"] = post.external_id
    return Response(status_code=201)


@router.post("/v2/post/publish/status/fetch/")
async def fetch_status(request: Request, state: StateDep) -> Response:
    open_id = await _creator(request, write=False, spends=STATUS_FETCHES)
    publish_id = str((await read_params(request)).get("publish_id") or "")
    session = state.uploads.get(("tiktok", publish_id))
    if session is None or session["open_id"] != open_id:
        raise _invalid("publish_id is invalid.")
    if session["post"] is None or session["processing_polls"] > 0:
        if session["post"] is not None:
            session["processing_polls"] -= 1
        return _envelope({"status": "PROCESSING_UPLOAD", "uploaded_bytes": session["received"]})
    public = session["privacy"] != "SELF_ONLY"
    return _envelope({"status": "PUBLISH_COMPLETE", "uploaded_bytes": session["received"],
                      "publicaly_available_post_id": [int(session["post"])] if public else []})


@router.post("/v2/video/list/")
async def list_videos(request: Request, state: StateDep, fields: str = "id") -> Response:
    open_id = await _creator(request, write=False)
    params = await read_params(request)
    count, start = min(int(params.get("max_count") or 10), 20), int(params.get("cursor") or 0)
    public = [p for p in state.posts_of("tiktok", open_id) if p.extra["privacy"] != "SELF_ONLY"]
    page = public[start:start + count]
    return _envelope({"videos": [_video(state, p, fields) for p in page], "cursor": start + len(page),
                      "has_more": start + count < len(public)})


@router.post("/v2/video/query/")
async def query_videos(request: Request, state: StateDep, fields: str = "id") -> Response:
    open_id = await _creator(request, write=False)
    ids = ((await read_params(request)).get("filters") or {}).get("video_ids") or []
    if len(ids) > 20:
        raise _invalid("video_ids takes at most 20 ids.")
    found = [p for p in (state.post("tiktok", str(i)) for i in ids) if p is not None and p.account == open_id]
    return _envelope({"videos": [_video(state, p, fields) for p in found]})


@router.get("/v2/user/info/")
async def user_info(request: Request, state: StateDep, fields: str = "open_id") -> Response:
    open_id = await _creator(request, write=False)
    user = {"open_id": open_id, "display_name": f"Creator {open_id}", "username": f"user{open_id}",
            "follower_count": state.followers_of("tiktok", open_id), "following_count": 40,
            "video_count": len(state.posts_of("tiktok", open_id))}
    return _envelope({"user": {k: v for k, v in user.items() if k in fields.split(",")}})


@router.post("/v2/oauth/token/")
async def token(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    if params.get("grant_type") == "authorization_code":  # connecting an account (sandbox.oauth)
        return await oauth.exchange(request, "tiktok", state, params)
    refresh_token = str(params.get("refresh_token", ""))
    if params.get("grant_type") != "refresh_token" or not params.get("client_key") or not params.get("client_secret"):
        return answer({"error": "invalid_request", "error_description": "Missing required parameters."}, 400)
    if not refresh_token.startswith("sbx-") or refresh_token.startswith("sbx-expired") \
            or refresh_token in state.used_tokens:
        return answer({"error": "invalid_grant", "error_description": "Refresh token is invalid or expired."}, 400)
    state.used_tokens.add(refresh_token)
    open_id, n = token_owner(refresh_token), state.next_id("tiktok-token")
    return answer({"access_token": f"sbx-{open_id}.a{n}", "expires_in": 86400, "open_id": open_id,
                   "refresh_token": f"sbx-{open_id}.r{n}", "refresh_expires_in": 31_536_000,
                   "scope": "user.info.basic,video.publish,video.list", "token_type": "Bearer"})
