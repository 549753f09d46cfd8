from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from smmkit.sealed import DEV_PRIVATE_KEY
from smmkit.settings import NetworkEndpoints


class MetricsSettings(NetworkEndpoints):
    model_config = SettingsConfigDict(env_prefix="METRICS_", env_file=".env", extra="ignore")

    poll_interval_s: float = 0.5
    # A fresh target's first poll comes within this many seconds of publication (spread by its
    # phase); from the second poll on, a burst is spread over the whole band interval anyway.
    first_poll_spread_s: float = 10.0
    claim_batch_size: int = 200
    # While a target is being polled it is hidden from other replicas for this long; a replica
    # that dies mid-poll hands its claimed targets to the others when the lease runs out.
    poll_lease_s: float = 60.0
    # Share of every shared rate-limit bucket that metrics leaves to the publisher: a read is
    # made only while the bucket holds more than this fraction of its capacity (at least 1 token).
    budget_reserve_ratio: float = 0.25
    # A post's (or account's) reads stop after this many failures in a row that retrying cannot fix
    # (auth_expired, invalid) until the account's read credentials are put again; transient
    # failures and rate limits never stop them.
    stop_after_failures: int = Field(3, ge=1)
    # Follower counts are read once per account per this period.
    followers_every_s: float = 86_400.0
    followers_batch_size: int = 100
    # Raw points older than this are folded into one daily point per target and day.
    raw_retention_days: int = 30
    downsample_every_s: float = 3600.0
    # Facebook page webhooks: the app secret signs pushes (X-Hub-Signature-256), the verify
    # token answers the subscription handshake. Empty secret: pushes are refused.
    facebook_app_secret: str = ""
    facebook_verify_token: str = ""
    # Opens the read credentials the publisher seals for us on Kafka (smmkit.sealed; docs/connections.md). The
    # publisher holds the public half (PUBLISHER_METRICS_SEAL_PUBLIC_KEY). The default is for development only.
    seal_private_key: str = DEV_PRIVATE_KEY

    def development_values(self) -> dict[str, bool]:
        """Refused in production (smmkit.app): anyone can open what the development key seals."""
        return {"METRICS_SEAL_PRIVATE_KEY": self.seal_private_key == DEV_PRIVATE_KEY}


@lru_cache
def get_metrics_settings() -> MetricsSettings:
    return MetricsSettings()
