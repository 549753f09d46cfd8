from smmkit.catalogue.graph import GRAPH_ERRORS
from smmkit.catalogue.spec import MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
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
    sources=("https://developers.facebook.com/docs/graph-api/reference/page/feed/",
             "https://developers.facebook.com/docs/graph-api/overview/rate-limiting/"),
)
