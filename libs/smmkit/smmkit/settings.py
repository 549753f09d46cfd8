"""Settings shared by every service, read from the environment (see .env.example).

Service-specific knobs live in each service's own ``settings.py`` with its own
prefix (``PLANNER_``, ``PUBLISHER_`` ...); what every process needs is here.
"""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from smmkit.catalogue import CATALOGUE
from smmkit.crypto import is_fernet_key
from smmkit.urlguard import parse_cidrs

PLACEHOLDER = "change-me"

# Where each network's API lives in production (from the catalogue); services override them
# (the sandbox in ``make up`` and the tests), always with base URLs shaped like these: no path.
REAL_NETWORK_BASE_URLS = {name: spec.write_base_url for name, spec in CATALOGUE.items()}

DEFAULT_EVENT_MAX_BYTES = 524_288
# What a record carries besides its value: key, batch overhead and, on a dead letter, the dlq-* headers.
EVENT_HEADROOM_BYTES = 16_384


class CommonSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: str = Field("development", description="development | test | production")
    database_url: str = "postgresql://postgres@127.0.0.1:5432/smm"
    redis_url: str = "redis://127.0.0.1:6379/0"
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    # On for Apache Kafka; tansu (the local broker) fails InitProducerId, so off by default.
    kafka_idempotence: bool = False
    kafka_partitions: int = 6
    kafka_replication_factor: int = 1
    kafka_session_timeout_ms: int = 10_000
    kafka_heartbeat_interval_ms: int = 3_000
    # How often each process asks the broker for its cluster id: a new one means it lost its data (smmkit.brokerwatch).
    broker_check_interval_s: float = Field(2.0, gt=0)
    # How often each process rereads which tenants are suspended (smmkit.tenancy.Suspensions): the delay, at
    # most, before every service refuses a tenant the operator suspended.
    suspension_refresh_s: float = Field(1.0, gt=0, le=60)
    consumer_max_attempts: int = 5
    consumer_retry_base_s: float = 0.2
    # The producer refuses a record over this before sending it (Kafka's default: 1 MiB); consumers fetch
    # at least this much per partition, so whatever was produced can be consumed.
    kafka_max_request_bytes: int = Field(1_048_576, ge=65_536)
    # An event's encoded size is checked when its transaction commits, before the outbox: one over the
    # limit is refused (413) and never reaches the relay. Well under the producer's limit, so a
    # dead-lettered copy with its dlq-* headers still fits.
    event_max_bytes: int = Field(DEFAULT_EVENT_MAX_BYTES, ge=1024)

    # Request bodies: this many bytes unless a route declares more (``smmkit.bodylimit.body_limit``).
    http_body_limit_bytes: int = Field(65_536, ge=1024)
    # Requests per API key per service, refilled evenly over the window (a token bucket in Redis, shared
    # by the replicas). 0 turns the limit off.
    api_rate_limit: int = Field(1200, ge=0)
    api_rate_limit_window_s: float = Field(60.0, gt=0)
    # The same per client address, for public routes (review links) and requests without a valid key.
    public_rate_limit: int = Field(300, ge=0)

    operator_token: str = PLACEHOLDER
    # Comma-separated Fernet keys, newest first: the first encrypts, all decrypt (rotation).
    secret_keys: str = PLACEHOLDER
    # HMAC secret shared by the publisher (signs tracked links) and attribution (verifies them).
    tracking_secret: str = PLACEHOLDER
    attribution_public_url: str = "http://127.0.0.1:8004"
    # Non-public networks tenant webhooks may be delivered to, comma-separated CIDRs (none in production).
    webhook_allowed_networks: str = ""

    log_level: str = "INFO"
    log_json: bool = True
    # Tests only: every span of this process as a JSON line appended to this file (smmkit.tracing). Production
    # exports over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; with neither, tracing is off.
    trace_file: str = ""

    @model_validator(mode="after")
    def _refuse_placeholders_outside_development(self) -> "CommonSettings":
        if self.environment == "production":
            for name in ("operator_token", "secret_keys", "tracking_secret"):
                if getattr(self, name) == PLACEHOLDER:
                    raise ValueError(f"{name.upper()} must be set in production")
            keys = [k for k in self.secret_keys.split(",") if k.strip()]
            if not keys or not all(is_fernet_key(k) for k in keys):
                # a passphrase would be hashed into a key: guessable, and never what an operator meant
                raise ValueError("SECRET_KEYS must be Fernet keys in production (comma-separated, newest first); "
                                 "make one with: python -c 'from cryptography.fernet import Fernet; "
                                 "print(Fernet.generate_key().decode())'")
        return self

    @model_validator(mode="after")
    def _events_fit_the_producer(self) -> "CommonSettings":
        if self.event_max_bytes + EVENT_HEADROOM_BYTES > self.kafka_max_request_bytes:
            raise ValueError(f"EVENT_MAX_BYTES must stay {EVENT_HEADROOM_BYTES} bytes under KAFKA_MAX_REQUEST_BYTES "
                             "(room for the key, the record overhead and a dead letter's headers)")
        return self

    @property
    def webhook_allowed_cidrs(self) -> tuple[str, ...]:
        return parse_cidrs(self.webhook_allowed_networks)

    @property
    def is_local_broker(self) -> bool:
        return not self.kafka_idempotence


class NetworkEndpoints(BaseSettings):
    """Base URLs of the social networks, for services that call them (publisher, metrics)."""

    # JSON objects; networks not named keep their real base URL. ``make up`` points them all at the sandbox.
    network_base_urls: dict[str, str] = Field(default_factory=dict)
    # Where public reads live when not on the write API (Bluesky's AppView); default: the catalogue's.
    network_read_urls: dict[str, str] = Field(default_factory=dict)
    http_timeout_s: float = 10.0

    def base_url(self, network: str) -> str:
        return self.network_base_urls.get(network) or CATALOGUE[network].write_base_url

    def read_url(self, network: str) -> str:
        """Where reads go: an explicit read URL, else the catalogue's read URL for a network that has one
        (unless its write API was moved, e.g. to a sandbox), else the write base URL."""
        if network in self.network_read_urls:
            return self.network_read_urls[network]
        spec = CATALOGUE[network]
        if spec.read_base_url and network not in self.network_base_urls:
            return spec.read_base_url
        return self.base_url(network)


@lru_cache
def get_settings() -> CommonSettings:
    return CommonSettings()
