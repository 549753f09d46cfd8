"""YouTube (Data API v3). Errors are Google's: ``{"error": {"code", "message", "errors": [{"reason",
"domain", "message"}], "status"}}``; the ``reason`` says what happened (``quotaExceeded`` comes as a
403, like a missing permission), so ``google_error`` reads it the same way for the publisher's adapter
and the metrics collector."""
from typing import Any

import httpx

from smmkit.catalogue.spec import Connect, ErrorTable, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit, codes
from smmkit.networks import NetworkError, error_for_status, retry_after_from_headers, short
from smmkit.ratelimit import Budget

# A title or description may not contain "<" or ">": the adapter sends them as "‹" and "›" (3 bytes each).
ANGLES = str.maketrans("<>", "‹›")
TITLE_MAX = 100  # characters; the adapter takes the title from the text's first line


def description_bytes(text: str) -> int:
    """The description's 5,000-byte limit, counted on the text as sent (angle brackets replaced)."""
    return len(text.translate(ANGLES).encode())


SPEC = NetworkSpec(
    name="youtube",
    title="YouTube",
    write_base_url="https://www.googleapis.com",  # /youtube/v3/... and /upload/youtube/v3/...
    text=(TextLimit(5_000, description_bytes, "UTF-8 bytes of description"),),
    text_or_media=False,  # a video needs a video whatever its text (media.required)
    media=MediaRules(max_videos=1, required=True,
                     why=dict.fromkeys(("image", "gif", "document"), "YouTube publishes videos only")),
    # videos.insert has its own bucket of 100 calls a day per project; every other call spends from
    # 10,000 units a day (a list costs 1). Both reset at midnight Pacific time.
    limits=(NetworkLimit("videos.insert per day", 100, 86400, per="app", on="write"),
            NetworkLimit("quota units per day", 10_000, 86400, per="app", on="read")),
    account_budget=Budget("youtube:units", 10_000, 86400),
    app_budget=Budget("youtube:videos.insert", 100, 86400),
    renewal=Renewal("oauth_refresh"),  # access tokens live 1 h; Google's refresh tokens are not rotated
    language_field="defaultLanguage",
    errors=ErrorTable(
        kinds={**codes("rate_limited", "quotaExceeded", "rateLimitExceeded", "userRateLimitExceeded",
                       "uploadLimitExceeded"),
               **codes("auth_expired", "authError", "insufficientPermissions", "forbidden", "youtubeSignupRequired"),
               **codes("transient", "backendError", "internalError")},
        not_found=frozenset({"videoNotFound", "channelNotFound", "playlistNotFound"}),
        # the daily quotas give no retry time; an hour is a patient first wait (they reset at midnight PT)
        retry_after_s={"quotaExceeded": 3600.0, "uploadLimitExceeded": 3600.0},
    ),
    # Google's OAuth 2.0 with PKCE; the person picks the channel (or brand account) on Google's screen, and
    # ``channels.list?mine=true`` names it: the destination, chosen without a second question when there is one.
    connect=Connect(
        "oauth2", pkce=True, authorize_url="https://accounts.google.com/o/oauth2/v2/auth", token_url="https://oauth2.googleapis.com/token",
        authorize_params=(("access_type", "offline"), ("prompt", "consent")),
        scopes=("https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly"),
        identity_url="https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true",
        identity_id="items.0.id", identity_name="items.0.snippet.title",
        destinations_url="https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true",
        destinations_list="items", destination_name="snippet.title",
        sources=("https://developers.google.com/identity/protocols/oauth2/web-server", "https://developers.google.com/youtube/v3/docs/channels/list")),
    link="in the description",
    collects=("likes", "comments", "views", "followers"),
    referrer_domains=("youtube.com", "youtu.be"),
    sources=("https://developers.google.com/youtube/v3/docs/videos/insert",
             "https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol",
             "https://developers.google.com/youtube/v3/determine_quota_cost",
             "https://developers.google.com/youtube/v3/docs/errors"),
)


def google_reason(body: Any) -> str | None:
    """The first ``reason`` of a Google error answer; None when the body holds no error."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    reasons = [e.get("reason") for e in error.get("errors") or [] if isinstance(e, dict) and e.get("reason")]
    return reasons[0] if reasons else str(error.get("status") or error.get("code") or "")


def google_error(response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
    """A Google answer as a ``NetworkError`` (None for a success), kinds and waits from ``SPEC.errors``."""
    reason = google_reason(body)
    if reason is None:
        if response.is_success:
            return None
        return error_for_status(response.status_code, write=write, message=f"HTTP {response.status_code}",
                                retry_after_s=retry_after_from_headers(response.headers))
    message = short(body["error"].get("message") or reason)
    return SPEC.errors.error(reason, message=message, status=response.status_code, write=write,
                             retry_after_s=retry_after_from_headers(response.headers))
