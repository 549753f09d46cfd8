"""Every service's OpenAPI is one a client generator can use as is, and the merged document is the code's.

Per operation: a unique snake_case operationId made from its tag and function name, tags, a summary written
for it (not FastAPI's title-cased function name), problem+json for 422 and every other 4xx and 5xx, and an
example on every JSON body. The merged document (docs/openapi.yaml) must equal what ``make docs`` writes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from smmkit import openapi
from smmkit.settings import CommonSettings
from tests.utils.apps import SERVICES, build

ROOT = Path(__file__).resolve().parents[2]
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}


def _operations(doc: dict):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


@pytest.fixture(scope="module", params=SERVICES)
def service_app(request):
    return request.param, build(request.param, CommonSettings())


def test_every_operation_is_named_tagged_summarised_and_answers_problems(service_app):
    service, app = service_app
    doc = app.openapi()
    operations = list(_operations(doc))
    assert len(operations) > 5, service
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids)), f"{service}: repeated operationIds {sorted(i for i in ids if ids.count(i) > 1)}"
    problems = []
    for method, path, op in operations:
        where = f"{service} {method.upper()} {path}"
        if not SNAKE.match(op["operationId"]):
            problems.append(f"{where}: operationId {op['operationId']!r} is not snake_case")
        if not op.get("tags"):
            problems.append(f"{where}: no tags")
        elif not op["operationId"].startswith(re.sub(r"[^a-z0-9]+", "_", op["tags"][0].lower()).strip("_")):
            problems.append(f"{where}: operationId {op['operationId']!r} does not start with its tag")
        if not op.get("summary") or op["summary"] == op["summary"].title():  # FastAPI's: "Create Post"
            problems.append(f"{where}: no summary of its own (FastAPI's default {op.get('summary')!r})")
        responses = op["responses"]
        for code in ("422", "4XX", "5XX"):
            if code not in responses:
                problems.append(f"{where}: {code} not documented")
        for code, response in responses.items():
            if code[0] in "45":
                content = response.get("content", {})
                if list(content) != ["application/problem+json"] or \
                        content["application/problem+json"]["schema"] != {"$ref": "#/components/schemas/Problem"}:
                    problems.append(f"{where}: {code} is not problem+json with the Problem schema")
        for part in [op.get("requestBody", {}), *responses.values()]:
            for media_type, content in part.get("content", {}).items():
                if "json" in media_type and "schema" in content and "example" not in content \
                        and "examples" not in content:
                    problems.append(f"{where}: a {media_type} body without an example")
    assert not problems, "\n".join(problems)
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert {"errors", "violations"} <= set(schemas["Problem"]["properties"])


def test_operation_ids_read_as_the_examples_promise():
    doc = build("planner", CommonSettings()).openapi()
    ids = {(method, path): op["operationId"] for method, path, op in _operations(doc)}
    assert ids[("post", "/posts")] == "posts_create"
    assert ids[("get", "/posts")] == "posts_list"
    assert ids[("get", "/calendar")] == "calendar_get"
    examples = doc["paths"]["/posts"]["post"]["responses"]["422"]["content"]["application/problem+json"]["example"]
    assert examples["status"] == 422 and examples["errors"][0]["loc"]


def test_merged_document_is_what_make_docs_writes():
    committed = ROOT / "docs" / openapi.MERGED_NAME
    assert committed.exists(), "run `make docs`"
    assert committed.read_text() == openapi.merged_yaml(ROOT), "docs/openapi.yaml is stale: run `make docs`"


def test_merged_document_routes_every_operation_under_v1_once():
    merged = yaml.safe_load((ROOT / "docs" / openapi.MERGED_NAME).read_text())
    documents = openapi.service_documents()
    count = sum(1 for doc in documents.values() for _ in _operations(doc))
    operations = list(_operations(merged))
    assert len(operations) == count, "every service operation appears once in the merged document"
    # under /v1, but for what the front door's table keeps at the root (tracked links, shop webhooks)
    assert all(path.startswith("/v1/") or merged["paths"][path]["x-service-path"] == path for _, path, _ in operations)
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
    assert merged["paths"]["/v1/posts"]["post"]["operationId"] == "posts_create"
    # a path two services serve goes under each one's name, as the front door routes it
    assert "/v1/planner/healthz" in merged["paths"] and "/v1/attribution/healthz" in merged["paths"]
    assert "/v1/healthz" not in merged["paths"]
    refs = set(re.findall(r"#/components/schemas/([A-Za-z0-9_.-]+)", yaml.safe_dump(merged)))
    assert refs <= set(merged["components"]["schemas"]), f"dangling refs {refs - set(merged['components']['schemas'])}"


def test_public_paths_follow_the_front_doors_route_table():
    table = {"api_prefix": "/v1", "api": {"/posts": "planner", "/accounts/{account_id}": "planner",
                                          "/publisher/accounts/{account_id}": "publisher",
                                          "/orders": {"service": "attribution", "deprecated": "2026-01-01"}},
             "root": {"/r/{token}": "attribution"}}
    shared = {"/accounts/{account_id}"}
    assert openapi.public_path("planner", "/posts", shared, table) == "/v1/posts"
    assert openapi.public_path("planner", "/accounts/{account_id}", shared, table) == "/v1/accounts/{account_id}"
    assert openapi.public_path("publisher", "/accounts/{account_id}", shared, table) == \
        "/v1/publisher/accounts/{account_id}"
    assert openapi.public_path("attribution", "/orders", shared, table) == "/v1/orders"
    assert openapi.public_path("attribution", "/r/{token}", shared, table) == "/r/{token}"
    # no table (or a path it lacks): /v1, with the service's name first where services share a path
    assert openapi.public_path("metrics", "/accounts/{account_id}", shared) == "/v1/metrics/accounts/{account_id}"
    assert openapi.public_path("metrics", "/polling/stopped", shared, table) == "/v1/polling/stopped"


def test_every_example_is_valid_against_its_schema(service_app):
    """The examples are made up from the schemas (smmkit.openapi.example_of): each must be one the API takes."""
    from jsonschema import Draft202012Validator

    service, app = service_app
    doc = app.openapi()
    invalid = []
    for method, path, op in _operations(doc):
        for where, part in [("request", op.get("requestBody", {})), *op["responses"].items()]:
            for media_type, content in part.get("content", {}).items():
                if "example" not in content or "schema" not in content:
                    continue
                schema = {**content["schema"], "components": doc["components"]}
                errors = list(Draft202012Validator(schema).iter_errors(content["example"]))
                if errors:
                    invalid.append(f"{service} {method.upper()} {path} {where} {media_type}: {errors[0].message}")
    assert not invalid, "\n".join(invalid[:30])
