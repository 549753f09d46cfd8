from typing import Literal

ReportsNetworkDailyNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

REPORTS_NETWORK_DAILY_NETWORK_VALUES: set[ReportsNetworkDailyNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_reports_network_daily_network(value: str) -> ReportsNetworkDailyNetwork:
    if value in REPORTS_NETWORK_DAILY_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_NETWORK_DAILY_NETWORK_VALUES!r}")
