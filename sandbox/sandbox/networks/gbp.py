"""Google Business Profile's My Business v4 API (``https://mybusiness.googleapis.com``): local posts.

- ``POST /v4/accounts/{account}/locations/{location}/localPosts`` with a LocalPost (``summary``,
  ``languageCode``, ``topicType``, ``callToAction {actionType, url}``, ``media [{mediaFormat, sourceUrl}]``);
  the answer is the post (``name``, ``state``, ``createTime``, ``searchUrl``). No idempotency key.
- ``GET .../localPosts`` (``pageSize`` <= 100, ``pageToken``; newest first), ``GET .../localPosts/{id}``,
  ``POST .../localPosts:reportInsights`` (``LOCAL_POST_VIEWS_SEARCH``, ``LOCAL_POST_ACTIONS_CALL_TO_ACTION``).
- ``POST /token``: Google's token endpoint (``oauth2.googleapis.com`` in production), the refresh grant.
- Errors are ``{"error": {"code", "message", "status", "details"}}``; 429 RESOURCE_EXHAUSTED carries a
  ``google.rpc.RetryInfo``. Locations are digits; one starting with "403" answers PERMISSION_DENIED (the
  user lost access to the profile).
- Summary (1,500 characters), one photo and the rate limits (10 edits a minute per profile, 300 requests a
  minute per project) are the catalogue's entry.
"""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox import oauth
from sandbox.gate import Reply, StateDep, admit, answer, bearer_token, read_params, token_owner
from sandbox.limits import limits
from sandbox.rules import violations
from sandbox.state import Post
from smmkit.catalogue import NetworkLimit
from smmkit.catalogue.spec import MediaKind

router = APIRouter()

READING, WRITING = limits("gbp", "read"), limits("gbp", "write")
ACTIONS = frozenset({"BOOK", "ORDER", "SHOP", "LEARN_MORE", "SIGN_UP", "CALL"})
TOPICS = frozenset({"STANDARD", "EVENT", "OFFER", "ALERT"})
_FORMATS: dict[str, MediaKind] = {"PHOTO": "image", "VIDEO": "video"}


def google_error(status: int, name: str, message: str, details: list[dict[str, Any]] | None = None) -> Response:
    return answer({"error": {"code": status, "message": message, "status": name, **({"details": details} if details
                                                                                     else {})}}, status)


