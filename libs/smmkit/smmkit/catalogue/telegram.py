from smmkit.catalogue.spec import Connect, MediaRules, NetworkLimit, NetworkSpec, Renewal, TextLimit
from smmkit.catalogue.text import utf16_units
from smmkit.ratelimit import Budget

SPEC = NetworkSpec(
    name="telegram",
    title="Telegram",
    write_base_url="https://api.telegram.org",
    text=(TextLimit(4096, utf16_units, "UTF-16 code units", when="without_media"),
          TextLimit(1024, utf16_units, "UTF-16 code units in a caption", rule="caption_length", when="with_media")),
    # One media item, or an album of 2-10: photos and videos together, documents only with documents;
    # a GIF (sendAnimation) cannot join an album.
    media=MediaRules(max_images=10, max_videos=10, max_documents=10, max_gifs=1, max_items=10,
                     together=frozenset({"image", "video"})),
    limits=(NetworkLimit("messages per chat", 20, 60, per="chat", on="write"),
            NetworkLimit("messages per second per bot", 30, 1, per="app", on="write", scalable=False)),
    account_budget=Budget("telegram:channel", 20, 60),
    app_budget=Budget("telegram:bot", 30, 1),
    renewal=Renewal("none"),  # a bot token lasts until revoked
    # No consent screen: a bot token from @BotFather, and the bot must be an admin of the channel
    # (getChat finds the channel, getChatMember says the bot's status there).
    connect=Connect(
        "bot_token", identity_url="https://api.telegram.org/bot{token}/getMe", identity_id="result.id",
        identity_name="result.username",
        sources=("https://core.telegram.org/bots/api#getchat", "https://core.telegram.org/bots/api#getchatmember",
                 "https://core.telegram.org/bots/features#botfather")),
    link="appended to the text; Telegram shows a preview",
    collects=("followers",),  # a channel post has no counters the Bot API reads
    referrer_domains=("t.me", "telegram.me", "telegram.org"),
    sources=("https://core.telegram.org/bots/api#sendmessage", "https://core.telegram.org/bots/faq"),
)
