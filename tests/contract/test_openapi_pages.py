"""Every list a GET answers is paged (``smmkit.pagination``): no operation answers a bare JSON array, except the
few whose size validation bounds (listed here and in docs/versioning.md). A paged one takes ``limit`` with its
documented default and maximum and ``cursor``, and answers ``{"items": [...], "next_cursor"}``."""
from __future__ import annotations

import pytest
from smmkit.pagination import DEFAULT_LIMIT, MAX_LIMIT
from smmkit.settings import CommonSettings

from tests.utils.apps import SERVICES, build

# (service, path): why it may stay an array
BOUNDED = {
    ("planner", "/pillars"): "at most 100 pillars (PillarsReplace)",
    ("planner", "/accounts/{account_id}/slots"): "at most 672 weekly slots (SlotsReplace)",
    ("planner", "/recurrences/{recurrence_id}/occurrences"): "at most 1000; a longer range is a 422",
}


def _resolve(schema: dict, doc: dict) -> dict:
    while "$ref" in schema:
        target = doc
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def _json_answers(operation: dict, doc: dict):
    for code, answer in operation.get("responses", {}).items():
        if code.startswith("2"):
            for media, content in (answer.get("content") or {}).items():
                if "json" in media and "schema" in content:
                    yield _resolve(content["schema"], doc)


def _is_array(schema: dict, doc: dict) -> bool:
    return schema.get("type") == "array" or any(
        _is_array(_resolve(s, doc), doc) for s in schema.get("anyOf", ()) + schema.get("oneOf", ()))


@pytest.mark.parametrize("service", SERVICES)
def test_no_get_answers_a_bare_array_and_every_page_takes_limit_and_cursor(service):
    doc = build(service, CommonSettings()).openapi()
    arrays, paged = [], 0
    for path, item in doc["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        for schema in _json_answers(operation, doc):
            if _is_array(schema, doc):
                if (service, path) not in BOUNDED:
                    arrays.append(path)
                continue
            if set(schema.get("properties", {})) != {"items", "next_cursor"}:
                continue
            paged += 1
            params = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
            assert {"limit", "cursor"} <= set(params), f"{path}: a page without limit and cursor"
            limit = params["limit"]["schema"]
            assert (limit.get("default"), limit.get("minimum"), limit.get("maximum")) == (DEFAULT_LIMIT, 1, MAX_LIMIT), \
                path
            assert not params["limit"].get("required") and not params["cursor"].get("required"), path
            assert _resolve(schema["properties"]["items"], doc).get("type") == "array", path
    assert arrays == [], f"{service}: GET answering a bare (unpaged) array: {arrays}; page it (smmkit.pagination) " \
                         "or, if validation bounds its size, add it to BOUNDED and docs/versioning.md"
    assert paged >= 1, f"{service}: at least its operator's dead-letter list is paged"
    for path in (p for s, p in BOUNDED if s == service):
        assert "get" in doc["paths"].get(path, {}), f"{service} {path}: gone; drop it from BOUNDED"
