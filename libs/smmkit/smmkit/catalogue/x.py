from datetime import timedelta

from smmkit.catalogue.spec import MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
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
    sources=("https://docs.x.com/x-api/posts/creation-of-a-post",
             "https://docs.x.com/resources/fundamentals/counting-characters"),
)
