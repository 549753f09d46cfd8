from typing import Literal

MetricsCredentialsPutNetwork = Literal['bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'reddit', 'telegram', 'threads', 'vk', 'x']

METRICS_CREDENTIALS_PUT_NETWORK_VALUES: set[MetricsCredentialsPutNetwork] = { 'bluesky', 'discord', 'facebook', 'gbp', 'instagram', 'linkedin', 'mastodon', 'reddit', 'telegram', 'threads', 'vk', 'x',  }

def check_metrics_credentials_put_network(value: str) -> MetricsCredentialsPutNetwork:
    if value in METRICS_CREDENTIALS_PUT_NETWORK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {METRICS_CREDENTIALS_PUT_NETWORK_VALUES!r}")
