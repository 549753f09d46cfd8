from datetime import timedelta

from smmkit.catalogue.graph import GRAPH_ERRORS
from smmkit.catalogue.spec import MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
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
    sources=("https://developers.facebook.com/docs/instagram-platform/content-publishing",),
)
