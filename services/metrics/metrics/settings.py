from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from smmkit.settings import NetworkEndpoints


class MetricsSettings(NetworkEndpoints):
    model_config = SettingsConfigDict(env_prefix="METRICS_", env_file=".env", extra="ignore")

    poll_interval_s: float = 0.5
    claim_batch_size: int = 200
    # While a target is being polled it is hidden from other replicas for this long.
    poll_lease_s: float = 60.0


@lru_cache
def get_metrics_settings() -> MetricsSettings:
    return MetricsSettings()