class GbpDialect:
    network = "gbp"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return google_error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                            "access token, login cookie or other valid authentication credential.")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        name = (limit.name if limit else "requests per minute")
        return google_error(429, "RESOURCE_EXHAUSTED", f"Quota exceeded for quota metric '{name}'.", [
            {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": f"{max(1, math.ceil(retry_after_s))}s"}])

    def server_error(self) -> Response:
        return google_error(503, "UNAVAILABLE", "The service is currently unavailable.")


DIALECT = GbpDialect()


def _invalid(field: str, message: str) -> Reply:
    return Reply(google_error(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", [
        {"@type": "type.googleapis.com/google.mybusiness.v4.ValidationError",
         "errorDetails": [{"code": 3, "field": field, "message": message}]}]))


async def _caller(request: Request, account: str, location: str, *, write: bool) -> str:
    token = bearer_token(request)
    await admit(request, DIALECT, token=token, account=f"accounts/{account}/locations/{location}", write=write,
                limits=WRITING if write else READING)
    if not (account.isdigit() and location.isdigit()):
        raise Reply(google_error(404, "NOT_FOUND", "Requested entity was not found."))
    if location.startswith("403"):
        raise Reply(google_error(403, "PERMISSION_DENIED", "The caller does not have permission"))
    return token_owner(token or "")


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _local_post(post: Post) -> dict[str, Any]:
    body = {"name": post.external_id, "languageCode": post.extra.get("languageCode"), "summary": post.text,
            "topicType": post.extra["topicType"], "state": "LIVE", "createTime": _time(post.created_at),
            "updateTime": _time(post.created_at), "searchUrl": post.extra["searchUrl"]}
    if post.extra.get("callToAction"):
        body["callToAction"] = post.extra["callToAction"]
    if post.media:
        body["media"] = [{"name": f"{post.external_id}/media/{n}", "mediaFormat": "PHOTO", "sourceUrl": url,
                          "googleUrl": f"https://lh3.googleusercontent.com/p/{n}"} for n, url in enumerate(post.media)]
    return {k: v for k, v in body.items() if v is not None}


PREFIX = "/v4/accounts/{account}/locations/{location}/localPosts"


@router.post(PREFIX)
async def create_local_post(account: str, location: str, request: Request, state: StateDep) -> Response:
    await _caller(request, account, location, write=True)
    params = await read_params(request)
    summary, topic = str(params.get("summary") or ""), params.get("topicType")
    if topic not in TOPICS:
        raise _invalid("topic_type", "Topic type is required and must be one of STANDARD, EVENT, OFFER, ALERT.")
    action = params.get("callToAction")
    if action is not None:
        _check_action(action)
    media = params.get("media") or []
    if not isinstance(media, list) or any(not isinstance(m, dict) or m.get("mediaFormat") not in _FORMATS
                                          or not str(m.get("sourceUrl", "")).startswith(("http://", "https://"))
                                          for m in media):
        raise _invalid("media", "Each media item needs a mediaFormat (PHOTO or VIDEO) and a public sourceUrl.")
    for problem in violations("gbp", summary, [_FORMATS[m["mediaFormat"]] for m in media],
                              with_link=bool(action and action.get("url"))):
        if problem.rule in ("text_length", "text_required"):
            raise _invalid("summary", "Summary is required for a post without media."
                           if problem.rule == "text_required" else f"Summary exceeds {problem.limit} characters.")
        raise _invalid("media", "A local post takes one photo.")
    post_id = str(state.next_id("gbp") * 104729)
    name = f"accounts/{account}/locations/{location}/localPosts/{post_id}"
    lpsid = hashlib.sha256(name.encode()).hexdigest()[:16]
    post = state.add_post("gbp", f"accounts/{account}/locations/{location}", name, summary,
                          media=[str(m["sourceUrl"]) for m in media], link=(action or {}).get("url"), extra={
                              "topicType": topic, "callToAction": action, "languageCode": params.get("languageCode"),
                              "searchUrl": f"https://local.google.com/place?id={location}&use=posts&lpsid={lpsid}"})
    return answer(_local_post(post))


def _check_action(action: Any) -> None:
    if not isinstance(action, dict) or action.get("actionType") not in ACTIONS:
        raise _invalid("call_to_action.action_type", "Unknown or missing call to action type.")
    url = str(action.get("url") or "")
    if action["actionType"] == "CALL":
        if url:
            raise _invalid("call_to_action.url", "A CALL action takes no URL: it calls the business's phone number.")
    elif not url.startswith(("http://", "https://")):
        raise _invalid("call_to_action.url", "A call to action needs a valid URL.")


@router.get(PREFIX)
async def list_local_posts(account: str, location: str, request: Request, state: StateDep, pageSize: int = 20,
                           pageToken: str = "") -> Response:
    await _caller(request, account, location, write=False)
    if not 1 <= pageSize <= 100:
        raise _invalid("page_size", "Page size must be between 1 and 100.")
    posts = state.posts_of("gbp", f"accounts/{account}/locations/{location}")
    start = int(pageToken) if pageToken.isdigit() else 0
    page = posts[start:start + pageSize]
    body: dict[str, Any] = {"localPosts": [_local_post(p) for p in page]}
    if start + pageSize < len(posts):
        body["nextPageToken"] = str(start + pageSize)
    return answer(body)


@router.get(PREFIX + "/{post_id}")
async def get_local_post(account: str, location: str, post_id: str, request: Request, state: StateDep) -> Response:
    await _caller(request, account, location, write=False)
    post = state.post("gbp", f"accounts/{account}/locations/{location}/localPosts/{post_id}")
    if post is None:
        raise Reply(google_error(404, "NOT_FOUND", "Requested entity was not found."))
    return answer(_local_post(post))


@router.post(PREFIX + ":reportInsights")
async def report_insights(account: str, location: str, request: Request, state: StateDep) -> Response:
    await _caller(request, account, location, write=False)
    params = await read_params(request)
    names = params.get("localPostNames") or []
    if not isinstance(names, list) or not names or len(names) > 10:
        raise _invalid("local_post_names", "Between 1 and 10 local post names are required.")
    metrics_out = []
    for name in names:
        post = state.post("gbp", str(name))
        if post is None:
            continue
        engagement = state.engagement_of(post)
        end = datetime.now(UTC)
        time_dimension = {"timeRange": {"startTime": _time(post.created_at), "endTime": _time(end)}}
        metrics_out.append({"localPostName": name, "metricValues": [
            {"metric": metric, "totalValue": {"metricOption": "AGGREGATED_TOTAL", "timeDimension": time_dimension,
                                              "value": str(value)}}
            for metric, value in (("LOCAL_POST_VIEWS_SEARCH", engagement.impressions),
                                  ("LOCAL_POST_ACTIONS_CALL_TO_ACTION", engagement.clicks))]})
    return answer({"name": f"accounts/{account}/locations/{location}", "localPostMetrics": metrics_out})


@router.post("/token")
async def token(request: Request, state: StateDep) -> Response:
    """Google's refresh grant: a fresh access token for an hour; the refresh token is not rotated."""
    params = await read_params(request)
    await admit(request, DIALECT, token=None, account="", write=False, public=True)
    if params.get("grant_type") == "authorization_code":  # connecting an account (sandbox.oauth)
        return await oauth.exchange(request, "gbp", state, params)
    if not params.get("client_id") or not params.get("client_secret"):
        return answer({"error": "invalid_client", "error_description": "The OAuth client was not found."}, 401)
    refresh_token = str(params.get("refresh_token", ""))
    if params.get("grant_type") != "refresh_token":
        return answer({"error": "unsupported_grant_type", "error_description": "Invalid grant_type."}, 400)
    if not refresh_token.startswith("sbx-") or refresh_token.startswith("sbx-expired"):
        return answer({"error": "invalid_grant", "error_description": "Token has been expired or revoked."}, 400)
    n = state.next_id("gbp-token")
    return answer({"access_token": f"sbx-{token_owner(refresh_token)}.a{n}", "expires_in": 3599,
                   "scope": "https://www.googleapis.com/auth/business.manage", "token_type": "Bearer"})
