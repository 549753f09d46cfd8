"""Mastodon REST API (an instance, e.g. ``https://mastodon.social``).

The account is the token's owner ("sbx-42" -> account id "42"). Statuses come back as
HTML, like a real instance (paragraphs, ``<br />``, links wrapped in spans).
``Idempotency-Key`` is remembered for an hour per account and a repeat returns the
original status. Images are processed at once (200); videos answer 202 and are ready
after one poll of ``GET /api/v1/media/:id`` (206 first, then 200).
Text, media and rate limits are the catalogue's Mastodon entry: 500 characters (a URL counts 23),
4 attachments (a video alone), 300 requests per 5 minutes, 30 media uploads per 30 minutes.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import langcodes
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
from sandbox.limits import limits
from sandbox.rules import media_kind, violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit, Violation, spec

router = APIRouter()

REQUESTS, UPLOADS = limits("mastodon"), limits("mastodon", "upload")
IDEMPOTENCY_TTL = timedelta(hours=1)
_TYPES = {"image": "image", "gif": "gifv", "video": "video"}  # GIFs are converted and played as "gifv"
_URL = re.compile(r"(https?://)([^\s<]+)")


class MastodonDialect:
    network = "mastodon"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return answer({"error": "The access token was revoked" if expired else "The access token is invalid"}, 401)

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        reset = datetime.now(UTC) + timedelta(seconds=retry_after_s)
        headers = {
            "X-RateLimit-Limit": str((limit or REQUESTS[0]).capacity),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": reset.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
        return answer({"error": "Too many requests"}, 429, headers)

    def server_error(self) -> Response:
        return answer({"error": "We're sorry, but something went wrong on our end."}, 500)


DIALECT = MastodonDialect()


def to_html(text: str) -> str:
    """Render text the way Mastodon does: paragraphs, line breaks, linked URLs."""

    def paragraph(chunk: str) -> str:
        escaped = html.escape(chunk).replace("\n", "<br />")
        return _URL.sub(
            lambda m: (
                f'<a href="{m.group(0)}" rel="nofollow noopener noreferrer" target="_blank">'
                f'<span class="invisible">{m.group(1)}</span><span class="">{m.group(2)}</span>'
                f'<span class="invisible"></span></a>'
            ),
            escaped,
        )

    return "".join(f"<p>{paragraph(chunk)}</p>" for chunk in re.split(r"\n{2,}", text.strip()) if chunk)


async def _caller(request: Request, *, write: bool, spends: tuple[NetworkLimit, ...] = REQUESTS) -> str:
    token = bearer_token(request)
    account = token_owner(token) if token else ""
    await admit(request, DIALECT, token=token, account=account, write=write, limits=spends)
    return account


def _account(state: SandboxState, account: str) -> dict[str, Any]:
    return {
        "id": account,
        "username": f"user{account}",
        "acct": f"user{account}",
        "followers_count": state.followers_of("mastodon", account),
    }


def _status(state: SandboxState, post: Post) -> dict[str, Any]:
    engagement = state.engagement_of(post)
    return {
        "id": post.external_id,
        "created_at": post.created_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "url": f"https://sandbox.social/@user{post.account}/{post.external_id}",
        "uri": f"https://sandbox.social/users/user{post.account}/statuses/{post.external_id}",
        "content": to_html(post.text),
        "visibility": post.extra.get("visibility", "public"),
        "language": post.extra.get("language", DEFAULT_LANGUAGE),
        "media_attachments": post.extra.get("attachments", []),
        "favourites_count": engagement.likes,
        "reblogs_count": engagement.shares,
        "replies_count": engagement.comments,
        "account": _account(state, post.account),
    }


def _not_found() -> Reply:
    return Reply(answer({"error": "Record not found"}, 404))


# What an instance takes as a status language (LanguagesHelper::SUPPORTED_LOCALES): ISO 639-1 codes,
# a few ISO 639-3 ones and regional Chinese. Anything else is not refused: PostStatusService takes
# valid_locale_cascade(language, the user's posting language, the instance default), "en" here.
DEFAULT_LANGUAGE = "en"
_ISO_639_3 = {"ast", "chr", "ckb", "cnr", "jbo", "kab", "ldn", "lfn", "sco", "sma", "smj", "szl", "tok", "xal",
              "zba", "zgh"}
_REGIONAL = {"zh-CN", "zh-HK", "zh-TW", "zh-YUE"}


def _supported_locale(code: str) -> bool:
    if code in _ISO_639_3 or code in _REGIONAL:
        return True
    # ISO 639-1: the two-letter language subtags in their current (not deprecated) form
    return (len(code) == 2 and code.isalpha() and code.islower() and langcodes.tag_is_valid(code)
            and langcodes.standardize_tag(code) == code)


def _status_language(raw: Any) -> str:
    """Mastodon's valid_locale_or_nil: the code as given, else its part before ``-``/``_``, else the default."""
    if isinstance(raw, str) and raw:
        if _supported_locale(raw):
            return raw
        code = re.split(r"[_-]", raw, maxsplit=1)[0]
        if code and _supported_locale(code):
            return code
    return DEFAULT_LANGUAGE


