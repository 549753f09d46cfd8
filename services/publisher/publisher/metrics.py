"""Prometheus metrics of the publisher (the Grafana dashboard in deploy/ reads these names)."""
from datetime import datetime

from prometheus_client import Counter, Histogram

PUBLISH_LATENESS = Histogram(
    "smm_publish_lateness_seconds", "Publish time minus scheduled time", ["network"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600),
)
PUBLISH_OUTCOMES = Counter(
    "smm_publish_outcomes", "Publish attempts by outcome "
    "(published|failed|rate_limited|transient|uncertain|auth_expired|invalid)", ["network", "outcome"],
)
PUBLISH_RETRIES = Counter("smm_publish_retries", "Publish attempts that are retries", ["network"])
RATE_LIMIT_WAIT = Counter("smm_rate_limit_wait_seconds", "Time targets spent waiting on rate limits", ["network"])


def observe_published(network: str, *, scheduled_at: datetime, published_at: datetime) -> None:
    PUBLISH_OUTCOMES.labels(network, "published").inc()
    PUBLISH_LATENESS.labels(network).observe(max(0.0, (published_at - scheduled_at).total_seconds()))


def observe_outcome(network: str, outcome: str) -> None:
    PUBLISH_OUTCOMES.labels(network, outcome).inc()


def observe_retry(network: str) -> None:
    PUBLISH_RETRIES.labels(network).inc()


def observe_rate_limit_wait(network: str, seconds: float) -> None:
    if seconds > 0:
        RATE_LIMIT_WAIT.labels(network).inc(seconds)
