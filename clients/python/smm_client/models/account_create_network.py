from typing import Literal

AccountCreateNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

ACCOUNT_CREATE_NETWORK_VALUES: set[AccountCreateNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_account_create_network(value: str) -> AccountCreateNetwork:
    if value in ACCOUNT_CREATE_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACCOUNT_CREATE_NETWORK_VALUES!r}")
