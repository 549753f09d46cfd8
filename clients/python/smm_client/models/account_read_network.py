from typing import Literal

AccountReadNetwork = Literal['bluesky', 'facebook', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

ACCOUNT_READ_NETWORK_VALUES: set[AccountReadNetwork] = { 'bluesky', 'facebook', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_account_read_network(value: str) -> AccountReadNetwork:
    if value in ACCOUNT_READ_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACCOUNT_READ_NETWORK_VALUES!r}")
