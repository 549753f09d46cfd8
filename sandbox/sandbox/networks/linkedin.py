"""LinkedIn versioned REST API (``https://api.linkedin.com``).

``POST /rest/posts`` answers 201 with an empty body and the URN in ``x-restli-id``; the
same commentary from the same author within 24 h is 422 DUPLICATE_POST naming the
earlier URN. ``/rest/*`` calls need a ``LinkedIn-Version: YYYYMM`` header. Images:
``POST /rest/images?action=initializeUpload`` then ``PUT`` the bytes to the returned
``uploadUrl``. Reads: ``/rest/posts?q=author`` (``start``/``count`` paging, ``sortBy``),
``/rest/posts/{urn}``, ``/rest/socialActions/{urn}``, ``/rest/socialMetadata/{urn}``,
``/rest/networkSizes/{org}?edgeType=COMPANY_FOLLOWED_BY_MEMBER``,
``/rest/organizationalEntityShareStatistics?q=organizationalEntity&shares=List(...)``.
Tokens renew at ``POST /oauth/v2/accessToken`` (the refresh token is not rotated).
Rate limit (catalogue): 150 posts per day per author; 429 carries no retry time (daily limits
reset at midnight UTC). The commentary (3,000 characters of escaped little text) and images are
checked against the catalogue's LinkedIn entry.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox import oauth
from sandbox.gate import Reply, StateDep, admit, answer, bearer_token, read_params
from sandbox.limits import limits
from sandbox.rules import violations
from sandbox.state import Post, SandboxState, utc_now
from smmkit.catalogue import NetworkLimit
from smmkit.catalogue.text import unescape_little

router = APIRouter()

POSTING = limits("linkedin", "write")
DUPLICATE_WINDOW = timedelta(hours=24)
REQUIRED = ("author", "commentary", "visibility", "distribution", "lifecycleState")
_BAD_REQUEST_EXCEPTION = "com.linkedin.content.common.exception.BadRequestResponseException"
_VERSION = re.compile(r"^\d{6}$")


def _error(status: int, message: str, **extra: Any) -> Response:
    return answer({"status": status, "message": message, **extra}, status)


class LinkedInDialect:
    network = "linkedin"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        if expired:
            return _error(
                401, "The token used in the request has expired", serviceErrorCode=65601, code="EXPIRED_ACCESS_TOKEN"
            )
        return _error(401, "Invalid access token", serviceErrorCode=65600, code="INVALID_ACCESS_TOKEN")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        return _error(
            429,
            "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
            serviceErrorCode=101,
            code="TOO_MANY_REQUESTS",
        )

    def server_error(self) -> Response:
        return _error(500, "Internal Server Error")


DIALECT = LinkedInDialect()


async def _admit(request: Request, account: str, *, write: bool, spends: tuple[NetworkLimit, ...] = ()) -> None:
    await admit(request, DIALECT, token=bearer_token(request), account=account, write=write, limits=spends)
    if request.url.path.startswith("/rest/") and not _VERSION.match(
        request.headers.get("LinkedIn-Version", "")
    ):
        raise Reply(
            _error(
                400,
                "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
                code="VERSION_MISSING",
            )
        )


def _millis(post: Post) -> int:
    return int(post.created_at.timestamp() * 1000)


def _post_view(post: Post) -> dict[str, Any]:
    body = {
        "id": post.external_id,
        "author": post.account,
        "commentary": post.text,
        "visibility": "PUBLIC",
        "lifecycleState": "PUBLISHED",
        "createdAt": _millis(post),
        "publishedAt": _millis(post),
        "lastModifiedAt": _millis(post),
        "isReshareDisabledByAuthor": False,
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
    }
    if post.extra.get("content"):
        body["content"] = post.extra["content"]
    return body


def _live_post(state: SandboxState, urn: str) -> Post:
    post = state.post("linkedin", urn)
    if post is None:
        raise Reply(_error(404, "Not Found", code="NOT_FOUND"))
    return post


def _invalid(message: str) -> Reply:
    return Reply(
        answer({"errorDetailType": "com.linkedin.common.error.BadRequest", "message": message, "status": 422}, 422)
    )


@router.post("/rest/posts")
async def create_post(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    author = str(params.get("author", ""))
    await _admit(request, author, write=True, spends=POSTING)
    missing = [name for name in REQUIRED if name not in params]
    if missing:
        raise _invalid(
            "".join(f"ERROR :: /{m} :: field is required but not found and has no default value\n" for m in missing)
        )
    commentary, content = str(params["commentary"]), params.get("content") or {}
    images = (
        [content["media"]["id"]]
        if "media" in content
        else [i["id"] for i in (content.get("multiImage") or {}).get("images", [])]
    )
    # The catalogue counts the text as written; LinkedIn receives it escaped (little text format).
    if problems := violations("linkedin", unescape_little(commentary), ["image"] * len(images)):
        problem = problems[0]
        if problem.rule == "text_length":
            raise _invalid(f"ERROR :: /commentary :: length exceeds {problem.limit} characters")
        raise _invalid(f"ERROR :: /content/multiImage/images :: {problem.detail}")
    if any((state.uploads.get(("linkedin", urn)) or {}).get("status") != "AVAILABLE" for urn in images):
        raise _invalid("ERROR :: /content :: image is not uploaded or not available")
    since = utc_now() - DUPLICATE_WINDOW
    earlier = next(
        (p for p in state.posts_of("linkedin", author) if p.text == commentary and p.created_at >= since), None
    )
    if earlier is not None:
        return answer(
            {
                "errorDetailType": "com.linkedin.common.error.BadRequest",
                "message": f"{_BAD_REQUEST_EXCEPTION}: Content is a duplicate of {earlier.external_id}",
                "errorDetails": {
                    "inputErrors": [
                        {"description": "Duplicate post is detected", "input": {}, "code": "DUPLICATE_POST"}
                    ]
                },
                "status": 422,
            },
            422,
        )
    urn = f"urn:li:share:{7_200_000_000_000_000_000 + state.next_id('linkedin')}"
    link = (content.get("article") or {}).get("source")
    state.add_post("linkedin", author, urn, commentary, link=link, media=images, extra={"content": content})
    return Response(status_code=201, headers={"x-restli-id": urn, "Location": f"/rest/posts/{urn}"})


@router.get("/rest/posts")
async def find_posts(
    request: Request,
    state: StateDep,
    author: str,
    q: str = "author",
    count: int = 10,
    start: int = 0,
    sortBy: str = "LAST_MODIFIED",  # noqa: N803
) -> Response:
    """Newest first (posts are never edited here, so LAST_MODIFIED and CREATED agree); ``start``
    and ``count`` page through them, at most 100 at a time."""
    await _admit(request, author, write=False)
    if sortBy not in ("LAST_MODIFIED", "CREATED"):
        raise _invalid(f"ERROR :: /sortBy :: {sortBy} is not one of LAST_MODIFIED, CREATED")
    count = min(count, 100)
    posts = state.posts_of("linkedin", author)[start : start + count]
    paging = {"start": start, "count": count, "links": []}
    return answer({"elements": [_post_view(p) for p in posts], "paging": paging})


@router.get("/rest/posts/{urn}")
async def get_post(urn: str, request: Request, state: StateDep) -> Response:
    post = state.post("linkedin", urn)
    await _admit(request, post.account if post else "", write=False)
    return answer(_post_view(_live_post(state, urn)))


@router.delete("/rest/posts/{urn}")
async def delete_post(urn: str, request: Request, state: StateDep) -> Response:
    post = _live_post(state, urn)
    await _admit(request, post.account, write=True)
    post.deleted = True
    return Response(status_code=204)


@router.post("/rest/images")
async def initialize_upload(request: Request, state: StateDep, action: str = "") -> Response:
    owner = str(((await read_params(request)).get("initializeUploadRequest") or {}).get("owner", ""))
    await _admit(request, owner, write=True)
    if action != "initializeUpload" or not owner:
        raise _invalid("ERROR :: /initializeUploadRequest/owner :: field is required but not found")
    image_id = f"C4E10AQ{state.next_id('linkedin-image')}"
    state.uploads[("linkedin", f"urn:li:image:{image_id}")] = {"owner": owner, "status": "WAITING_UPLOAD"}
    upload_url = str(request.base_url).rstrip("/") + f"/dms-uploads/{image_id}"
    return answer(
        {
            "value": {
                "uploadUrlExpiresAt": int(time.time() * 1000) + 86_400_000,
                "uploadUrl": upload_url,
                "image": f"urn:li:image:{image_id}",
            }
        }
    )


@router.put("/dms-uploads/{image_id}")
async def upload_image(image_id: str, request: Request, state: StateDep) -> Response:
    image = state.uploads.get(("linkedin", f"urn:li:image:{image_id}"))
    await _admit(request, image["owner"] if image else "", write=True)
    if image is None:
        raise Reply(_error(404, "Not Found"))
    image.update(status="AVAILABLE", size=len(await request.body()))
    return Response(status_code=201)


@router.get("/rest/socialActions/{urn}")
async def social_actions(urn: str, request: Request, state: StateDep) -> Response:
    post = _live_post(state, urn)
    await _admit(request, post.account, write=False)
    e = state.engagement_of(post)
    return answer(
        {
            "likesSummary": {"totalLikes": e.likes, "likedByCurrentUser": False, "aggregatedTotalLikes": e.likes},
            "commentsSummary": {"totalFirstLevelComments": e.comments, "aggregatedTotalComments": e.comments},
            "target": urn,
            "$URN": f"urn:li:socialActions:{urn}",
        }
    )


@router.get("/rest/socialMetadata/{urn}")
async def social_metadata(urn: str, request: Request, state: StateDep) -> Response:
    post = _live_post(state, urn)
    await _admit(request, post.account, write=False)
    e = state.engagement_of(post)
    praise, empathy = e.likes // 5, e.likes // 10
    reactions = {"LIKE": e.likes - praise - empathy, "PRAISE": praise, "EMPATHY": empathy}
    return answer(
        {
            "reactionSummaries": {k: {"reactionType": k, "count": v} for k, v in reactions.items() if v},
            "commentSummary": {"count": e.comments, "topLevelCount": e.comments},
            "commentsState": "OPEN",
            "entity": urn,
        }
    )


@router.get("/rest/networkSizes/{urn}")
async def network_size(urn: str, request: Request, state: StateDep) -> Response:
    await _admit(request, urn, write=False)
    return answer({"firstDegreeSize": state.followers_of("linkedin", urn)})


@router.get("/rest/organizationalEntityShareStatistics")
async def share_statistics(request: Request, state: StateDep, organizationalEntity: str) -> Response:  # noqa: N803
    await _admit(request, organizationalEntity, write=False)
    listed = request.query_params.get("shares", "").removeprefix("List(").removesuffix(")")
    elements = []
    for urn in (u for u in listed.split(",") if u):
        post = _live_post(state, urn)
        e = state.engagement_of(post)
        stats = {
            "uniqueImpressionsCount": e.reach,
            "impressionCount": e.impressions,
            "clickCount": e.clicks,
            "likeCount": e.likes,
            "commentCount": e.comments,
            "shareCount": e.shares,
            "engagement": round((e.clicks + e.likes + e.comments + e.shares) / max(1, e.impressions), 4),
        }
        elements.append({"organizationalEntity": organizationalEntity, "share": urn, "totalShareStatistics": stats})
    return answer({"elements": elements, "paging": {"start": 0, "count": len(elements), "links": []}})


@router.post("/oauth/v2/accessToken")
async def access_token(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    if params.get("grant_type") == "authorization_code":  # connecting an account (sandbox.oauth)
        return await oauth.exchange(request, "linkedin", state, params)
    refresh_token = str(params.get("refresh_token", ""))
    if params.get("grant_type") != "refresh_token" or not params.get("client_id") or not params.get("client_secret"):
        return answer({"error": "invalid_request", "error_description": "A required parameter is missing"}, 400)
    if not refresh_token.startswith("sbx-") or refresh_token.startswith("sbx-expired"):
        return answer(
            {
                "error": "invalid_grant",
                "error_description": "The provided authorization grant or refresh token is invalid, expired or revoked",
            },
            400,
        )
    return answer(
        {
            "access_token": f"sbx-li.{state.next_id('linkedin-token')}",
            "expires_in": 5184000,
            "refresh_token": refresh_token,
            "refresh_token_expires_in": 31536000,
        }
    )
