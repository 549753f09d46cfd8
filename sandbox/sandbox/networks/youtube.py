"""YouTube Data API v3 (``https://www.googleapis.com``), with Google's resumable uploads.

``POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`` checks the metadata (title:
1-100 characters, description: the catalogue's 5,000 bytes; neither with "<" or ">") and answers 200
with the upload session's URL in ``Location``. ``PUT`` to it sends the bytes in chunks
(``Content-Range: bytes a-b/total``; every chunk but the last a multiple of 256 KiB, starting where
the session's bytes end): an intermediate chunk is answered ``308`` with ``Range: bytes=0-N``, the last
one ``200`` with the video. ``Content-Range: bytes */total`` with no body asks what the session holds:
``308`` (with ``Range`` once it holds something), or the video once complete, so a client that lost
the last answer gets the same video again. A video goes to the token's channel ("sbx-UC1" -> "UC1");
a post that says ``#Shorts`` is kept as a Short. Reads: ``videos`` (``part=statistics,snippet``,
``id``), ``channels`` (``id``), ``playlistItems`` (the uploads playlist "UU" + the channel id's tail,
newest first, ``pageToken`` paging). Errors are Google's ``{"error": {"code", "message", "errors":
[{"reason"}], "status"}}``: ``videos.insert`` beyond 100 a day (per token here) is 403 ``quotaExceeded``.
Tokens renew at ``POST /token`` (Google's ``oauth2.googleapis.com/token``).
"""

from __future__ import annotations

import re
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
from smmkit.catalogue.youtube import TITLE_MAX

router = APIRouter()

INSERTS = limits("youtube", "write")
READING = limits("youtube", "read")
_CHUNK_UNIT = 256 * 1024
_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")
_SHORTS = re.compile(r"(?<!\w)#shorts\b", re.IGNORECASE)


def google_error(status: int, reason: str, message: str, *, status_name: str, domain: str = "youtube",
                 headers: dict[str, str] | None = None) -> Response:
    return answer({"error": {"code": status, "message": message,
                             "errors": [{"message": message, "domain": domain, "reason": reason}],
                             "status": status_name}}, status, headers)


class YouTubeDialect:
    network = "youtube"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return google_error(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 "
                            "access token, login cookie or other valid authentication credential.",
                            status_name="UNAUTHENTICATED", domain="global")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        if limit is not None:  # a daily quota
            return google_error(403, "quotaExceeded", "The request cannot be completed because you have exceeded "
                                "your quota.", status_name="PERMISSION_DENIED", domain="youtube.quota")
        return google_error(429, "rateLimitExceeded", "The request was sent too soon after the previous one.",
                            status_name="RESOURCE_EXHAUSTED", domain="usageLimits",
                            headers={"Retry-After": str(int(retry_after_s + 0.999))})

    def server_error(self) -> Response:
        return google_error(503, "backendError", "Backend Error", status_name="UNAVAILABLE", domain="global")


DIALECT = YouTubeDialect()


def _invalid(reason: str, message: str) -> Reply:
    return Reply(google_error(400, reason, message, status_name="INVALID_ARGUMENT"))


def _caller(request: Request) -> tuple[str | None, str]:
    token = bearer_token(request)
    return token, token_owner(token) if token else ""


def _video(state: SandboxState, post: Post, part: str) -> dict[str, Any]:
    video: dict[str, Any] = {"kind": "youtube#video", "id": post.external_id}
    if "snippet" in part:
        video["snippet"] = {"publishedAt": post.created_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
                            "channelId": post.account, "title": post.extra["title"], "description": post.text,
                            "categoryId": post.extra.get("categoryId", "22")}
    if "status" in part:
        video["status"] = {"uploadStatus": "uploaded", "privacyStatus": post.extra["privacyStatus"]}
    if "statistics" in part:
        e = state.engagement_of(post)
        video["statistics"] = {"viewCount": str(e.impressions), "likeCount": str(e.likes), "favoriteCount": "0",
                               "commentCount": str(e.comments)}
    return video


