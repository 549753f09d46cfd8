"""Every string and number a request can carry is bounded, so nothing a client sends can fail in the database.

The test walks each service's OpenAPI document: every request body (through every ``$ref``) and every path,
query and header parameter. The rules:

* a ``string`` needs ``maxLength`` and the pattern that forbids NUL (``smmkit.validation.text``), because
  PostgreSQL ``text`` cannot hold NUL and an unbounded string is a memory and storage hazard; another pattern
  does instead when it is anchored (``^…$``) and lists every character it takes (no ``.``, no negated class or
  shorthand that lets NUL in), like the local wall-clock times' ``^20[0-9]{2}-…$``; exempt are
  - an ``enum`` or ``const``: only the listed values get through, and we wrote those;
  - a value parsed into something that is not a string (``format`` uuid, date-time, date or time): the parser
    refuses NUL and any length beyond the format's, and what is stored is the UUID or timestamp, never the text;
  - ``format: uri`` (``smmkit.validation.Link``) still needs ``maxLength``: the URL parser percent-encodes
    control characters (NUL cannot come through) but keeps the length;
* an ``integer`` or ``number`` needs a minimum and a maximum (``minimum``/``exclusiveMinimum`` ...), because
  PostgreSQL integers overflow and dates computed from numbers leave the calendar;
* a value with no type at all (``Any``, an array without ``items``) cannot be checked, so it fails too.
"""
from __future__ import annotations

from collections.abc import Iterator

import re

import pytest

from smmkit.settings import CommonSettings
from smmkit.validation import text
from pydantic import TypeAdapter
from tests.utils.apps import SERVICES, build

NUL_BAN = TypeAdapter(text(max_length=1)).json_schema()["pattern"]
PARSED_FORMATS = {"uuid", "date-time", "date", "time"}
COMPOSITES = ("anyOf", "oneOf", "allOf")


def _document(service: str) -> dict:
    return build(service, CommonSettings()).openapi()


# what lets any character (NUL too) through a pattern: ".", a negated class, \S \W \D, or NUL itself
_LETS_NUL_IN = re.compile(r"(?<!\\)\.|\[\^|\\[SWD0]|\\x00|\\u0000")


def refuses_nul(pattern: str | None) -> bool:
    if pattern == NUL_BAN:
        return True
    return bool(pattern) and pattern.startswith("^") and pattern.endswith("$") and not _LETS_NUL_IN.search(pattern)


def _string_problem(node: dict) -> str | None:
    if "enum" in node or "const" in node or node.get("format") in PARSED_FORMATS:
        return None
    if "maxLength" not in node:
        return "a string without maxLength"
    if node.get("format") != "uri" and not refuses_nul(node.get("pattern")):
        return "a string that does not forbid NUL (pattern)"
    return None


def _number_problem(node: dict) -> str | None:
    low = "minimum" in node or "exclusiveMinimum" in node
    high = "maximum" in node or "exclusiveMaximum" in node
    return None if low and high else f"an {node['type']} without minimum and maximum"


def problems(node, doc: dict, where: str, seen: frozenset = frozenset()) -> Iterator[str]:
    """Every unbounded value in the schema ``node`` (``where`` names it in the failure)."""
    if not isinstance(node, dict):
        return  # additionalProperties: true/false
    if "$ref" in node:
        ref = node["$ref"]
        if ref not in seen:  # recursive models are walked once
            target = doc
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            yield from problems(target, doc, f"{where} → {ref.rsplit('/', 1)[-1]}", seen | {ref})
        return
    for key in COMPOSITES:
        for i, sub in enumerate(node.get(key, ())):
            yield from problems(sub, doc, f"{where}.{key}[{i}]", seen)
    for key in ("properties", "patternProperties"):
        for name, sub in node.get(key, {}).items():
            yield from problems(sub, doc, f"{where}.{name}", seen)
    for key in ("items", "additionalProperties"):
        if key in node:
            yield from problems(node[key], doc, f"{where}[{key}]", seen)
    if "propertyNames" in node:  # the keys of an object: strings, even where the schema leaves the type out
        yield from problems({"type": "string", **node["propertyNames"]}, doc, f"{where}[keys]", seen)
    kind = node.get("type")
    if kind == "string":
        problem = _string_problem(node)
    elif kind in ("integer", "number"):
        problem = _number_problem(node)
    elif kind is None and not any(k in node for k in (*COMPOSITES, "enum", "const", "properties")):
        problem = "an untyped value"
    else:
        problem = None
    if problem:
        yield f"{where}: {problem}"


def request_problems(doc: dict) -> Iterator[str]:
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            op = f"{method.upper()} {path}"
            for param in operation.get("parameters", ()):
                yield from problems(param["schema"], doc, f"{op} {param['in']} {param['name']}")
            for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
                yield from problems(content.get("schema", {}), doc, f"{op} body ({media_type})")


@pytest.mark.parametrize("service", SERVICES)
def test_every_request_string_and_number_is_bounded(service):
    found = sorted(set(request_problems(_document(service))))
    assert not found, f"{len(found)} unbounded request values in {service}:\n" + "\n".join(found)


def test_only_patterns_that_list_their_characters_refuse_nul():
    assert refuses_nul(NUL_BAN) and refuses_nul(r"^20[0-9]{2}-[01][0-9]T[0-2][0-9](\.[0-9]{1,6})?$")
    for pattern in (None, "^a.*$", "^[^a]+$", r"^\S+$", "^20", r"^a\x00$", "[a-z]+"):
        assert not refuses_nul(pattern), pattern


def test_the_walk_finds_what_it_must():
    doc = {"paths": {"/x": {"post": {
        "parameters": [{"in": "query", "name": "q", "schema": {"type": "string", "maxLength": 5}}],
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/M"}}}}}}},
        "components": {"schemas": {"M": {"type": "object", "properties": {
            "n": {"type": "integer", "minimum": 0},
            "ok": {"type": "string", "maxLength": 5, "pattern": NUL_BAN},
            "id": {"type": "string", "format": "uuid"},
            "kind": {"type": "string", "enum": ["a", "b"]},
            "url": {"type": "string", "format": "uri"},
            "tags": {"type": "array", "items": {"anyOf": [{"type": "number", "maximum": 1, "minimum": 0},
                                                          {"type": "string"}]}},
            "any": {},
            "self": {"$ref": "#/components/schemas/M"}}}}}}
    assert sorted(request_problems(doc)) == [
        "POST /x body (application/json) → M.any: an untyped value",
        "POST /x body (application/json) → M.n: an integer without minimum and maximum",
        "POST /x body (application/json) → M.tags[items].anyOf[1]: a string without maxLength",
        "POST /x body (application/json) → M.url: a string without maxLength",
        "POST /x query q: a string that does not forbid NUL (pattern)",
    ]
