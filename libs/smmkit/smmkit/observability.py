"""Structured JSON logs, Prometheus metrics and the metric names every service shares."""
from __future__ import annotations

import logging
import sys

import structlog
from prometheus_client import Counter, Gauge, Histogram

# Bind tenant_id / event_id / correlation_id with ``bind_context`` and every log line carries them.
bind_context = structlog.contextvars.bind_contextvars
clear_context = structlog.contextvars.clear_contextvars
bound_context = structlog.contextvars.bound_contextvars

_SECRET_KEYS = {"password", "token", "access_token", "refresh_token", "api_key", "secret", "authorization", "credentials"}


def _drop_secrets(_, __, event_dict):
    """Belt and braces: a secret passed to a logger by mistake is masked, never written."""
    for key in list(event_dict):
        if key.lower() in _SECRET_KEYS:
            event_dict[key] = "***"
    return event_dict


def configure_logging(service: str, *, level: str = "INFO", json: bool = True) -> None:
    processors = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _drop_secrets,
        structlog.processors.format_exc_info,
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(),
    ]
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(service=service)
    logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format="%(message)s")


def get_logger(name: str | None = None):
    return structlog.get_logger(name)


EVENTS_CONSUMED = Counter("smm_events_consumed_total", "Events consumed", ["topic", "consumer", "outcome"])
EVENTS_PRODUCED = Counter("smm_events_produced_total", "Events produced", ["topic"])
HANDLER_SECONDS = Histogram(
    "smm_handler_seconds", "Time in one event handler", ["topic", "consumer"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DLQ_EVENTS = Counter("smm_dlq_events_total", "Events sent to a dead-letter topic", ["topic", "consumer", "reason"])
OUTBOX_BACKLOG = Gauge("smm_outbox_backlog", "Outbox rows not yet published")
OUTBOX_OLDEST_AGE = Gauge("smm_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row")
CONSUMER_LAG = Gauge("smm_consumer_lag", "Messages behind the end of the partition", ["topic", "partition", "consumer"])