@router.post("/upload/youtube/v3/videos")
async def open_upload(request: Request, state: StateDep) -> Response:
    token, channel = _caller(request)
    await admit(request, DIALECT, token=token, account=channel, write=True, limits=INSERTS)
    if request.query_params.get("uploadType") != "resumable":
        raise _invalid("badRequest", "This sandbox takes resumable uploads only (uploadType=resumable).")
    if "snippet" not in request.query_params.get("part", ""):
        raise _invalid("unexpectedPart", "The part parameter must name snippet.")
    params = await read_params(request)
    snippet, status = params.get("snippet") or {}, params.get("status") or {}
    title, description = str(snippet.get("title") or ""), str(snippet.get("description") or "")
    if not title.strip() or len(title) > TITLE_MAX or "<" in title or ">" in title:
        raise _invalid("invalidTitle", "The request metadata specifies an invalid or empty video title.")
    if "<" in description or ">" in description:
        raise _invalid("invalidDescription", "The request metadata specifies an invalid video description.")
    kind = media_kind(request.headers.get("X-Upload-Content-Type", "video/mp4"))
    if problems := violations("youtube", description, [kind]):
        reason = "invalidDescription" if problems[0].rule == "text_length" else "invalidVideoMetadata"
        raise _invalid(reason, problems[0].detail)
    try:
        total = int(request.headers["X-Upload-Content-Length"])
    except (KeyError, ValueError):
        raise _invalid("badContent", "X-Upload-Content-Length is required.") from None
    upload_id = secrets.token_urlsafe(12)
    state.uploads[("youtube", upload_id)] = {
        "channel": channel, "total": total, "received": bytearray(), "video": None,
        "metadata": {"title": title, "description": description, "categoryId": str(snippet.get("categoryId") or 22),
                     "privacyStatus": str(status.get("privacyStatus") or "public")}}
    location = f"{str(request.base_url).rstrip('/')}/upload/youtube/v3/videos?uploadType=resumable&upload_id={upload_id}"
    return Response(status_code=200, headers={"Location": location, "X-GUploader-UploadID": upload_id})


@router.put("/upload/youtube/v3/videos")
async def upload_bytes(request: Request, state: StateDep, upload_id: str = "") -> Response:
    token, channel = _caller(request)
    await admit(request, DIALECT, token=token, account=channel, write=True)
    session = state.uploads.get(("youtube", upload_id))
    if session is None or session["channel"] != channel:
        raise Reply(google_error(404, "notFound", "The upload session was not found.", status_name="NOT_FOUND",
                                 domain="global"))
    body = await request.body()
    content_range = request.headers.get("Content-Range", "")
    if session["video"] is not None:  # complete: every further request learns the video
        return answer(_video(state, state.posts[("youtube", session["video"])], "snippet,status"))
    if content_range.startswith("bytes */"):
        return _incomplete(session)
    matched = _RANGE.fullmatch(content_range)
    if not matched or int(matched.group(3)) != session["total"] or len(body) != int(matched.group(2)) - int(
            matched.group(1)) + 1:
        raise _invalid("badContent", "The Content-Range header does not match the bytes sent.")
    start, end = int(matched.group(1)), int(matched.group(2))
    last = end + 1 == session["total"]
    if start != len(session["received"]) or (not last and len(body) % _CHUNK_UNIT):
        raise _invalid("badContent", "Chunks must follow on from the bytes received, in multiples of 256 KiB.")
    session["received"] += body
    if not last:
        return _incomplete(session)
    meta = session["metadata"]
    video_id = secrets.token_urlsafe(8)[:11]
    state.add_post("youtube", channel, video_id, meta["description"], media=[f"{len(session['received'])} bytes"],
                   extra={**meta, "short": bool(_SHORTS.search(meta["title"] + " " + meta["description"])),
                          "size": len(session["received"])})
    session["video"], session["received"] = video_id, bytearray()  # the bytes are YouTube's now
    return answer(_video(state, state.posts[("youtube", video_id)], "snippet,status"))


def _incomplete(session: dict[str, Any]) -> Response:
    held = len(session["received"])
    return Response(status_code=308, headers={"Range": f"bytes=0-{held - 1}"} if held else {})


