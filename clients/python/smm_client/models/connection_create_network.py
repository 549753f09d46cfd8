from typing import Literal

ConnectionCreateNetwork = Literal['bluesky', 'facebook', 'instagram', 'linkedin', 'mastodon', 'telegram', 'threads', 'vk', 'x']

CONNECTION_CREATE_NETWORK_VALUES: set[ConnectionCreateNetwork] = { 'bluesky', 'facebook', 'instagram', 'linkedin', 'mastodon', 'telegram', 'threads', 'vk', 'x',  }

def check_connection_create_network(value: str) -> ConnectionCreateNetwork:
    if value in CONNECTION_CREATE_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONNECTION_CREATE_NETWORK_VALUES!r}")
