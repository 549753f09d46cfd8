from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from smmkit.sealed import DEV_PRIVATE_KEY, public_key_of
from smmkit.settings import NetworkEndpoints
from smmkit.urlguard import parse_cidrs


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
    # ... and transient errors (a network answering 5xx or not at all) are retried for at least this long from
    # the target's due time, however many attempts that takes (a network down for a few minutes fails nothing)
    retry_for_s: float = 900.0
    # HTTP connection pools per network (accounts are spread over them); see targets.publishing.http_for.
    http_shards: int = 16
    # What does the HTTP I/O under the adapters' httpx API: "aiohttp" (far less CPU per request under
    # load) or "httpx"; see networks.http.
    http_transport: Literal["aiohttp", "httpx"] = "aiohttp"
    # A rate-limit wait up to this long is spent in the worker; a longer one puts the target back
    # (state "received", next_attempt_at = now + wait) so the worker is free for other targets.
    rate_limit_hold_max_s: float = 2.0
    # Redis (the rate-limit budgets) not answering: the target is put back for this long, the network uncalled.
    budget_retry_s: float = 1.0
    # Non-public networks media may be downloaded from, comma-separated CIDRs ("127.0.0.0/8" for the sandbox).
    media_allowed_networks: str = ""
    # Tokens that expire (credentials with "expires_at") are renewed this long before they do.
    renew_before_s: float = 600.0
    renew_interval_s: float = 60.0

    # Connecting accounts (docs/connections.md). The callback URL registered with every network's app: the
    # platform's public origin (the gateway, `smm up`) plus the root route /connections/callback.
    connect_callback_url: str = "http://127.0.0.1:8080/connections/callback"
    # How long a person has to come back from the consent screen with their ``state``.
    connect_state_ttl_s: float = Field(600.0, gt=0, le=3600)
    # Our app on each network: {"x": {"client_id": "...", "client_secret": "..."}} (PUBLISHER_OAUTH_CLIENTS, JSON).
    # Mastodon registers one per instance instead. Missing ones are development placeholders.
    oauth_clients: dict[str, dict[str, str]] = Field(default_factory=dict)
    # The metrics service's public key (smmkit.sealed): read credentials are sealed for it on Kafka.
    metrics_seal_public_key: str = public_key_of(DEV_PRIVATE_KEY)

    def oauth_client(self, network: str) -> dict[str, str]:
        given = self.oauth_clients.get(network) or {}
        return {"client_id": given.get("client_id") or f"smm-dev-{network}",
                "client_secret": given.get("client_secret") or "smm-dev-secret"}

    def development_values(self) -> dict[str, bool]:
        """Refused in production (smmkit.app): the development seal key, and networks without our own OAuth app."""
        return {"PUBLISHER_METRICS_SEAL_PUBLIC_KEY": self.metrics_seal_public_key == public_key_of(DEV_PRIVATE_KEY),
                "PUBLISHER_OAUTH_CLIENTS": any(not (c.get("client_id") and c.get("client_secret"))
                                               for c in self.oauth_clients.values())}

    @property
    def media_allowed_cidrs(self) -> tuple[str, ...]:
        return parse_cidrs(self.media_allowed_networks)


@lru_cache
def get_publisher_settings() -> PublisherSettings:
    return PublisherSettings()
