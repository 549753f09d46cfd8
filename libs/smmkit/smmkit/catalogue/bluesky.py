from smmkit.catalogue.spec import Connect, ErrorTable, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit, codes
from smmkit.catalogue.text import bluesky_bytes, bluesky_graphemes
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="bluesky",
    title="Bluesky",
    write_base_url="https://bsky.social",  # the account's PDS
    read_base_url="https://public.api.bsky.app",  # the AppView serves app.bsky.* reads, unauthenticated
    # Counted with links as the post shows them (text.links_shown): long ones shortened, as Bluesky's apps do.
    text=(TextLimit(300, bluesky_graphemes, "graphemes"),
          TextLimit(3000, bluesky_bytes, "UTF-8 bytes", rule="text_bytes")),
    text_or_media=False,  # the post lexicon sets no minimum: the PDS takes an empty post
    media=MediaRules(max_images=4, max_image_bytes=1_000_000,
                     why={kind: "Bluesky takes video and GIFs only through its separate video service, "
                                "which this platform does not publish to yet" for kind in ("video", "gif")}),
    limits=(NetworkLimit("points per hour", 5000, 3600, cost=3, on="write"),
            NetworkLimit("points per day", 35_000, 86400, cost=3, on="write")),
    account_budget=Budget("bluesky:points", 5000, 3600),
    write_cost=3,
    renewal=Renewal("session"),  # access JWTs live about 2 h
    errors=ErrorTable(
        kinds={**codes("auth_expired", "ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing",
                       "AccountTakedown", "AccountDeactivated"),
               **codes("rate_limited", "RateLimitExceeded")},
        not_found=frozenset({"RecordNotFound"}),
    ),
    language_field="langs",
    # An app password (Settings, App passwords) opens a session; atproto OAuth is not implemented here.
    connect=Connect(
        "app_password", identity_url="https://bsky.social/xrpc/com.atproto.server.createSession",
        identity_method="POST", identity_id="did", identity_name="handle",
        sources=("https://docs.bsky.app/docs/api/com-atproto-server-create-session",
                 "https://blueskyweb.xyz/blog/8-28-2023-app-passwords")),
    link="appended, with a link facet; an external embed when there are no images",
    collects=("likes", "reposts", "comments", "followers"),
    referrer_domains=("bsky.app", "bsky.social"),
    sources=("https://docs.bsky.app/docs/advanced-guides/posts",
             "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json",
             "https://docs.bsky.app/docs/advanced-guides/rate-limits"),
)
