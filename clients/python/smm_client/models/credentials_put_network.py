from typing import Literal

CredentialsPutNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

CREDENTIALS_PUT_NETWORK_VALUES: set[CredentialsPutNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_credentials_put_network(value: str) -> CredentialsPutNetwork:
    if value in CREDENTIALS_PUT_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CREDENTIALS_PUT_NETWORK_VALUES!r}")
