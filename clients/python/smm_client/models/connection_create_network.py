from typing import Literal

ConnectionCreateNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

CONNECTION_CREATE_NETWORK_VALUES: set[ConnectionCreateNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_connection_create_network(value: str) -> ConnectionCreateNetwork:
    if value in CONNECTION_CREATE_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONNECTION_CREATE_NETWORK_VALUES!r}")