@router.post("/api/v1/statuses")
async def create_status(request: Request, state: StateDep) -> Response:
    account = await _caller(request, write=True)
    key = request.headers.get("Idempotency-Key")
    if key and (earlier := state.recall_key("mastodon", account, key, IDEMPOTENCY_TTL)):
        return answer(_status(state, earlier))
    params = await read_params(request)
    text = str(params.get("status", ""))
    media_ids = params.get("media_ids") or params.get("media_ids[]") or []
    media_ids = [media_ids] if isinstance(media_ids, str) else [str(m) for m in media_ids]
    attachments = [state.uploads.get(("mastodon", m)) for m in media_ids]
    if any(a is None or a["account"] != account for a in attachments):
        return answer({"error": "Validation failed: Media attachments are not yours or do not exist"}, 422)
    if problems := violations("mastodon", text, [a["kind"] for a in attachments]):
        return answer({"error": _refusal(problems[0])}, 422)
    if any(a["url"] is None for a in attachments):
        return answer({"error": "Cannot attach files that have not finished processing. Try again in a moment!"}, 422)
    public = [{k: a[k] for k in ("id", "type", "url")} for a in attachments]
    post = state.add_post(
        "mastodon",
        account,
        str(state.next_id("mastodon")),
        text,
        idempotency_key=key,
        media=[a["source"] for a in attachments],
        extra={"visibility": params.get("visibility", "public"), "attachments": public,
               "language": _status_language(params.get("language"))},
    )
    if key:
        state.remember_key("mastodon", account, key, post)
    return answer(_status(state, post))


@router.get("/api/v1/statuses/{status_id}")
async def get_status(status_id: str, request: Request, state: StateDep) -> Response:
    if bearer_token(request):  # public statuses are readable without a token, as on a real instance
        await _caller(request, write=False)
    post = state.post("mastodon", status_id)
    if post is None:
        raise _not_found()
    return answer(_status(state, post))


@router.get("/api/v1/accounts/verify_credentials")
async def verify_credentials(request: Request, state: StateDep) -> Response:
    return answer(_account(state, await _caller(request, write=False)))


@router.get("/api/v1/accounts/{account_id}")
async def get_account(account_id: str, request: Request, state: StateDep) -> Response:
    await _caller(request, write=False)
    return answer(_account(state, account_id))


@router.get("/api/v1/accounts/{account_id}/statuses")
async def account_statuses(account_id: str, request: Request, state: StateDep, limit: int = 20) -> Response:
    await _caller(request, write=False)
    return answer([_status(state, p) for p in state.posts_of("mastodon", account_id)[: min(limit, 40)]])


@router.post("/api/v2/media")
async def upload_media(request: Request, state: StateDep) -> Response:
    account = await _caller(request, write=True, spends=UPLOADS)
    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        return answer({"error": "Validation failed: File can't be blank"}, 422)
    media_id = str(state.next_id("mastodon-media"))
    kind = media_kind(upload.content_type or "application/octet-stream")
    if kind == "document":
        return answer({"error": "Validation failed: File content type is invalid, File file type is invalid"}, 422)
    url = f"https://files.sandbox.social/media/{media_id}"
    state.uploads[("mastodon", media_id)] = {
        "id": media_id,
        "account": account,
        "kind": kind,
        "type": _TYPES[kind],
        "source": upload.filename or media_id,
        "url": None if kind == "video" else url,
        "pending_url": url,
    }
    attachment = state.uploads[("mastodon", media_id)]
    body = {
        "id": media_id,
        "type": attachment["type"],
        "url": attachment["url"],
        "preview_url": attachment["url"],
        "description": None,
    }
    return answer(body, 202 if kind == "video" else 200)


@router.get("/api/v1/media/{media_id}")
async def get_media(media_id: str, request: Request, state: StateDep) -> Response:
    await _caller(request, write=False)
    attachment = state.uploads.get(("mastodon", media_id))
    if attachment is None:
        raise _not_found()
    body = {"id": media_id, "type": attachment["type"], "url": attachment["url"], "description": None}
    if attachment["url"] is None:  # processing finishes after the first poll
        attachment["url"] = attachment["pending_url"]
        return answer(body, 206)
    return answer(body)


def _refusal(problem: Violation) -> str:
    """Mastodon's words: a model validation for the text, its own messages for attachments."""
    if problem.rule == "text_required":
        return "Validation failed: Text can't be blank"
    if problem.rule == "text_length":
        return f"Validation failed: Text character limit of {problem.limit} exceeded"
    if problem.rule == "media_count" and problem.actual > (most := spec("mastodon").media.max_items):
        return f"Cannot attach more than {most} files"
    return "Cannot attach a video to a post that already contains images"  # a video goes alone
