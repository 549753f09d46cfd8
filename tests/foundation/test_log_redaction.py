"""Secrets inside URLs never reach a log line: structlog events, tracebacks and uvicorn's access log."""
import logging

import pytest

from smmkit.observability import configure_logging, get_logger


@pytest.fixture(autouse=True)
def _logging_on_the_sessions_stdout():
    """These tests configure logging while capsys holds stdout; structlog keeps the stream it was given, so
    afterwards it is configured again on the session's own (capsys closes its stream: every later log call
    of the session raised "I/O operation on closed file", and a 503 answer became a 500)."""
    yield
    configure_logging("tests")

BOT_URL = "http://127.0.0.1:9/bot12345:AAH-secret-bot/sendMessage"


def test_a_url_secret_in_an_event_or_a_traceback_is_redacted(capsys):
    configure_logging("redaction-test")
    log = get_logger("test")
    log.warning("call failed", url=BOT_URL, access_token="plain")
    try:
        raise RuntimeError(f"Cannot connect to {BOT_URL}")
    except RuntimeError:
        log.exception("crashed")
    out = capsys.readouterr().out
    assert "AAH-secret-bot" not in out and "plain" not in out
    assert "/bot<redacted>/sendMessage" in out
    assert "RuntimeError" in out, "the traceback itself is kept"


def test_uvicorns_access_log_keeps_its_format_without_the_tokens(capsys):
    configure_logging("redaction-test")
    access = logging.getLogger("uvicorn.access")
    access.setLevel(logging.INFO)
    record = access.makeRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/webhooks/facebook?hub.verify_token=v3r1fy&x=1",
                                "1.1", 200), None)
    access.handle(record)
    review = access.makeRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "POST", "/review/eyJhbGciOi.secret/approve", "1.1", 200), None)
    access.handle(review)
    assert record.args[4] == 200, "the status stays a number for uvicorn's formatter"
    assert record.getMessage() == ('127.0.0.1:5000 - "GET /webhooks/facebook?hub.verify_token=<redacted>&x=1 '
                                   'HTTP/1.1" 200')
    assert review.getMessage() == '127.0.0.1:5000 - "POST /review/<redacted>/approve HTTP/1.1" 200'
    assert "v3r1fy" not in capsys.readouterr().out
