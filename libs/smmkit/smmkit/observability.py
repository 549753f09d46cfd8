"""Structured JSON logs, Prometheus metrics and the metric names every service shares."""
from __future__ import annotations

import logging
import re
import sys
import uuid

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


# Libraries whose standard-library loggers we route through structlog (uvicorn installs handlers of its own).
LIBRARY_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "aiokafka", "alembic", "sqlalchemy", "httpx",
                   "httpcore", "asyncio")


class _Stdout:
    """Whatever ``sys.stdout`` is when a line is written, not when logging was configured: a stream captured and
    closed later (pytest's capsys) never takes the process's logging down with it."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


_STDOUT = _Stdout()


def configure_logging(service: str, *, level: str = "INFO", json: bool = True) -> None:
    """structlog for our loggers and every library's: one JSON object per line, with the bound
    ``tenant_id`` / ``correlation_id`` / ``event_id`` (contextvars) on library lines as on ours."""
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info,
                    _drop_secrets,  # after the traceback is text: an exception's message may quote a URL
                    renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(_STDOUT),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(service=service)
    handler = logging.StreamHandler(_STDOUT)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name, structlog.stdlib.ExtraAdder()],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info, _drop_secrets, renderer],
    ))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)
    for name in LIBRARY_LOGGERS:  # their levels stay (uvicorn's --log-level sets them); their output is ours
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
    logging.getLogger("alembic").setLevel(logging.INFO)
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

_CORRELATION_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")


class CorrelationId:
    """ASGI middleware: each request's log lines carry ``correlation_id``: the caller's ``X-Correlation-ID``
    when it is a plain token of at most 128 characters, else a new one; the answer echoes it."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-correlation-id"), "")
        correlation_id = given if _CORRELATION_ID.fullmatch(given) else uuid.uuid4().hex

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-correlation-id", correlation_id.encode())]
            await send(message)

        with bound_context(correlation_id=correlation_id):
            await self.app(scope, receive, send_with_id)
