from datetime import timedelta

from smmkit.catalogue.graph import GRAPH_ERRORS
from smmkit.catalogue.spec import Connect, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import threads_length
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="threads",
    title="Threads",
    write_base_url="https://graph.threads.net",
    text=(TextLimit(500, threads_length, "characters (emoji count as their UTF-8 bytes)"),),
    media=MediaRules(max_images=20, max_videos=20, max_items=20, together=frozenset({"image", "video"}),
                     why={"gif": "Threads publishes JPEG/PNG images and videos, not GIFs"}),
    rolling_quota=(250, timedelta(hours=24)),
    limits=(NetworkLimit("calls per day", 4800, 86400),  # the Graph API's per-user call limit, as for Instagram
            NetworkLimit("publishing quota", 250, 86400, on="write")),
    account_budget=Budget("threads:posts", 250, 86400),
    renewal=Renewal("long_lived_exchange"),  # th_refresh_token, 60-day tokens
    errors=GRAPH_ERRORS,
    # Threads documents no PKCE; the 1-hour token is swapped at once for a 60-day one (th_exchange_token), which
    # th_refresh_token renews.
    connect=Connect(
        "oauth2", authorize_url="https://threads.net/oauth/authorize",
        token_url="https://graph.threads.net/oauth/access_token", scope_separator=",",
        exchange_grant="th_exchange_token", exchange_url="https://graph.threads.net/access_token",
        scopes=("threads_basic", "threads_content_publish", "threads_manage_insights"),
        identity_url="https://graph.threads.net/v1.0/me?fields=id,username", identity_name="username",
        sources=("https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions",
                 "https://developers.facebook.com/docs/threads/get-started/long-lived-tokens")),
    link="appended to the text",
    collects=("likes", "reposts", "comments", "views", "followers"),
    referrer_domains=("threads.net", "threads.com"),
    sources=("https://developers.facebook.com/docs/threads/posts",
             "https://developers.facebook.com/docs/threads/troubleshooting"),
)
