"""Bluesky XRPC: the PDS (``router``: com.atproto.*) and the AppView (``read_router``: app.bsky.* reads).

- createSession: any identifier, password starting with "sbx-"; the DID is derived from
  the identifier. refreshSession takes the refresh JWT as bearer token and rotates it; the old
  one still works for ``REFRESH_GRACE`` (answering the same next token), as on the reference PDS.
- Tokens as the reference PDS checks them: an expired access JWT is **400** ``ExpiredToken``, a
  bad one 400 ``InvalidToken``, none at all 401 ``AuthMissing``.
- Records are validated against the ``app.bsky.feed.post`` lexicon, in its words (400
  InvalidRequest "Invalid app.bsky.feed.post record: Record/..."): text within the catalogue's
  300 graphemes and 3,000 UTF-8 bytes, at most 4 images, each an uploaded blob within 1,000,000
  bytes (a bigger blob uploads fine; the record using it is refused), ``createdAt`` an atproto datetime.
  Writes answer ``validationStatus: "valid"``.
- Records (``app.bsky.feed.post`` only) keyed by rkey, which must be a valid TID.
  createRecord on an existing rkey answers **500 InternalServerError** and leaves the
  record alone (the reference PDS does this). putRecord with ``"swapRecord": null``
  creates if absent; on an existing key, an identical record is a no-op (200, no
  ``commit``) and a different one is 400 InvalidSwap. getRecord: 400 RecordNotFound.
- uploadBlob, app.bsky.feed.getPosts (engagement; deleted posts are simply absent, as
  on the AppView), app.bsky.actor.getProfile (followers).
- Rate limits (catalogue): 5,000 points per hour and 35,000 per day per account; a write costs 3.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from datetime import datetime, timedelta
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
from sandbox.limits import limits
from sandbox.rules import violations
from sandbox.state import Post, SandboxState, utc_now
from smmkit.catalogue import NetworkLimit, Violation

router = APIRouter(prefix="/xrpc")  # the PDS: com.atproto.*
read_router = APIRouter(prefix="/xrpc")  # the AppView (https://public.api.bsky.app): app.bsky.* reads

WRITING = limits("bluesky", "write")
COLLECTION = "app.bsky.feed.post"
# A rotated refresh JWT stays usable this long (REFRESH_GRACE_MS = 2 * HOUR in @atproto/pds), so a client
# whose refresh answer was lost can refresh again with the old token.
REFRESH_GRACE = timedelta(hours=2)
# atproto datetimes: RFC 3339 and ISO 8601 both, so seconds and a zone are required ("-00:00" is not allowed).
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,20})?(Z|[+-]\d{2}:\d{2})$")
_INVALID_RECORD = "Invalid app.bsky.feed.post record: "
_TID = re.compile(r"^[234567a-j][234567a-z]{12}$")
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def _error(status: int, name: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return answer({"error": name, "message": message}, status, headers)


class BlueskyDialect:
    network = "bluesky"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        # The PDS answers a token it cannot use with 400 (InvalidRequestError), only a missing one with 401.
        if missing:
            return _error(401, "AuthMissing", "Authentication Required")
        if expired:
            return _error(400, "ExpiredToken", "Token has expired")
        return _error(400, "InvalidToken", "Token could not be verified")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        limit = limit or WRITING[0]
        headers = {
            "RateLimit-Limit": str(limit.capacity),
            "RateLimit-Remaining": "0",
            "RateLimit-Policy": f"{limit.capacity};w={int(limit.window_s)}",
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
    did = "did:plc:" + token.removeprefix("sbx-").split(".")[0]
    if (rotated := state.rotated_tokens.get(token)) is not None:
        at, next_session = rotated
        if utc_now() - at > REFRESH_GRACE:
            return _error(400, "ExpiredToken", "Token has been revoked")
        # Within the grace period the PDS hands out the same next refresh token, with a fresh access token.
        return answer({**_session(state, did, _handle(state, did)), "refreshJwt": next_session["refreshJwt"]})
    session = _session(state, did, _handle(state, did))
    state.rotated_tokens[token] = (utc_now(), session)
    return answer(session)


def _handle(state: SandboxState, did: str) -> str:
    return (state.uploads.get(("bluesky-handle", did)) or {}).get(
        "handle", f"{did.removeprefix('did:plc:')}.sandbox.social"
    )


def _validate(state: SandboxState, params: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    repo, rkey, record = str(params.get("repo", "")), params.get("rkey"), params.get("record")
    if params.get("collection") != COLLECTION:
        raise Reply(_error(400, "InvalidRequest", "this sandbox stores app.bsky.feed.post records only"))
    if rkey is not None and not _TID.match(str(rkey)):
        raise Reply(_error(400, "InvalidRequest", f"Invalid record key: {rkey}. Invalid TID string"))
    if not isinstance(record, dict) or record.get("$type") != COLLECTION:
        raise _invalid_record(f"Record/$type must be {COLLECTION}")
    for name in ("text", "createdAt"):
        if not isinstance(record.get(name), str):
            raise _invalid_record(f'Record must have the property "{name}"')
    images = _images(record)
    if problems := violations("bluesky", record["text"], ["image"] * len(images)):
        raise _invalid_record(_lexicon_words(problems))
    if not _is_datetime(record["createdAt"]):
        raise _invalid_record("Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)")
    for n, image in enumerate(images):  # blobs are checked after the lexicon, one by one
        ref = image["image"]["ref"]["$link"]
        if (blob := state.uploads.get(("bluesky", ref))) is None:
            raise Reply(_error(400, "BlobNotFound", f"Could not find blob: {ref}"))
        if problems := violations("bluesky", "", ["image"], [blob["size"]]):
            size, most = problems[0].actual, problems[0].limit
            raise _invalid_record(f"Record/embed/images/{n}/image file too large: {size} > {most}")
    return repo, rkey, record


def _images(record: dict[str, Any]) -> list[dict[str, Any]]:
    embed = record.get("embed") or {}
    return (embed.get("images") or []) if embed.get("$type") == "app.bsky.embed.images" else []


def _lexicon_words(problems: list[Violation]) -> str:
    """What the lexicon validator says. It checks the text's maxLength (UTF-8 bytes, which it calls
    characters) before its graphemes, and the text before the embed."""
    problem = next((p for p in problems if p.rule == "text_bytes"), problems[0])
    if problem.rule == "text_bytes":
        return f"Record/text must not be longer than {problem.limit} characters"
    if problem.rule == "text_length":
        return f"Record/text must not be longer than {problem.limit} graphemes"
    return f"Record/embed/images must not have more than {problem.limit} elements"


def _invalid_record(message: str) -> Reply:
    return Reply(_error(400, "InvalidRequest", _INVALID_RECORD + message))


def _is_datetime(value: str) -> bool:
    if not _DATETIME.match(value) or value.endswith("-00:00"):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _store(state: SandboxState, repo: str, rkey: str, record: dict[str, Any]) -> dict[str, Any]:
    uri, cid = _uri(repo, rkey), _cid(record)
    images = _images(record)
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
    return _written(uri, cid, commit={"cid": _cid({"rev": rev}), "rev": rev})


def _written(uri: str, cid: str, **commit: Any) -> dict[str, Any]:
    """A write's answer: the record passed the lexicon (a no-op put has no commit)."""
    return {"uri": uri, "cid": cid, **commit, "validationStatus": "valid"}


