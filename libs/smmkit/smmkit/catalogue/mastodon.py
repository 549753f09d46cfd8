from smmkit.catalogue.spec import MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
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
    sources=("https://docs.joinmastodon.org/methods/statuses/#create",
             "https://docs.joinmastodon.org/api/rate-limits/"),
)
