from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from smmkit.settings import REAL_NETWORK_BASE_URLS


class MetricsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="METRICS_", env_file=".env", extra="ignore")

    network_base_urls: dict[str, str] = Field(default_factory=dict)
    http_timeout_s: float = 10.0
    poll_interval_s: float = 0.5
    claim_batch_size: int = 200
    # While a target is being polled it is hidden from other replicas for this long.
    poll_lease_s: float = 60.0

    def base_url(self, network: str) -> str:
        return self.network_base_urls.get(network) or REAL_NETWORK_BASE_URLS[network]


@lru_cache
def get_metrics_settings() -> MetricsSettings:
    return MetricsSettings()
