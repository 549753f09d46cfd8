from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from smmkit.settings import REAL_NETWORK_BASE_URLS


class PublisherSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PUBLISHER_", env_file=".env", extra="ignore")

    # JSON object; networks not named keep their real base URL. ``make up`` points them all at the sandbox.
    network_base_urls: dict[str, str] = Field(default_factory=dict)
    http_timeout_s: float = 10.0
    # A target stuck in "publishing" longer than this (its worker died) is picked up again.
    lease_s: float = 30.0
    poll_interval_s: float = 0.05
    claim_batch_size: int = 200
    max_concurrency: int = 100
    max_attempts: int = 5
    retry_base_s: float = 2.0
    retry_max_s: float = 300.0

    def base_url(self, network: str) -> str:
        return self.network_base_urls.get(network) or REAL_NETWORK_BASE_URLS[network]


@lru_cache
def get_publisher_settings() -> PublisherSettings:
    return PublisherSettings()
