from typing import Literal

ReportsTopPostsNetworkType0 = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

REPORTS_TOP_POSTS_NETWORK_TYPE_0_VALUES: set[ReportsTopPostsNetworkType0] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_reports_top_posts_network_type_0(value: str) -> ReportsTopPostsNetworkType0:
    if value in REPORTS_TOP_POSTS_NETWORK_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_TOP_POSTS_NETWORK_TYPE_0_VALUES!r}")
