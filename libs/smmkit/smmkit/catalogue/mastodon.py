from smmkit.catalogue.spec import Connect, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import mastodon_length
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="mastodon",
    title="Mastodon",
    write_base_url="https://mastodon.social",
    text=(TextLimit(500, mastodon_length, "characters (each URL 23)"),),
    # 4 attachments; a video goes alone, GIFs (played as "gifv") may join images.
    media=MediaRules(max_images=4, max_gifs=4, max_items=4, together=frozenset({"image", "gif"}), max_videos=1),
    limits=(NetworkLimit("requests", 300, 300),
            NetworkLimit("media uploads", 30, 1800, on="upload")),
    account_budget=Budget("mastodon:requests", 300, 5 * 60),
    renewal=Renewal("none"),  # user tokens do not expire
    language_field="language",
    # Each instance is its own server: the app is registered there first (POST /api/v1/apps). PKCE since 4.3.
    connect=Connect(
        "mastodon_app", pkce=True, register_url="https://mastodon.social/api/v1/apps",
        authorize_url="https://mastodon.social/oauth/authorize", token_url="https://mastodon.social/oauth/token",
        scopes=("read", "write:statuses", "write:media"),
        identity_url="https://mastodon.social/api/v1/accounts/verify_credentials", identity_name="acct",
        sources=("https://docs.joinmastodon.org/methods/apps/#create",
                 "https://docs.joinmastodon.org/methods/oauth/#authorize",
                 "https://docs.joinmastodon.org/methods/oauth/#token")),
    link="appended to the text; Mastodon builds a preview card",
    collects=("likes", "reposts", "comments", "followers"),
    # Each instance is its own site: only the flagship is known here. The tenant's own instances cannot be known
    # from the catalogue: add their hosts to a social_untracked rule (docs/channels.md).
    referrer_domains=("mastodon.social",),
    sources=("https://docs.joinmastodon.org/methods/statuses/#create",
             "https://docs.joinmastodon.org/api/rate-limits/"),
)
