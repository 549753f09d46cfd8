from typing import Literal

AccountReadNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

ACCOUNT_READ_NETWORK_VALUES: set[AccountReadNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_account_read_network(value: str) -> AccountReadNetwork:
    if value in ACCOUNT_READ_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACCOUNT_READ_NETWORK_VALUES!r}")
