"""Property-based fuzzing of every service's OpenAPI with schemathesis, against the real services.

``SMM_FUZZ_EXAMPLES`` sets the examples per operation for tenant A (default 25: about a minute and a half for
all four services on two cores); the other identities get a quarter. ``SMM_FUZZ_RANDOM=1`` draws new inputs each
run instead of the same ones, ``SMM_FUZZ_COVERAGE=1`` adds schemathesis' coverage phase (``bench/fuzz.py`` does
both, with a longer budget). ``Platform.aim`` points id parameters at data seeded for tenant A. A stateful phase
follows as tenant A: FastAPI documents no OpenAPI links, so schemathesis infers them from the response schemas
and path parameters (``POST /brands`` → ``PATCH /brands/{brand_id}`` …) and chains calls with the ids the
services answered with; ``SMM_FUZZ_STEPS`` sets its scenarios per service (default 10).
"""
from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from schemathesis.config import SchemathesisConfig

from smmkit.validation import text
from tests.fuzz.platform import Platform, fuzz_platform, sign_webhook_body

EXAMPLES = int(os.environ.get("SMM_FUZZ_EXAMPLES", "25"))
RANDOM = os.environ.get("SMM_FUZZ_RANDOM") == "1"
# schemathesis' coverage phase (every boundary of every field, deterministically) sends ten times the requests
COVERAGE = os.environ.get("SMM_FUZZ_COVERAGE") == "1"

# What every answer must satisfy: no 5xx, and status, content type, headers and body as the OpenAPI document
# says (errors included: problem+json). Checks that judge the API's business rules against the schema alone
# (valid-looking data must be accepted, invalid-looking data refused ...) are off: a 404 for an id that does not
# exist, a 409 for a post already dispatched or a 422 for an unknown time zone are right answers.
CHECKS = {"enabled": False, **{name: {"enabled": True} for name in (
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_headers_conformance", "response_schema_conformance")}}
CONFIG = SchemathesisConfig.from_dict({
    "checks": CHECKS, "phases": {"stateful": {"enabled": False}, "coverage": {"enabled": COVERAGE}}})
# The stateful phase's links are inferred only where the phase is on.
STATEFUL_CONFIG = SchemathesisConfig.from_dict({"checks": CHECKS})
STATEFUL_SCENARIOS = int(os.environ.get("SMM_FUZZ_STEPS", "10"))

# Dates and times as the services accept them (smmkit.validation: 2000 up to 2100, with an offset): the default
# strategies draw years 0001-9999 that the documented pattern then filters out, nearly all of them, slowly.
_OFFSETS = st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))])
schemathesis.openapi.format("date-time", st.builds(
    lambda at, tz: at.replace(tzinfo=tz).isoformat(),
    st.datetimes(datetime(2000, 1, 2), datetime(2099, 12, 30)), _OFFSETS))
schemathesis.openapi.format("date", st.dates(date(2000, 1, 1), date(2099, 12, 31)).map(date.isoformat))


NUL_BAN = TypeAdapter(text(max_length=1)).json_schema()["pattern"]


def for_generation(node):
    """The document without its NUL-ban patterns (``tests/contract/test_openapi_bounds.py`` checks they are there).

    schemathesis folds ``maxLength`` into such a pattern (``[^\\x00]{0,100000}``), which takes it seconds to
    compile per field; without the pattern, generated strings also carry NUL now and then, the very input the
    services must refuse with a 422."""
    if isinstance(node, dict):
        return {k: for_generation(v) for k, v in node.items() if not (k == "pattern" and v == NUL_BAN)}
    if isinstance(node, list):
        return [for_generation(v) for v in node]
    return node


def stateful_budget() -> settings:
    return settings(max_examples=STATEFUL_SCENARIOS, stateful_step_count=8, deadline=None, derandomize=not RANDOM,
                    database=None, suppress_health_check=list(HealthCheck))


def budget(identity: str) -> settings:
    examples = EXAMPLES if identity == "tenant" else max(2, EXAMPLES // 4)
    return settings(max_examples=examples, deadline=None, derandomize=not RANDOM, database=None,
                    suppress_health_check=list(HealthCheck))


_running: dict[str, Platform] = {}


@pytest.fixture(scope="session")
def platform(settings) -> Platform:
    with fuzz_platform(settings) as p:
        _running["platform"] = p
        yield p
        _running.clear()
        if os.environ.get("SMM_FUZZ_REPORT"):  # for bench/fuzz.py
            Path(os.environ["SMM_FUZZ_REPORT"]).write_text(json.dumps(p.report()))


@schemathesis.hook
def before_call(context, case, kwargs):
    if "platform" in _running:
        sign_webhook_body(_running["platform"], case, kwargs)
