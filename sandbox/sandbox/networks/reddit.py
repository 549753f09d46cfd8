"""Reddit's Data API (``https://oauth.reddit.com``), with its token endpoint (``www.reddit.com`` in production).

- ``POST /api/submit`` (form: ``sr``, ``kind`` self|link, ``title``, ``text`` | ``url``, ``flair_id``,
  ``api_type=json``): refusals come with HTTP 200 as ``{"json": {"errors": [[CODE, message, field]]}}``;
  a success is ``{"json": {"errors": [], "data": {"id", "name", "url"}}}``. No idempotency key.
- Reads: ``GET /api/v1/me``, ``/user/{name}/submitted``, ``/api/info?id=t3_...``, ``/r/{sub}/about``,
  ``/r/{sub}/api/link_flair_v2``, ``/api/v1/{sub}/post_requirements``. Listings escape ``& < >`` in
  text as HTML entities unless ``raw_json=1``, like Reddit's legacy JSON.
- The user is the token's owner ("sbx-u7" -> u/u7). Subreddits are made up on demand: names starting
  with "flair" require post flair (templates "Announcement" and "Discussion"), names starting with
  "private" refuse submissions (SUBREDDIT_NOTALLOWED), invalid names do not exist.
- A deleted post stays in ``/api/info`` with author "[deleted]", as on Reddit.
- Title (300 characters), body and media rules are the catalogue's Reddit entry, checked on the post as
  "title\\nbody"; the rate limit is its 1,000 requests per 10 minutes per client (``X-Ratelimit-*``).
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox import oauth
from sandbox.gate import StateDep, admit, answer, bearer_token, read_params, token_owner
from sandbox.limits import limits
from sandbox.rules import violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit, spec

router = APIRouter()

REQUESTS = limits("reddit")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{2,20}$")
_FLAIRS = ("Announcement", "Discussion")


class RedditDialect:
    network = "reddit"

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        return answer({"message": "Unauthorized", "error": 401}, 401, {"www-authenticate": 'Bearer realm="reddit"'})

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        capacity = (limit or REQUESTS[0]).capacity
        headers = {"X-Ratelimit-Used": str(capacity), "X-Ratelimit-Remaining": "0.0",
                   "X-Ratelimit-Reset": str(max(1, math.ceil(retry_after_s)))}
        return answer({"message": "Too Many Requests", "error": 429}, 429, headers)

    def server_error(self) -> Response:
        return answer({"message": "Internal Server Error", "error": 500}, 500)


DIALECT = RedditDialect()


def _json_errors(code: str, message: str, field: str | None, **extra: Any) -> Response:
    return answer({"json": {"errors": [[code, message, field]], **extra}})


async def _caller(request: Request, *, write: bool, subreddit: str = "") -> str:
    token = bearer_token(request)
    await admit(request, DIALECT, token=token, account=subreddit, write=write, limits=REQUESTS)
    return token_owner(token or "")


def flair_templates(subreddit: str) -> list[dict[str, Any]]:
    if not subreddit.lower().startswith("flair"):
        return []
    return [{"id": _flair_id(subreddit, text), "text": text, "type": "text", "mod_only": False,
             "text_editable": False, "background_color": "", "text_color": "dark"} for text in _FLAIRS]


def _flair_id(subreddit: str, text: str) -> str:
    digest = hashlib.sha256(f"{subreddit.lower()}/{text}".encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out or "0"


@router.post("/api/submit")
async def submit(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    subreddit = str(params.get("sr", "")).removeprefix("/").removeprefix("r/")
    author = await _caller(request, write=True, subreddit=subreddit)
    if not _NAME.match(subreddit):
        return _json_errors("SUBREDDIT_NOEXIST", "that community doesn't exist", "sr")
    if subreddit.lower().startswith("private"):
        return _json_errors("SUBREDDIT_NOTALLOWED", "you aren't allowed to post there.", "sr")
    kind, title = str(params.get("kind", "")), str(params.get("title", ""))
    body = str(params.get("text", "")) if kind == "self" else ""
    if kind not in ("self", "link"):
        return _json_errors("INVALID_OPTION", "that option is not valid", "kind")
    if kind == "link" and not str(params.get("url", "")).startswith(("http://", "https://")):
        return _json_errors("BAD_URL", "you should check that url", "url")
    if refusal := _refusal(title, body):
        return refusal
    templates = {t["id"]: t for t in flair_templates(subreddit)}
    flair_id = str(params.get("flair_id") or "")
    if flair_id and flair_id not in templates:
        return _json_errors("BAD_FLAIR_TEMPLATE_ID", "that flair template does not exist", "flair")
    if templates and not flair_id:
        return _json_errors("SUBMIT_VALIDATION_FLAIR_REQUIRED", "Your post must contain post flair.", "flair")
    n = state.next_id("reddit")
    post_id = _base36(n * 7919)  # base-36 ids, like Reddit's
    slug = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:50] or "post"
    permalink = f"/r/{subreddit}/comments/{post_id}/{slug}/"
    post = state.add_post("reddit", subreddit, f"t3_{post_id}", f"{title}\n\n{body}" if body else title,
                          link=str(params.get("url")) if kind == "link" else None, extra={
                              "author": author, "title": title, "selftext": body, "kind": kind,
                              "permalink": permalink, "flair": templates.get(flair_id)})
    return answer({"json": {"errors": [], "data": {
        "url": f"https://www.reddit.com{permalink}", "drafts_count": 0, "id": post_id, "name": post.external_id}}})


def _refusal(title: str, body: str) -> Response | None:
    """The catalogue's rules, on the post as "title\\nbody", in Reddit's words."""
    if not title.strip():
        return _json_errors("NO_TEXT", "we need something here", "title")
    if "\n" in title:
        return _json_errors("NO_LINEBREAKS", "no line breaks allowed", "title")
    for problem in violations("reddit", f"{title}\n{body}"):
        field = "title" if problem.rule == "title_length" else "text"
        return _json_errors("TOO_LONG", f"this is too long (max: {problem.limit})", field)
    return None


def _thing(state: SandboxState, post: Post, *, raw: bool) -> dict[str, Any]:
    gone = post.deleted
    engagement = state.engagement_of(post)
    escape = (lambda s: s) if raw else (lambda s: html.escape(s, quote=False))
    flair = post.extra.get("flair") or {}
    data = {
        "id": post.external_id.removeprefix("t3_"),
        "name": post.external_id,
        "title": escape(post.extra["title"]),
        "selftext": "[deleted]" if gone else escape(post.extra["selftext"]),
        "author": "[deleted]" if gone else post.extra["author"],
        "subreddit": post.account,
        "subreddit_name_prefixed": f"r/{post.account}",
        "created_utc": post.created_at.timestamp(),
        "permalink": post.extra["permalink"],
        "url": post.link or f"https://www.reddit.com{post.extra['permalink']}",
        "is_self": post.extra["kind"] == "self",
        "link_flair_text": flair.get("text"),
        "link_flair_template_id": flair.get("id"),
        "score": engagement.likes,
        "ups": engagement.likes,
        "downs": 0,
        "upvote_ratio": 0.97 if engagement.likes else 1.0,
        "num_comments": engagement.comments,
        "num_crossposts": engagement.shares,
        "view_count": None,
        "removed_by_category": "deleted" if gone else None,
    }
    return {"kind": "t3", "data": data}


def _listing(children: list[dict[str, Any]]) -> Response:
    return answer({"kind": "Listing", "data": {"after": None, "before": None, "dist": len(children),
                                               "children": children}})


@router.get("/api/v1/me")
async def me(request: Request, state: StateDep) -> Response:
    name = await _caller(request, write=False)
    return answer({"name": name, "id": _base36(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)),
                   "link_karma": 1, "comment_karma": 1})


@router.get("/user/{username}/submitted")
async def submitted(username: str, request: Request, state: StateDep, limit: int = 25, raw_json: int = 0) -> Response:
    await _caller(request, write=False)
    mine = [p for p in state.posts.values()
            if p.network == "reddit" and not p.deleted and p.extra.get("author") == username]
    mine.sort(key=lambda p: p.created_at, reverse=True)  # sort=new
    return _listing([_thing(state, p, raw=bool(raw_json)) for p in mine[: max(1, min(limit, 100))]])


@router.get("/api/info")
async def info(request: Request, state: StateDep, id: str = "", raw_json: int = 0) -> Response:
    await _caller(request, write=False)
    found = [state.posts.get(("reddit", name)) for name in id.split(",") if name]
    return _listing([_thing(state, p, raw=bool(raw_json)) for p in found if p is not None])


@router.get("/r/{subreddit}/about")
async def about(subreddit: str, request: Request, state: StateDep) -> Response:
    await _caller(request, write=False, subreddit=subreddit)
    if not _NAME.match(subreddit):
        return answer({"reason": "banned", "message": "Not Found", "error": 404}, 404)
    return answer({"kind": "t5", "data": {"display_name": subreddit, "display_name_prefixed": f"r/{subreddit}",
                                          "subscribers": state.followers_of("reddit", subreddit),
                                          "submission_type": "any"}})


@router.get("/r/{subreddit}/api/link_flair_v2")
async def link_flair(subreddit: str, request: Request) -> Response:
    await _caller(request, write=False, subreddit=subreddit)
    return answer(flair_templates(subreddit))


@router.get("/api/v1/{subreddit}/post_requirements")
async def post_requirements(subreddit: str, request: Request) -> Response:
    await _caller(request, write=False, subreddit=subreddit)
    return answer({"is_flair_required": bool(flair_templates(subreddit)),
                   "title_text_max_length": spec("reddit").text[0].limit, "body_restriction_policy": "none"})


@router.post("/api/v1/access_token")
async def access_token(request: Request, state: StateDep) -> Response:
    """The refresh grant (HTTP Basic with the app's client id and secret). Reddit does not rotate refresh tokens."""
    params = await read_params(request)
    refresh_token = str(params.get("refresh_token", ""))
    await admit(request, DIALECT, token=None, account="", write=False, public=True)
    if params.get("grant_type") == "authorization_code":  # connecting an account (sandbox.oauth)
        return await oauth.exchange(request, "reddit", state, params)
    if not request.headers.get("authorization", "").lower().startswith("basic "):
        return answer({"message": "Unauthorized", "error": 401}, 401)
    if params.get("grant_type") != "refresh_token":
        return answer({"error": "unsupported_grant_type"}, 400)
    if not refresh_token.startswith("sbx-") or refresh_token.startswith("sbx-expired"):
        return answer({"error": "invalid_grant"}, 400)
    owner, n = token_owner(refresh_token), state.next_id("reddit-token")
    return answer({"access_token": f"sbx-{owner}.a{n}", "token_type": "bearer", "expires_in": 86400,
                   "scope": "identity submit read flair history"})
