"""X API v2, ``/2/...`` (``https://api.x.com``).

The account is the token's owner ("sbx-42" -> user id "42"). Like X, the stored text has
every URL replaced by a t.co link (``entities.urls`` keeps the expanded URL), and a post
with media gets one more t.co link at the end, pointing at the media. Identical text
from the same account within 24 h is refused: 403 "duplicate content". A missing tweet
is HTTP 200 with an ``errors`` array, as on X.
Text and media are checked against the catalogue's X entry (weighted length, 4 images or one
video or GIF); its rate limit (``POST /2/tweets`` 100 per 15 minutes per user) too. OAuth 2
refresh tokens rotate.
"""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import (
    Reply,
    StateDep,
    admit,
    answer,
    bearer_token,
    read_params,
    token_owner,
)
from sandbox import oauth
from sandbox.limits import limits
from sandbox.rules import media_kind, violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit
from smmkit.catalogue.text import find_urls

router = APIRouter(prefix="/2")

POSTING = limits("x", "write")
DUPLICATE_WINDOW = timedelta(hours=24)
_WORDS = {"text_required": "You must provide text or media", "text_length": "Your Tweet text is too long."}
_CATEGORY_KINDS = {"tweet_image": "image", "tweet_gif": "gif", "tweet_video": "video"}


def _problem(
    status: int, title: str, detail: str, type_: str = "about:blank", headers: dict[str, str] | None = None
) -> Response:
    return answer({"title": title, "detail": detail, "type": type_, "status": status}, status, headers)


def _invalid(message: str) -> Reply:
    return Reply(
        answer(
            {
                "errors": [{"message": message}],
                "title": "Invalid Request",
                "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.twitter.com/2/problems/invalid-request",
            },
            400,
        )
    )


class XDialect:
    network = "x"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return _problem(401, "Unauthorized", "Unauthorized")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        headers = {
            "x-rate-limit-limit": str((limit or POSTING[0]).capacity),
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(int(time.time() + retry_after_s + 0.999)),
        }
        return _problem(429, "Too Many Requests", "Too Many Requests", headers=headers)

    def server_error(self) -> Response:
        return _problem(503, "Service Unavailable", "Service Unavailable")


DIALECT = XDialect()


async def _caller(request: Request, *, write: bool, spends: tuple[NetworkLimit, ...] = ()) -> str:
    token = bearer_token(request)
    account = token_owner(token) if token else ""
    await admit(request, DIALECT, token=token, account=account, write=write, limits=spends)
    return account


def _shorten(text: str, tweet_id: str, has_media: bool) -> tuple[str, list[dict[str, Any]]]:
    """Replace URLs by t.co links, as X does, and append the media link."""
    out, entities, last = "", [], 0
    for start, end in find_urls(text):
        url = text[start:end]
        tco = "https://t.co/" + hashlib.sha256(url.encode()).hexdigest()[:10]
        out += text[last:start]
        entities.append(
            {
                "start": len(out),
                "end": len(out) + len(tco),
                "url": tco,
                "expanded_url": url,
                "display_url": url.split("://", 1)[1][:25],
            }
        )
        out += tco
        last = end
    out += text[last:]
    if has_media:
        tco = "https://t.co/m" + tweet_id[-9:]
        out = f"{out} {tco}" if out else tco
        entities.append(
            {
                "start": len(out) - len(tco),
                "end": len(out),
                "url": tco,
                "media_key": f"3_{tweet_id}",
                "expanded_url": f"https://x.com/i/web/status/{tweet_id}/photo/1",
                "display_url": "pic.x.com",
            }
        )
    return out, entities


def _tweet(state: SandboxState, post: Post, fields: str) -> dict[str, Any]:
    tweet = {"id": post.external_id, "text": post.extra["text"], "edit_history_tweet_ids": [post.external_id]}
    if "created_at" in fields:
        tweet["created_at"] = post.created_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if "entities" in fields and post.extra["entities"]:
        tweet["entities"] = {"urls": post.extra["entities"]}
    if "public_metrics" in fields:
        e = state.engagement_of(post)
        tweet["public_metrics"] = {
            "retweet_count": e.shares,
            "reply_count": e.comments,
            "like_count": e.likes,
            "quote_count": e.quotes,
            "bookmark_count": e.saves,
            "impression_count": e.impressions,
        }
    return tweet


@router.post("/tweets")
async def create_tweet(request: Request, state: StateDep) -> Response:
    account = await _caller(request, write=True, spends=POSTING)
    params = await read_params(request)
    text = str(params.get("text", ""))
    media_ids = [str(m) for m in (params.get("media") or {}).get("media_ids", [])]
    if any(("x", m) not in state.uploads for m in media_ids):
        raise _invalid("Your media IDs are invalid.")
    if problems := violations("x", text, [state.uploads[("x", m)]["kind"] for m in media_ids]):
        raise _invalid(_WORDS.get(problems[0].rule, problems[0].detail))
    since = datetime.now(UTC) - DUPLICATE_WINDOW
    if any(p.text == text and p.created_at >= since for p in state.posts_of("x", account)):
        return _problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
    tweet_id = str(1_800_000_000_000_000_000 + state.next_id("x"))
    shown, entities = _shorten(text, tweet_id, bool(media_ids))
    state.add_post(
        "x",
        account,
        tweet_id,
        text,
        media=[state.uploads[("x", m)]["source"] for m in media_ids],
        extra={"text": shown, "entities": entities},
    )
    return answer({"data": {"id": tweet_id, "text": shown, "edit_history_tweet_ids": [tweet_id]}}, 201)


