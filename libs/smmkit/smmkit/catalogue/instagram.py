from datetime import timedelta

from smmkit.catalogue.graph import GRAPH_ERRORS, GRAPH_VERSION
from smmkit.catalogue.spec import Connect, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import code_points
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="instagram",
    title="Instagram",
    write_base_url="https://graph.facebook.com",
    text=(TextLimit(2_200, code_points, "characters"),),
    max_hashtags=30,
    text_or_media=False,  # a post needs media whatever its text (media.required)
    media=MediaRules(max_images=10, max_videos=10, max_items=10, together=frozenset({"image", "video"}),
                     required=True, why={"gif": "Instagram's API publishes JPEG images and videos, not GIFs"}),
    rolling_quota=(50, timedelta(hours=24)),  # content_publishing_limit: 50 API-published posts per 24 h
    limits=(NetworkLimit("calls per day", 4800, 86400),
            NetworkLimit("publishing quota", 50, 86400, on="write")),
    account_budget=Budget("instagram:calls", 200, 3600),
    renewal=Renewal("long_lived_exchange"),
    errors=GRAPH_ERRORS,
    # Instagram business accounts are reached through Facebook Login and the Page they are linked to.
    connect=Connect(
        "meta_login", authorize_url=f"https://www.facebook.com/{GRAPH_VERSION}/dialog/oauth",
        token_url=f"https://graph.facebook.com/{GRAPH_VERSION}/oauth/access_token", token_method="GET",
        scope_separator=",", exchange_grant="fb_exchange_token",
        scopes=("instagram_basic", "instagram_content_publish", "instagram_manage_insights", "pages_show_list",
                "pages_read_engagement"),
        identity_url=f"https://graph.facebook.com/{GRAPH_VERSION}/me?fields=id,name",
        permissions_url=f"https://graph.facebook.com/{GRAPH_VERSION}/me/permissions",
        destinations_url=f"https://graph.facebook.com/{GRAPH_VERSION}/me/accounts"
                         "?fields=instagram_business_account{id,username}",
        destination_id="instagram_business_account.id", destination_name="instagram_business_account.username",
        sources=(("https://developers.facebook.com/docs/instagram-platform/instagram-api-with-facebook-login/"
                  "business-login-for-instagram"),
                 "https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived")),
    link="appended to the caption (not clickable)",
    collects=("likes", "reposts", "comments", "views", "followers"),
    # l.instagram.com (the link shim) is a subdomain and matches.
    referrer_domains=("instagram.com",),
    sources=("https://developers.facebook.com/docs/instagram-platform/content-publishing",),
)
