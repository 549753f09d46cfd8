"""Google Business Profile: local posts ("updates") on a business location, through the My Business v4 API.

Google's errors are ``{"error": {"code": <HTTP status>, "message", "status": "INVALID_ARGUMENT", "details"}}``,
a ``google.rpc.RetryInfo`` detail saying how long to wait where Google says it; ``gbp_error`` reads them
for the publisher's adapter and the metrics collector alike.
"""
import re
from typing import Any

import httpx

from smmkit.catalogue.spec import Connect, ErrorTable, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit, codes
from smmkit.catalogue.text import code_points
from smmkit.networks import NetworkError, retry_after_from_headers, short
from smmkit.ratelimit import Budget

_DELAY = re.compile(r"^(\d+(?:\.\d+)?)s$")

SPEC = NetworkSpec(
    name="gbp",
    title="Google Business Profile",
    write_base_url="https://mybusiness.googleapis.com",
    text=(TextLimit(1_500, code_points, "characters"),),
    # A local post shows one photo, fetched by Google from a public URL (``media[].sourceUrl``).
    media=MediaRules(max_images=1, why=dict.fromkeys(
        ("video", "gif", "document"), "this platform posts one photo with a Google Business Profile update")),
    language_field="languageCode",
    # Business Profile APIs: 300 queries a minute per project; at most 10 edits a minute per profile.
    limits=(NetworkLimit("requests per minute", 300, 60, per="app"),
            NetworkLimit("edits per minute per profile", 10, 60, on="write")),
    account_budget=Budget("gbp:location", 10, 60),
    app_budget=Budget("gbp:project", 300, 60),
    renewal=Renewal("oauth_refresh"),  # Google access tokens live an hour; refresh tokens are not rotated
    errors=ErrorTable(
        kinds={**codes("auth_expired", "UNAUTHENTICATED", "PERMISSION_DENIED"),
               **codes("rate_limited", "RESOURCE_EXHAUSTED"),
               **codes("transient", "UNAVAILABLE", "INTERNAL", "ABORTED"),
               **codes("invalid", "INVALID_ARGUMENT", "FAILED_PRECONDITION", "ALREADY_EXISTS")},
        not_found=frozenset({"NOT_FOUND"}),
        retry_after_s={"RESOURCE_EXHAUSTED": 60.0},  # per-minute quotas: the next minute
    ),
    # Google's OAuth 2.0 with PKCE, then the business account and the choice of its location (posts go to one).
    connect=Connect(
        "oauth2", pkce=True, authorize_url="https://accounts.google.com/o/oauth2/v2/auth", token_url="https://oauth2.googleapis.com/token",
        authorize_params=(("access_type", "offline"), ("prompt", "consent")),
        scopes=("https://www.googleapis.com/auth/business.manage",),
        identity_url="https://mybusinessaccountmanagement.googleapis.com/v1/accounts",
        identity_id="accounts.0.name", identity_name="accounts.0.accountName",
        destinations_url="https://mybusinessbusinessinformation.googleapis.com/v1/{account}/locations?readMask=name,title",
        destinations_list="locations", destination_id="name", destination_name="title",
        destination_ref="{account}/{ref}",  # accounts/1/locations/2, as localPosts wants it
        sources=("https://developers.google.com/identity/protocols/oauth2/web-server",
                 "https://developers.google.com/my-business/reference/accountmanagement/rest/v1/accounts/list",
                 "https://developers.google.com/my-business/reference/businessinformation/rest/v1/accounts.locations/list")),
    link="the call-to-action button",
    collects=("views", "clicks"),
    # A click on a Business Profile comes from google.com or Maps: it cannot be told from search by its referrer.
    referrer_domains=(),
    sources=("https://developers.google.com/my-business/reference/rest/v4/accounts.locations.localPosts",
             "https://developers.google.com/my-business/content/posts-data",
             "https://developers.google.com/my-business/content/limits"),
)


def gbp_status(body: Any) -> str | None:
    error = body.get("error") if isinstance(body, dict) else None
    return str(error.get("status")) if isinstance(error, dict) and error.get("status") else None


def gbp_error(response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
    """A Google answer as a ``NetworkError`` (None for a success), kinds and waits from ``SPEC.errors``."""
    if response.is_success:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    wait = retry_after_from_headers(response.headers)
    for detail in error.get("details") or []:
        retry_info = isinstance(detail, dict) and str(detail.get("@type", "")).endswith("google.rpc.RetryInfo")
        if retry_info and (found := _DELAY.match(str(detail.get("retryDelay", "")))):
            wait = float(found.group(1))
    return SPEC.errors.error(gbp_status(body), message=short(error.get("message") or f"HTTP {response.status_code}"),
                             status=response.status_code, write=write, retry_after_s=wait)
