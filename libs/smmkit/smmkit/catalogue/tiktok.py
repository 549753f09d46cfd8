"""TikTok (Content Posting API v2). Every answer is ``{"data": {...}, "error": {"code", "message",
"log_id"}}`` with ``code`` "ok" on success; the code, not the HTTP status, says what happened, so
``tiktok_error`` reads it the same way for the publisher's adapter and the metrics collector."""
from datetime import timedelta
from typing import Any

import httpx

from smmkit.catalogue.spec import Connect, ErrorTable, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit, codes
from smmkit.catalogue.text import utf16_units
from smmkit.networks import NetworkError, error_for_status, retry_after_from_headers, short
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="tiktok",
    title="TikTok",
    write_base_url="https://open.tiktokapis.com",
    text=(TextLimit(2_200, utf16_units, "UTF-16 code units"),),  # a video post's title (its caption)
    text_or_media=False,  # a post is a video whatever its text (media.required)
    # TikTok also takes photo posts, but only pulled from a domain verified for the app: we upload videos.
    media=MediaRules(max_videos=1, required=True, why=dict.fromkeys(
        ("image", "gif", "document"), "this platform posts videos to TikTok; photo posts not yet")),
    rolling_quota=(15, timedelta(hours=24)),  # about 15 Direct Posts a day per creator, shared by every app
    limits=(NetworkLimit("post inits per minute", 6, 60, on="write"),
            NetworkLimit("posts per day", 15, 86400, on="write"),
            NetworkLimit("status fetches per minute", 30, 60, on="read")),
    account_budget=Budget("tiktok:inits", 6, 60),
    renewal=Renewal("oauth_refresh"),  # access tokens live 24 h, refresh tokens 365 days
    errors=ErrorTable(
        kinds={**codes("rate_limited", "rate_limit_exceeded", "spam_risk_too_many_posts",
                       "spam_risk_too_many_pending_share", "reached_active_user_cap"),
               **codes("auth_expired", "access_token_invalid", "scope_not_authorized", "scope_permission_missed",
                       "auth_removed"),
               **codes("transient", "internal_error", "internal")},
        not_found=frozenset({"video_not_found"}),
        retry_after_s={"spam_risk_too_many_posts": 3600.0, "spam_risk_too_many_pending_share": 3600.0,
                       "rate_limit_exceeded": 60.0, "reached_active_user_cap": 86400.0},
    ),
    # Login Kit: the client is a ``client_key``; PKCE accepted for web apps; the creator is the account.
    connect=Connect(
        "oauth2", pkce=True, client_id_param="client_key", scope_separator=",",
        authorize_url="https://www.tiktok.com/v2/auth/authorize/", token_url="https://open.tiktokapis.com/v2/oauth/token/",
        scopes=("user.info.basic", "video.publish", "video.list", "user.info.stats"),
        identity_url="https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name",
        identity_id="data.user.open_id", identity_name="data.user.display_name",
        sources=("https://developers.tiktok.com/doc/login-kit-web",
                 "https://developers.tiktok.com/doc/oauth-user-access-token-management")),
    link="appended to the caption (not clickable)",
    collects=("likes", "reposts", "comments", "views", "followers"),
    referrer_domains=("tiktok.com",),
    sources=("https://developers.tiktok.com/doc/content-posting-api-reference-direct-post",
             "https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status",
             "https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide",
             "https://developers.tiktok.com/doc/tiktok-api-v2-error-handling"),
)


def tiktok_code(body: Any) -> str | None:
    """The ``error.code`` of a TikTok answer ("ok" for a success); None when there is none."""
    error = body.get("error") if isinstance(body, dict) else None
    return str(error.get("code")) if isinstance(error, dict) and error.get("code") else None


def tiktok_error(response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
    """A TikTok answer as a ``NetworkError`` (None for a success), kinds and waits from ``SPEC.errors``."""
    code = tiktok_code(body)
    wait = retry_after_from_headers(response.headers)
    if code is None or code == "ok":
        if response.is_success:
            return None
        return error_for_status(response.status_code, write=write, message=f"HTTP {response.status_code}",
                                retry_after_s=wait)
    return SPEC.errors.error(code, message=short(body["error"].get("message") or code), status=response.status_code,
                             write=write, retry_after_s=wait)
