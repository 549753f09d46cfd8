from typing import Literal

CalendarGetNetworkType0 = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

CALENDAR_GET_NETWORK_TYPE_0_VALUES: set[CalendarGetNetworkType0] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_calendar_get_network_type_0(value: str) -> CalendarGetNetworkType0:
    if value in CALENDAR_GET_NETWORK_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CALENDAR_GET_NETWORK_TYPE_0_VALUES!r}")
