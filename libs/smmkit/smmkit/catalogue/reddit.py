"""Reddit: a post is a submission to a subreddit, with a title (at most 300 characters) and a body.

The platform's post is one text: its first line is the title, the rest the body (``reddit_title`` /
``reddit_body``), so the planner, the adapter and the sandbox split it the same way. ``submit``
answers its refusals with HTTP 200 and ``{"json": {"errors": [[CODE, message, field]]}}``;
``reddit_error`` reads them for the publisher's adapter and the metrics collector alike.
"""
from typing import Any

import httpx

from smmkit.catalogue.spec import (
    Connect,
    ErrorTable,
    MediaRules,
    NetworkLimit,
    NetworkSpec,
    Renewal,
    TextLimit,
    codes,
)
from smmkit.catalogue.text import code_points
from smmkit.networks import (
    NetworkError,
    error_for_status,
    retry_after_from_headers,
    short,
)
from smmkit.ratelimit import Budget


def reddit_title(text: str) -> str:
    """The submission's title: the post's first line (after leading blank lines)."""
    return text.strip().split("\n", 1)[0].strip()


def reddit_body(text: str) -> str:
    """The submission's body (self text, Markdown): everything after the title line."""
    parts = text.strip().split("\n", 1)
    return parts[1].strip() if len(parts) > 1 else ""


SPEC = NetworkSpec(
    name="reddit",
    title="Reddit",
    write_base_url="https://oauth.reddit.com",  # every call with an OAuth token; tokens at www.reddit.com
    text=(TextLimit(300, lambda t: code_points(reddit_title(t)), "characters in the title (the first line)",
                    rule="title_length"),
          TextLimit(40_000, lambda t: code_points(reddit_body(t)), "characters in the body (after the first line)")),
    # Reddit takes images and video through media asset leases uploaded to its own storage; this platform
    # submits text posts (links in the text, which Reddit renders) and no media yet.
    media=MediaRules(why=dict.fromkeys(
        ("image", "video", "gif", "document"), "this platform posts text and links to Reddit; media upload not yet")),
    # 100 queries a minute per OAuth client, averaged over a 10-minute window (X-Ratelimit-* headers).
    limits=(NetworkLimit("requests per 10 minutes", 1_000, 600, per="app"),),
    account_budget=Budget("reddit:requests", 100, 60),
    app_budget=Budget("reddit:app", 1_000, 600),
    renewal=Renewal("oauth_refresh"),  # access tokens live 24 h; "permanent" grants carry a refresh token
    errors=ErrorTable(
        kinds={**codes("rate_limited", "RATELIMIT"),
               **codes("auth_expired", "USER_REQUIRED")},  # the token no longer names a user
        not_found=frozenset({"SUBREDDIT_NOEXIST"}),
        retry_after_s={"RATELIMIT": 600.0},  # "take a break for N minutes": the answer usually says how long
    ),
    # The code grant with Basic client authentication, no PKCE documented; ``duration=permanent`` for a refresh
    # token. After consent: choose the subreddit (those the person subscribes to) the posts go to.
    connect=Connect(
        "oauth2", authorize_url="https://www.reddit.com/api/v1/authorize",
        token_url="https://www.reddit.com/api/v1/access_token", client_auth="basic",
        authorize_params=(("duration", "permanent"),), scopes=("identity", "submit", "read", "flair", "history"),
        identity_url="https://oauth.reddit.com/api/v1/me", identity_id="name", identity_name="name",
        destinations_url="https://oauth.reddit.com/subreddits/mine/subscriber?limit=100",
        destinations_list="data.children", destination_id="data.display_name",
        destination_name="data.display_name_prefixed",
        sources=("https://github.com/reddit-archive/reddit/wiki/OAuth2",
                 "https://www.reddit.com/dev/api/#GET_subreddits_mine_{where}")),
    link="in the body (Markdown)",
    collects=("likes", "reposts", "comments", "views", "followers"),
    referrer_domains=("reddit.com", "redd.it"),
    sources=("https://www.reddit.com/dev/api/#POST_api_submit",
             "https://support.reddithelp.com/hc/en-us/articles/16160319875092-Reddit-Data-API-Wiki",
             "https://github.com/reddit-archive/reddit/wiki/OAuth2"),
)


def reddit_error(response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
    """A Reddit answer as a ``NetworkError`` (None for a success): ``{"json": {"errors": [...]}}`` with HTTP 200,
    else ``{"message", "error": <status>}`` with an HTTP error status."""
    wait = retry_after_from_headers(response.headers)
    errors = (body.get("json") or {}).get("errors") if isinstance(body, dict) else None
    if errors:
        code, message = str(errors[0][0]), short(errors[0][1] if len(errors[0]) > 1 else errors[0][0])
        if code == "RATELIMIT" and isinstance(seconds := body["json"].get("ratelimit"), int | float):
            wait = float(seconds)
        return SPEC.errors.error(code, message=f"{code}: {message}", status=response.status_code, write=write,
                                 retry_after_s=wait)
    if response.is_success:
        return None
    said = body.get("message") if isinstance(body, dict) else None
    message = short(said or f"HTTP {response.status_code}")
    return error_for_status(response.status_code, write=write, message=message, retry_after_s=wait)
