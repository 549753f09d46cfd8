from smmkit.catalogue.graph import GRAPH_ERRORS, GRAPH_VERSION
from smmkit.catalogue.spec import Connect, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import code_points
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="facebook",
    title="Facebook",
    write_base_url="https://graph.facebook.com",
    text=(TextLimit(63_206, code_points, "characters"),),
    # Page photos may be GIFs; a post holds photos or one video.
    media=MediaRules(max_images=10, max_gifs=10, max_items=10, together=frozenset({"image", "gif"}), max_videos=1),
    limits=(NetworkLimit("calls per day", 4800, 86400),),
    account_budget=Budget("facebook:calls", 200, 3600),
    renewal=Renewal("long_lived_exchange"),
    errors=GRAPH_ERRORS,
    connect=Connect(
        "meta_login", authorize_url=f"https://www.facebook.com/{GRAPH_VERSION}/dialog/oauth",
        token_url=f"https://graph.facebook.com/{GRAPH_VERSION}/oauth/access_token", token_method="GET",
        scope_separator=",", exchange_grant="fb_exchange_token",
        scopes=("pages_show_list", "pages_manage_posts", "pages_read_engagement", "read_insights"),
        identity_url=f"https://graph.facebook.com/{GRAPH_VERSION}/me?fields=id,name",
        permissions_url=f"https://graph.facebook.com/{GRAPH_VERSION}/me/permissions",
        destinations_url=f"https://graph.facebook.com/{GRAPH_VERSION}/me/accounts?fields=id,name,access_token",
        destination_token="access_token",  # a Page's own token: posts are made with it
        sources=("https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow",
                 "https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived",
                 "https://developers.facebook.com/docs/pages-api/getting-started")),
    link="the post's link (a preview); in the text with media",
    collects=("likes", "reposts", "comments", "views", "clicks", "followers"),
    # Subdomains match too (l.facebook.com, lm.facebook.com, m.facebook.com: its link shims).
    referrer_domains=("facebook.com", "fb.com", "fb.me"),
    sources=("https://developers.facebook.com/docs/graph-api/reference/page/feed/",
             "https://developers.facebook.com/docs/graph-api/overview/rate-limiting/"),
)