@router.get("/youtube/v3/videos")
async def list_videos(request: Request, state: StateDep, id: str = "", part: str = "snippet") -> Response:  # noqa: A002
    token, channel = _caller(request)
    await admit(request, DIALECT, token=token, account=channel, write=False, limits=READING)
    found = [p for p in (state.post("youtube", v) for v in id.split(",") if v) if p is not None]
    return answer({"kind": "youtube#videoListResponse", "items": [_video(state, p, part) for p in found],
                   "pageInfo": {"totalResults": len(found), "resultsPerPage": len(found)}})


@router.delete("/youtube/v3/videos")
async def delete_video(request: Request, state: StateDep, id: str = "") -> Response:  # noqa: A002
    token, channel = _caller(request)
    await admit(request, DIALECT, token=token, account=channel, write=True)
    post = state.post("youtube", id)
    if post is None or post.account != channel:
        raise Reply(google_error(404, "videoNotFound", "The video that you are trying to delete cannot be found.",
                                 status_name="NOT_FOUND"))
    post.deleted = True
    return Response(status_code=204)


@router.get("/youtube/v3/channels")
async def list_channels(request: Request, state: StateDep, id: str = "", mine: bool = False) -> Response:  # noqa: A002
    token, channel = _caller(request)
    await admit(request, DIALECT, token=token, account=channel, write=False, limits=READING)
    ids = [channel] if mine else [c for c in id.split(",") if c]
    items = [{"kind": "youtube#channel", "id": c, "snippet": {"title": f"Sandbox channel {c}"},
              "contentDetails": {"relatedPlaylists": {"uploads": "UU" + c.removeprefix("UC")}},
              "statistics": {"subscriberCount": str(state.followers_of("youtube", c)), "hiddenSubscriberCount": False,
                             "videoCount": str(len(state.posts_of("youtube", c)))}} for c in ids]
    return answer({"kind": "youtube#channelListResponse", "items": items})


@router.get("/youtube/v3/playlistItems")
async def playlist_items(request: Request, state: StateDep, playlistId: str = "",  # noqa: N803
                         maxResults: int = 5, pageToken: str = "") -> Response:  # noqa: N803
    token, channel = _caller(request)
    await admit(request, DIALECT, token=token, account=channel, write=False, limits=READING)
    if not playlistId.startswith("UU"):
        raise Reply(google_error(404, "playlistNotFound", "The playlist identified with the request's playlistId "
                                 "parameter cannot be found.", status_name="NOT_FOUND"))
    owner = "UC" + playlistId.removeprefix("UU")
    posts = state.posts_of("youtube", owner) or state.posts_of("youtube", playlistId.removeprefix("UU"))
    size, start = max(0, min(maxResults, 50)), int(pageToken or 0)
    page = posts[start:start + size]
    items = [{"kind": "youtube#playlistItem", "id": f"{playlistId}.{p.external_id}",
              "snippet": {"publishedAt": p.created_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
                          "channelId": p.account, "title": p.extra["title"], "description": p.text,
                          "playlistId": playlistId, "position": start + n,
                          "resourceId": {"kind": "youtube#video", "videoId": p.external_id}}}
             for n, p in enumerate(page)]
    body: dict[str, Any] = {"kind": "youtube#playlistItemListResponse", "items": items,
                            "pageInfo": {"totalResults": len(posts), "resultsPerPage": size}}
    if start + size < len(posts):
        body["nextPageToken"] = str(start + size)
    return answer(body)


@router.post("/token")
async def token_endpoint(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    if params.get("grant_type") == "authorization_code":  # connecting an account (sandbox.oauth)
        return await oauth.exchange(request, "youtube", state, params)
    refresh_token = str(params.get("refresh_token", ""))
    if params.get("grant_type") != "refresh_token" or not params.get("client_id") or not params.get("client_secret"):
        return answer({"error": "invalid_request", "error_description": "Missing required parameter"}, 400)
    if not refresh_token.startswith("sbx-") or refresh_token.startswith("sbx-expired"):
        return answer({"error": "invalid_grant", "error_description": "Token has been expired or revoked."}, 400)
    return answer({"access_token": f"sbx-{token_owner(refresh_token)}.y{state.next_id('youtube-token')}",
                   "expires_in": 3599, "token_type": "Bearer",
                   "scope": "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly"})
