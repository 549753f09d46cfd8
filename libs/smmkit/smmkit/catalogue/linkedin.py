from smmkit.catalogue.spec import MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import linkedin_length
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="linkedin",
    title="LinkedIn",
    write_base_url="https://api.linkedin.com",
    text=(TextLimit(3_000, linkedin_length, "characters (as escaped little text)"),),
    # LinkedIn takes 1-20 images, or one video, or one document; our adapter uploads images only (Images API).
    text_or_media=False,  # an empty commentary is not known to be refused (the sandbox takes it)
    media=MediaRules(max_images=20, why=dict.fromkeys(
        ("video", "gif", "document"), "this platform posts images to LinkedIn; video, GIFs and documents not yet")),
    daily_quota=150,
    limits=(NetworkLimit("posts per day", 150, 86400, on="write"),),
    account_budget=Budget("linkedin:posts", 150, 86400),
    renewal=Renewal("oauth_refresh"),  # access tokens live 60 days
    sources=("https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api",
             "https://learn.microsoft.com/en-us/linkedin/compliance/integrations/shares/little-text-format"),
)
