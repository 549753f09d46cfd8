from typing import Literal

MetricsCredentialsPutNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube']

METRICS_CREDENTIALS_PUT_NETWORK_VALUES: set[MetricsCredentialsPutNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'reddit', 'telegram', 'threads', 'tiktok', 'vk', 'x', 'youtube',  }

def check_metrics_credentials_put_network(value: str) -> MetricsCredentialsPutNetwork:
    if value in METRICS_CREDENTIALS_PUT_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {METRICS_CREDENTIALS_PUT_NETWORK_VALUES!r}")
