from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from smmkit.settings import NetworkEndpoints


class PublisherSettings(NetworkEndpoints):
    model_config = SettingsConfigDict(env_prefix="PUBLISHER_", env_file=".env", extra="ignore")

    # A target stuck in "publishing" longer than this (its worker died) is picked up again.
    lease_s: float = 30.0
    poll_interval_s: float = 0.05
    claim_batch_size: int = 200
    max_concurrency: int = 100
    max_attempts: int = 5
    retry_base_s: float = 2.0
    retry_max_s: float = 300.0


@lru_cache
def get_publisher_settings() -> PublisherSettings:
    return PublisherSettings()
