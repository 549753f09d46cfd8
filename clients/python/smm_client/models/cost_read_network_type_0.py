from typing import Literal

CostReadNetworkType0 = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

COST_READ_NETWORK_TYPE_0_VALUES: set[CostReadNetworkType0] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_cost_read_network_type_0(value: str) -> CostReadNetworkType0:
    if value in COST_READ_NETWORK_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COST_READ_NETWORK_TYPE_0_VALUES!r}")