async def _write(request: Request) -> dict[str, Any]:
    params = await read_params(request)
    await admit(
        request,
        DIALECT,
        token=bearer_token(request),
        account=str(params.get("repo", "")),
        write=True,
        limits=WRITING,
    )
    return params


@router.post("/com.atproto.repo.createRecord")
async def create_record(request: Request, state: StateDep) -> Response:
    params = await _write(request)
    repo, rkey, record = _validate(state, params)
    rkey = rkey or _new_tid(state)
    if state.post("bluesky", _uri(repo, rkey)) is not None:
        return DIALECT.server_error()  # what the reference PDS answers on a taken rkey
    return answer(_store(state, repo, rkey, record))


@router.post("/com.atproto.repo.putRecord")
async def put_record(request: Request, state: StateDep) -> Response:
    params = await _write(request)
    repo, rkey, record = _validate(state, params)
    if rkey is None:
        return _error(400, "InvalidRequest", 'Params must have the property "rkey"')
    existing = state.post("bluesky", _uri(repo, rkey))
    if existing is not None and "swapRecord" in params and params["swapRecord"] is None:
        if existing.extra["record"] == record:
            return answer(_written(existing.external_id, existing.extra["cid"]))
        return _error(400, "InvalidSwap", f"Record was at {existing.extra['cid']}")
    if existing is not None:  # a plain put replaces the record
        existing.text, existing.extra["record"], existing.extra["cid"] = (
            str(record.get("text", "")),
            record,
            _cid(record),
        )
        return answer(_written(existing.external_id, existing.extra["cid"]))
    return answer(_store(state, repo, rkey, record))


@router.get("/com.atproto.repo.getRecord")
async def get_record(request: Request, state: StateDep, repo: str, collection: str, rkey: str) -> Response:
    await admit(request, DIALECT, token=bearer_token(request), account=repo, write=False, public=True)
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
    # Any size is stored; the lexicon refuses a record whose image blob is too large.
    state.uploads[("bluesky", ref)] = {"size": len(content), "mimeType": mime}
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
