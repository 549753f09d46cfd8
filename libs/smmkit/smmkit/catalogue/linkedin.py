from smmkit.catalogue.spec import Connect, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
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
    # LinkedIn's 3-legged flow for web apps has no PKCE (PKCE is only for native apps LinkedIn enables).
    connect=Connect(
        "oauth2", authorize_url="https://www.linkedin.com/oauth/v2/authorization",
        token_url="https://www.linkedin.com/oauth/v2/accessToken",
        scopes=("openid", "profile", "w_member_social", "r_organization_admin", "w_organization_social"),
        identity_url="https://api.linkedin.com/v2/userinfo", identity_id="sub", identity_name="name",
        # after consent: post as the member, or as an organisation they administer
        destinations_url="https://api.linkedin.com/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR",
        destinations_list="elements", destination_id="organization", destination_name="organization",
        account_ref="urn:li:person:{id}", member_is_destination=True,
        sources=("https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow",
                 "https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2",
                 "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role")),
    link="an article; in the text with images",
    collects=("likes", "reposts", "comments", "views", "clicks", "followers"),
    referrer_domains=("linkedin.com", "lnkd.in"),
    sources=("https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api",
             "https://learn.microsoft.com/en-us/linkedin/compliance/integrations/shares/little-text-format"),
)
