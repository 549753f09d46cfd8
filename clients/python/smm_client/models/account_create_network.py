from typing import Literal

AccountCreateNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'reddit', 'telegram', 'threads', 'vk', 'x']

ACCOUNT_CREATE_NETWORK_VALUES: set[AccountCreateNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'reddit', 'telegram', 'threads', 'vk', 'x',  }

def check_account_create_network(value: str) -> AccountCreateNetwork:
    if value in ACCOUNT_CREATE_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACCOUNT_CREATE_NETWORK_VALUES!r}")