@router.get("/tweets/{tweet_id}")
async def get_tweet(tweet_id: str, request: Request, state: StateDep) -> Response:
    await _caller(request, write=False)
    post = state.post("x", tweet_id)
    if post is None:
        return answer(
            {
                "errors": [
                    {
                        "value": tweet_id,
                        "detail": f"Could not find tweet with id: [{tweet_id}].",
                        "title": "Not Found Error",
                        "resource_type": "tweet",
                        "parameter": "id",
                        "resource_id": tweet_id,
                        "type": "https://api.twitter.com/2/problems/resource-not-found",
                    }
                ]
            }
        )
    return answer({"data": _tweet(state, post, request.query_params.get("tweet.fields", ""))})


@router.delete("/tweets/{tweet_id}")
async def delete_tweet(tweet_id: str, request: Request, state: StateDep) -> Response:
    account = await _caller(request, write=True)
    post = state.post("x", tweet_id)
    if post is not None and post.account == account:
        post.deleted = True
    return answer({"data": {"deleted": post is not None}})


@router.get("/users/{user_id}/tweets")
async def user_tweets(user_id: str, request: Request, state: StateDep) -> Response:
    await _caller(request, write=False)
    count = min(int(request.query_params.get("max_results", 10)), 100)
    posts = state.posts_of("x", user_id)
    if start_time := request.query_params.get("start_time"):  # ISO 8601, as X takes it
        since = datetime.fromisoformat(start_time.replace("Z", "+00:00"))
        posts = [p for p in posts if p.created_at >= since]
    tweets = [_tweet(state, p, request.query_params.get("tweet.fields", "")) for p in posts[:count]]
    meta: dict[str, Any] = {"result_count": len(tweets)}
    if tweets:
        meta.update(newest_id=tweets[0]["id"], oldest_id=tweets[-1]["id"])
    return answer({"data": tweets, "meta": meta} if tweets else {"meta": meta})


@router.get("/users/{user_id}")
async def get_user(user_id: str, request: Request, state: StateDep) -> Response:
    account = await _caller(request, write=False)
    user_id = account if user_id == "me" else user_id
    metrics = {
        "followers_count": state.followers_of("x", user_id),
        "following_count": 120,
        "tweet_count": len(state.posts_of("x", user_id)),
        "listed_count": 3,
    }
    return answer(
        {"data": {"id": user_id, "name": f"User {user_id}", "username": f"user{user_id}", "public_metrics": metrics}}
    )


@router.post("/media/upload")
async def upload_media(request: Request, state: StateDep) -> Response:
    await _caller(request, write=True)
    form = await request.form()
    media = form.get("media")
    if media is None or isinstance(media, str):
        raise _invalid("media is required")
    media_id = str(1_900_000_000_000_000_000 + state.next_id("x-media"))
    content = await media.read()
    kind = _CATEGORY_KINDS.get(str(form.get("media_category"))) or media_kind(media.content_type or "")
    state.uploads[("x", media_id)] = {"source": media.filename or media_id, "size": len(content), "kind": kind}
    return answer(
        {"data": {"id": media_id, "media_key": f"3_{media_id}", "size": len(content), "expires_after_secs": 86400}}
    )


@router.post("/oauth2/token")
async def token(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    if params.get("grant_type") == "authorization_code":  # connecting an account (sandbox.oauth)
        return await oauth.exchange(request, "x", state, params)
    refresh_token = str(params.get("refresh_token", ""))
    await admit(request, DIALECT, token=None, account=token_owner(refresh_token), write=True, public=True)
    if params.get("grant_type") != "refresh_token" or (
        not params.get("client_id") and "authorization" not in request.headers
    ):
        return answer({"error": "invalid_request", "error_description": "Missing required parameter."}, 400)
    if (
        not refresh_token.startswith("sbx-")
        or refresh_token.startswith("sbx-expired")
        or refresh_token in state.used_tokens
    ):
        return answer({"error": "invalid_request", "error_description": "Value passed for the token was invalid."}, 400)
    state.used_tokens.add(refresh_token)  # X rotates refresh tokens: this one is now spent
    owner, n = token_owner(refresh_token), state.next_id("x-token")
    return answer(
        {
            "token_type": "bearer",
            "expires_in": 7200,
            "access_token": f"sbx-{owner}.a{n}",
            "scope": "tweet.read tweet.write users.read offline.access",
            "refresh_token": f"sbx-{owner}.r{n}",
        }
    )
