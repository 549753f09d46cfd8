"""Pinterest (API v5). Errors are ``{"code": <int>, "message": "..."}`` with a plain HTTP status; the
status says what happened, so the table below only names what the status alone cannot."""
from smmkit.catalogue.spec import Connect, ErrorTable, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import code_points
from smmkit.ratelimit import Budget

_NOT_YET = "this platform pins images to Pinterest; video Pins (the media upload flow) not yet"

SPEC = NetworkSpec(
    name="pinterest",
    title="Pinterest",
    write_base_url="https://api.pinterest.com",
    # The post's text is the Pin's description; the link is the Pin's destination, apart from the text.
    text=(TextLimit(500, code_points, "characters"),),
    text_or_media=False,  # a Pin needs an image whatever its text (media.required)
    # One image, or a carousel of 2-5 (``multiple_image_urls``); Pinterest fetches them from their URLs.
    media=MediaRules(max_images=5, required=True, why=dict.fromkeys(("video", "gif", "document"), _NOT_YET)),
    limits=(NetworkLimit("requests per second", 100, 1, scalable=False),  # universal, Standard access
            NetworkLimit("pins_write per minute", 100, 60, on="write")),  # org_write category, Standard access
    account_budget=Budget("pinterest:writes", 100, 60),
    renewal=Renewal("oauth_refresh"),  # access tokens live 30 days, refresh tokens a year
    errors=ErrorTable(not_found=frozenset({404})),
    # The code grant with Basic client authentication; no PKCE documented. After consent: choose the board.
    connect=Connect(
        "oauth2", authorize_url="https://www.pinterest.com/oauth/", token_url="https://api.pinterest.com/v5/oauth/token",
        client_auth="basic", scope_separator=",",
        scopes=("boards:read", "pins:read", "pins:write", "user_accounts:read"),
        identity_url="https://api.pinterest.com/v5/user_account", identity_id="username", identity_name="username",
        destinations_url="https://api.pinterest.com/v5/boards", destinations_list="items",
        sources=("https://developers.pinterest.com/docs/getting-started/set-up-authentication-and-authorization/",
                 "https://developers.pinterest.com/docs/api/v5/boards-list")),
    link="the Pin's destination link",
    collects=("likes", "reposts", "comments", "views", "clicks", "followers"),
    # pinterest.* : every country domain (pinterest.de, pinterest.co.uk ...).
    referrer_domains=("pinterest.*", "pin.it"),
    sources=("https://developers.pinterest.com/docs/api/v5/pins-create",
             "https://developers.pinterest.com/docs/reference/rate-limits/",
             "https://developers.pinterest.com/docs/getting-started/authentication-and-scopes/"),
)
