from datetime import timedelta

from smmkit.catalogue.spec import Connect, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import x_weighted
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="x",
    title="X",
    write_base_url="https://api.x.com",
    text=(TextLimit(280, x_weighted, "weighted characters (URLs 23, CJK and emoji 2)"),),
    media=MediaRules(max_images=4, max_videos=1, max_gifs=1),  # 4 images, or 1 video or GIF
    duplicate_text_across_accounts=True,
    rolling_quota=(100, timedelta(minutes=15)),
    limits=(NetworkLimit("tweets per 15 minutes", 100, 900, on="write"),),
    account_budget=Budget("x:tweets", 100, 15 * 60),
    app_budget=Budget("x:app", 10_000, 86400),
    renewal=Renewal("oauth_refresh"),  # access tokens live 2 h
    connect=Connect(
        "oauth2", pkce=True, client_auth="basic",  # X requires PKCE; a confidential client authenticates with Basic
        authorize_url="https://x.com/i/oauth2/authorize", token_url="https://api.x.com/2/oauth2/token",
        scopes=("tweet.read", "tweet.write", "users.read", "media.write", "offline.access"),
        identity_url="https://api.x.com/2/users/me", identity_id="data.id", identity_name="data.username",
        sources=("https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code",
                 "https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token")),
    link="appended to the text",
    collects=("likes", "reposts", "comments", "views", "followers"),
    referrer_domains=("t.co", "x.com", "twitter.com"),
    sources=("https://docs.x.com/x-api/posts/creation-of-a-post",
             "https://docs.x.com/resources/fundamentals/counting-characters"),
)
