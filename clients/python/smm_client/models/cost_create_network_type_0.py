from typing import Literal

CostCreateNetworkType0 = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

COST_CREATE_NETWORK_TYPE_0_VALUES: set[CostCreateNetworkType0] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_cost_create_network_type_0(value: str) -> CostCreateNetworkType0:
    if value in COST_CREATE_NETWORK_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COST_CREATE_NETWORK_TYPE_0_VALUES!r}")
