"""Structured JSON logs, Prometheus metrics and the metric names every service shares."""
from __future__ import annotations

import logging
import re
import sys

import structlog
from prometheus_client import Counter, Gauge, Histogram

# Bind tenant_id / event_id / correlation_id with ``bind_context`` and every log line carries them.
bind_context = structlog.contextvars.bind_contextvars
clear_context = structlog.contextvars.clear_contextvars
bound_context = structlog.contextvars.bound_contextvars

_SECRET_KEYS = {"password", "token", "access_token", "refresh_token", "api_key", "secret", "authorization", "credentials"}

# Secrets that travel inside URLs: Telegram's bot token in the path, OAuth and Meta secrets (and Facebook's
# webhook verify token) as query parameters, a review link's or a web invite's token in its path.
_SECRET_IN_URL = re.compile(
    r"(/bot)[^/\s\"]+(?=/)"
    r"|((?:access_token|fb_exchange_token|client_secret|refresh_token|input_token|verify_token|password)=)[^&\s\"]+"
    r"|(/(?:review|invite)/)[^/?\s\"]+"
)


def redact_secrets(text: str) -> str:
    """Replace tokens that may appear inside a URL with ``<redacted>``."""
    return _SECRET_IN_URL.sub(lambda m: next(g for g in m.groups() if g) + "<redacted>", text)


def _drop_secrets(_, __, event_dict):
    """Belt and braces: a secret passed to a logger by mistake is masked, never written; so is one in a URL."""
    for key, value in event_dict.items():
        if key.lower() in _SECRET_KEYS:
            event_dict[key] = "***"
        elif isinstance(value, str):
            event_dict[key] = redact_secrets(value)
    return event_dict


class _RedactSecrets(logging.Filter):
    """For standard-library loggers: the message and its arguments are scrubbed in place (uvicorn's access
    formatter reads the arguments, so they stay a tuple: client, method, path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_secrets(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(a if isinstance(a, (int, float)) else redact_secrets(str(a)) for a in record.args)
        return True


def install_log_redaction(*names: str) -> None:
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactSecrets) for f in logger.filters):
            logger.addFilter(_RedactSecrets())


def configure_logging(service: str, *, level: str = "INFO", json: bool = True) -> None:
    processors = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        _drop_secrets,  # after the traceback is text: an exception's message may quote a URL
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
    # uvicorn's access log carries each request's path and query (review-link tokens, verify tokens)
    install_log_redaction("uvicorn.access", "uvicorn.error", "httpx", "httpcore")


def get_logger(name: str | None = None):
    return structlog.get_logger(name)


EVENTS_CONSUMED = Counter("smm_events_consumed_total", "Events consumed", ["topic", "consumer", "outcome"])
EVENTS_PRODUCED = Counter("smm_events_produced_total", "Events produced", ["topic"])
HANDLER_SECONDS = Histogram(
    "smm_handler_seconds", "Time in one event handler", ["topic", "consumer"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DLQ_EVENTS = Counter("smm_dlq_events_total", "Events sent to a dead-letter topic", ["topic", "consumer", "reason"])
BROKER_RECOVERIES = Counter("smm_broker_recoveries_total",
                            "Times this process found the broker had lost its data and recovered", ["service"])
OUTBOX_BACKLOG = Gauge("smm_outbox_backlog", "Outbox rows not yet published")
OUTBOX_OLDEST_AGE = Gauge("smm_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row")
CONSUMER_LAG = Gauge("smm_consumer_lag", "Messages behind the end of the partition", ["topic", "partition", "consumer"])
