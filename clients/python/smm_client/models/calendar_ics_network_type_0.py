from typing import Literal

CalendarIcsNetworkType0 = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

CALENDAR_ICS_NETWORK_TYPE_0_VALUES: set[CalendarIcsNetworkType0] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_calendar_ics_network_type_0(value: str) -> CalendarIcsNetworkType0:
    if value in CALENDAR_ICS_NETWORK_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CALENDAR_ICS_NETWORK_TYPE_0_VALUES!r}")
