"""Bluesky XRPC: the PDS (``router``: com.atproto.*) and the AppView (``read_router``: app.bsky.* reads).

- createSession: any identifier, password starting with "sbx-"; the DID is derived from
  the identifier. refreshSession takes the refresh JWT as bearer token; reusing a rotated one
  gets the same session again (the PDS's grace period). A bad or expired JWT is 400
  InvalidToken / ExpiredToken, as on the PDS.
- Records (``app.bsky.feed.post`` only) keyed by rkey, which must be a valid TID.
  createRecord on an existing rkey answers **500 InternalServerError** and leaves the
  record alone (the reference PDS does this). putRecord with ``"swapRecord": null``
  creates if absent; on an existing key, an identical record is a no-op (200, no
  ``commit``) and a different one is 400 InvalidSwap. getRecord: 400 RecordNotFound.
- uploadBlob, app.bsky.feed.getPosts (engagement; deleted posts are simply absent, as
  on the AppView), app.bsky.actor.getProfile (followers).
- Budget: 5,000 points per hour per account; a write costs 3 points.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.gate import (
    Reply,
    StateDep,
    admit,
    answer,
    bearer_token,
    check_token,
    read_params,
)
from sandbox.limits import Budget
from sandbox.state import Post, SandboxState

router = APIRouter(prefix="/xrpc")  # the PDS: com.atproto.*
read_router = APIRouter(prefix="/xrpc")  # the AppView (https://public.api.bsky.app): app.bsky.* reads

POINTS = Budget("points per hour", capacity=5000, window_s=3600)
WRITE_POINTS = Budget("points per hour", capacity=5000, window_s=3600, cost=3)
COLLECTION = "app.bsky.feed.post"
TEXT_LIMIT = 300
_TID = re.compile(r"^[234567a-j][234567a-z]{12}$")
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def _error(status: int, name: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return answer({"error": name, "message": message}, status, headers)


class BlueskyDialect:
    network = "bluesky"

    def unauthorized(self, *, expired: bool) -> Response:
        # The PDS answers an expired or unverifiable JWT with 400, not 401.
        if expired:
            return _error(400, "ExpiredToken", "Token has expired")
        return _error(400, "InvalidToken", "Token could not be verified")

    def rate_limited(self, retry_after_s: float, account: str, budget: Budget | None = None) -> Response:
        headers = {
            "RateLimit-Limit": "5000",
            "RateLimit-Remaining": "0",
            "RateLimit-Policy": "5000;w=3600",
            "RateLimit-Reset": str(int(time.time() + retry_after_s + 0.999)),
        }
        return _error(429, "RateLimitExceeded", "Rate Limit Exceeded", headers)

    def server_error(self) -> Response:
        return _error(500, "InternalServerError", "Internal Server Error")


DIALECT = BlueskyDialect()


def did_for(identifier: str) -> str:
    digest = base64.b32encode(hashlib.sha256(identifier.encode()).digest()).decode().lower()
    return f"did:plc:{digest[:24]}"


def _cid(record: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).digest()
    return "bafyrei" + base64.b32encode(digest).decode().lower().rstrip("=")[:52]


def _new_tid(state: SandboxState) -> str:
    value = (int(time.time() * 1_000_000) << 10) | (state.next_id("bluesky-clock") & 0x3FF)
    return "".join(_TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def _uri(did: str, rkey: str) -> str:
    return f"at://{did}/{COLLECTION}/{rkey}"


def _session(state: SandboxState, did: str, handle: str) -> dict[str, Any]:
    n = state.next_id("bluesky-session")
    owner = did.removeprefix("did:plc:")
    return {
        "did": did,
        "handle": handle,
        "accessJwt": f"sbx-{owner}.a{n}",
        "refreshJwt": f"sbx-{owner}.r{n}",
        "active": True,
    }


@router.post("/com.atproto.server.createSession")
async def create_session(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    identifier, password = str(params.get("identifier", "")), str(params.get("password", ""))
    if not password.startswith("sbx-") or password.startswith("sbx-expired"):
        return _error(401, "AuthenticationRequired", "Invalid identifier or password")
    did = identifier if identifier.startswith("did:") else did_for(identifier)
    state.uploads[("bluesky-handle", did)] = {"handle": identifier}
    return answer(_session(state, did, identifier))


@router.post("/com.atproto.server.refreshSession")
async def refresh_session(request: Request, state: StateDep) -> Response:
    token = check_token(DIALECT, bearer_token(request))
    # A rotated refresh JWT stays usable for a grace period (2 h on the PDS), and its reuse gets
    # the same next refresh JWT: two clients refreshing at once both keep a working session.
    rotated = state.uploads.get(("bluesky-rotated", token))
    if rotated is None:
        did = "did:plc:" + token.removeprefix("sbx-").split(".")[0]
        rotated = state.uploads[("bluesky-rotated", token)] = _session(state, did, _handle(state, did))
    return answer(rotated)


def _handle(state: SandboxState, did: str) -> str:
    return (state.uploads.get(("bluesky-handle", did)) or {}).get(
        "handle", f"{did.removeprefix('did:plc:')}.sandbox.social"
    )


def _validate(params: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    repo, rkey, record = str(params.get("repo", "")), params.get("rkey"), params.get("record")
    if params.get("collection") != COLLECTION:
        raise Reply(_error(400, "InvalidRequest", "this sandbox stores app.bsky.feed.post records only"))
    if rkey is not None and not _TID.match(str(rkey)):
        raise Reply(_error(400, "InvalidRequest", f"Invalid record key: {rkey}. Invalid TID string"))
    if not isinstance(record, dict) or record.get("$type") != COLLECTION or "createdAt" not in record:
        raise Reply(
            _error(
                400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record must have $type, text and createdAt"
            )
        )
    if len(str(record.get("text", ""))) > TEXT_LIMIT:
        raise Reply(
            _error(
                400,
                "InvalidRequest",
                f"Invalid app.bsky.feed.post record: Record/text must not be longer than {TEXT_LIMIT} graphemes",
            )
        )
    return repo, rkey, record


def _store(state: SandboxState, repo: str, rkey: str, record: dict[str, Any]) -> dict[str, Any]:
    uri, cid = _uri(repo, rkey), _cid(record)
    images = (record.get("embed") or {}).get("images") or []
    external = ((record.get("embed") or {}).get("external") or {}).get("uri")
    state.add_post(
        "bluesky",
        repo,
        uri,
        str(record.get("text", "")),
        idempotency_key=rkey,
        link=external,
        media=[i["image"]["ref"]["$link"] for i in images],
        extra={"record": record, "cid": cid, "rkey": rkey},
    )
    rev = _new_tid(state)
    return {"uri": uri, "cid": cid, "commit": {"cid": _cid({"rev": rev}), "rev": rev}, "validationStatus": "valid"}


async def _write(request: Request) -> dict[str, Any]:
    params = await read_params(request)
    await admit(
        request,
        DIALECT,
        token=bearer_token(request),
        account=str(params.get("repo", "")),
        write=True,
        budgets=[WRITE_POINTS],
    )
    return params


@router.post("/com.atproto.repo.createRecord")
async def create_record(request: Request, state: StateDep) -> Response:
    repo, rkey, record = _validate(await _write(request))
    rkey = rkey or _new_tid(state)
    if state.post("bluesky", _uri(repo, rkey)) is not None:
        return DIALECT.server_error()  # what the reference PDS answers on a taken rkey
    return answer(_store(state, repo, rkey, record))


@router.post("/com.atproto.repo.putRecord")
async def put_record(request: Request, state: StateDep) -> Response:
    params = await _write(request)
    repo, rkey, record = _validate(params)
    if rkey is None:
        return _error(400, "InvalidRequest", 'Params must have the property "rkey"')
    existing = state.post("bluesky", _uri(repo, rkey))
    if existing is not None and "swapRecord" in params and params["swapRecord"] is None:
        if existing.extra["record"] == record:  # the PDS answers this no-op without a commit
            return answer({"uri": existing.external_id, "cid": existing.extra["cid"], "validationStatus": "valid"})
        return _error(400, "InvalidSwap", f"Record was at {existing.extra['cid']}")
    if existing is not None:  # a plain put replaces the record
        existing.text, existing.extra["record"], existing.extra["cid"] = (
            str(record.get("text", "")),
            record,
            _cid(record),
        )
        return answer({"uri": existing.external_id, "cid": existing.extra["cid"], "validationStatus": "valid"})
    return answer(_store(state, repo, rkey, record))


@router.get("/com.atproto.repo.getRecord")
async def get_record(request: Request, state: StateDep, repo: str, collection: str, rkey: str) -> Response:
    await admit(request, DIALECT, token=bearer_token(request), account=repo, write=False, public=True, budgets=[POINTS])
    post = state.post("bluesky", _uri(repo, rkey))
    if post is None:
        return _error(400, "RecordNotFound", f"Could not locate record: {_uri(repo, rkey)}")
    return answer({"uri": post.external_id, "cid": post.extra["cid"], "value": post.extra["record"]})


@router.post("/com.atproto.repo.uploadBlob")
async def upload_blob(request: Request, state: StateDep) -> Response:
    token = bearer_token(request)
    await admit(request, DIALECT, token=token, account="", write=True)
    content = await request.body()
    ref = "bafkrei" + base64.b32encode(hashlib.sha256(content).digest()).decode().lower().rstrip("=")[:52]
    mime = request.headers.get("content-type", "application/octet-stream")
    return answer({"blob": {"$type": "blob", "ref": {"$link": ref}, "mimeType": mime, "size": len(content)}})


def _post_view(state: SandboxState, post: Post) -> dict[str, Any]:
    engagement = state.engagement_of(post)
    return {
        "uri": post.external_id,
        "cid": post.extra["cid"],
        "author": {"did": post.account, "handle": _handle(state, post.account)},
        "record": post.extra["record"],
        "indexedAt": post.created_at.isoformat().replace("+00:00", "Z"),
        "likeCount": engagement.likes,
        "repostCount": engagement.shares,
        "replyCount": engagement.comments,
        "quoteCount": engagement.quotes,
    }


@router.api_route("/app.bsky.{method}", methods=["GET", "POST"])
async def not_on_the_pds(method: str) -> Response:
    """A bare PDS does not serve app.bsky.* reads; the AppView does."""
    return _error(400, "InvalidRequest", f"No service configured for app.bsky.{method}")


@read_router.get("/app.bsky.feed.getPosts")
async def get_posts(request: Request, state: StateDep) -> Response:
    uris = request.query_params.getlist("uris")
    await admit(request, DIALECT, token=None, account="", write=False, public=True)
    return answer({"posts": [_post_view(state, p) for uri in uris if (p := state.post("bluesky", uri))]})


@read_router.get("/app.bsky.actor.getProfile")
async def get_profile(request: Request, state: StateDep, actor: str) -> Response:
    await admit(request, DIALECT, token=None, account=actor, write=False, public=True)
    did = actor if actor.startswith("did:") else did_for(actor)
    return answer(
        {
            "did": did,
            "handle": _handle(state, did),
            "followersCount": state.followers_of("bluesky", did),
            "followsCount": 150,
            "postsCount": len(state.posts_of("bluesky", did)),
        }
    )
