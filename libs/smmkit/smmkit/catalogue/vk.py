"""VK. Its errors come with HTTP 200 as ``{"error": {"error_code", "error_msg"}}``; ``vk_error`` reads
them the same way for the publisher's adapter and the metrics collector."""
from typing import Any

import httpx

from smmkit.catalogue.spec import Connect, ErrorTable, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit, codes
from smmkit.catalogue.text import code_points
from smmkit.networks import NetworkError, error_for_status, short
from smmkit.ratelimit import Budget

_VK_ID_DOCS = "https://id.vk.com/about/business/go/docs/en/vkid/latest/vk-id/connection/api-integration"

SPEC = NetworkSpec(
    name="vk",
    title="VK",
    write_base_url="https://api.vk.com",
    text=(TextLimit(16_384, code_points, "characters"),),
    # VK takes 10 attachments of any kinds, but without photo upload (not implemented) our adapter attaches
    # one media URL as the post's one link attachment.
    media=MediaRules(max_images=10, max_videos=10, max_gifs=10, max_documents=10,
                     together=frozenset({"image", "video", "gif", "document"}), max_items=1, why={
        "items": "this platform attaches one media item to a VK post, as a link (photo upload is not implemented)"}),
    daily_quota=50,
    limits=(NetworkLimit("requests per second", 3, 1, scalable=False),
            NetworkLimit("posts per day", 50, 86400, on="write")),
    account_budget=Budget("vk:requests", 3, 1),
    renewal=Renewal("none"),  # offline-scope community tokens do not expire
    # VK answers errors with HTTP 200 and {"error": {"error_code"}}.
    errors=ErrorTable(
        kinds={**codes("rate_limited", 6, 9, 14, 29, 214),
               **codes("auth_expired", 5, 15, 27, 28, 200, 203),
               **codes("transient", 1, 10)},
        not_found=frozenset({104, 210}),
        # VK gives no retry time; these are the usual waits: per second, flood, captcha, method cap, 50 a day
        retry_after_s={6: 1.0, 9: 60.0, 14: 600.0, 29: 3600.0, 214: 3600.0},
    ),
    # VK ID: PKCE S256 is required, the token request carries the device_id the callback gave and the state.
    connect=Connect(
        "vk_id", pkce=True, authorize_url="https://id.vk.com/authorize", token_url="https://id.vk.com/oauth2/auth",
        scopes=("wall", "groups", "photos", "stats"),
        identity_url="https://id.vk.com/oauth2/user_info", identity_method="POST",
        identity_id="user.user_id", identity_name="user.first_name",
        # we post to communities (wall.post owner_id=-group): the ones the person administers, with their token
        destinations_url="https://api.vk.com/method/groups.get?filter=admin&extended=1&v=5.199",
        destinations_list="response.items",
        sources=(f"{_VK_ID_DOCS}/api-description", f"{_VK_ID_DOCS}/user-info",
                 "https://dev.vk.com/en/method/groups.get")),
    link="a link attachment",
    collects=("likes", "reposts", "comments", "views", "followers"),
    referrer_domains=("vk.com", "vk.ru", "vk.cc"),
    sources=("https://dev.vk.com/en/method/wall.post", "https://dev.vk.com/en/reference/errors"),
)


def vk_code(body: Any) -> int | None:
    """The ``error_code`` of a VK error answer; None when the body holds no VK error."""
    error = body.get("error") if isinstance(body, dict) else None
    return int(error.get("error_code") or 0) if isinstance(error, dict) else None


def vk_error(response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
    """A VK answer as a ``NetworkError`` (None for a success), kinds and waits from ``SPEC.errors``."""
    if not isinstance(body, dict):
        return error_for_status(response.status_code, write=write, message=f"HTTP {response.status_code}")
    code = vk_code(body)
    if code is None:
        return None if response.is_success else error_for_status(
            response.status_code, write=write, message=f"HTTP {response.status_code}")
    return SPEC.errors.error(code, message=short(body["error"].get("error_msg") or "VK error"),
                             status=response.status_code, write=write)
