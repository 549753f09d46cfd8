"""The OpenAPI documents: request bodies for routes that read the raw body themselves (signed webhooks, file
imports), and what a client generator needs of every operation (operationIds, summaries, problem answers,
examples), added centrally by the app factory, and the platform's one merged document.

Request bodies: such a route takes ``Request``, so FastAPI cannot document what it reads; ``request_body`` does,
from pydantic types, with nested models inlined (``openapi_extra`` is copied into the document as is: no
``$defs`` there)."""
from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from smmkit.problems import PROBLEM, Problem


def inline_schema(kind: Any) -> dict:
    """The JSON Schema of ``kind`` with every ``$ref`` to its own ``$defs`` replaced by the definition."""
    schema = TypeAdapter(kind).json_schema()
    defs = schema.pop("$defs", {})

    def inline(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return inline(schema)


def request_body(content: dict[str, Any], *, parameters: list[dict] | None = None) -> dict:
    """``openapi_extra`` documenting a required body per media type (and extra parameters, e.g. headers)."""
    extra: dict[str, Any] = {"requestBody": {"required": True, "content": {
        media_type: {"schema": inline_schema(kind)} for media_type, kind in content.items()}}}
    if parameters:
        extra["parameters"] = parameters
    return extra


# --- the document a client generator reads ------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def _forms(word: str) -> set[str]:
    """A word and its singular/plural, so ``create_post`` under the tag ``posts`` becomes ``posts_create``."""
    return {word, word.rstrip("s"), word + "s", word[:-3] + "y" if word.endswith("ies") else word}


def operation_id(route: APIRoute) -> str:
    """``<tag>_<function name without the tag's words>``: stable (the code's own names), snake_case and short
    (``posts_create`` for ``create_post`` under ``posts``). Under a one-word tag its word (singular or plural)
    leaves the name wherever it is; under a longer tag only where the name starts with it, since there the rest
    of the name tells its things apart (``list_brands`` and ``list_campaigns`` under ``brands, campaigns,
    pillars``). A name that was only the tag becomes its method (``calendar`` → ``calendar_get``)."""
    tag = _words(str(route.tags[0])) if route.tags else ["default"]
    name = _words(route.name)
    forms = set().union(*(_forms(word) for word in tag))
    if len(tag) == 1:
        rest = [w for w in name if w not in forms]
    else:
        rest = list(name)
        while rest and rest[0] in forms:
            rest.pop(0)
    return "_".join(tag + (rest or [sorted(route.methods)[0].lower()]))


def summary_of(route: APIRoute) -> str | None:
    """The route's explicit summary, else the first line of its docstring."""
    if route.summary:
        return route.summary
    doc = inspect.getdoc(route.endpoint) or ""
    first = doc.strip().split("\n\n", 1)[0].replace("\n", " ").strip()
    return first or None


def document_operations(app: FastAPI, routes: list[APIRoute]) -> None:
    """Summaries, problem answers (422 with its ``errors``, every 4xx and 5xx) and examples on every operation
    of ``app``'s document, done once on the generated document so every route, old or new, gets them."""
    generate = app.openapi
    done: list[dict] = []
    by_operation = {(m.lower(), r.path_format): r for r in routes for m in r.methods}

    def openapi() -> dict:
        if done:
            return done[0]
        doc = generate()
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        schemas["Problem"] = problem_schema()
        for path, item in doc.get("paths", {}).items():
            for method, operation in item.items():
                route = by_operation.get((method, path))
                if route is not None and (summary := summary_of(route)):
                    operation["summary"] = summary
                    if operation.get("description", "").strip() == summary:  # a one-line docstring: said once
                        operation.pop("description")
                problem_answers(operation.setdefault("responses", {}))
                add_examples(operation, schemas)
        done.append(doc)
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


def problem_schema() -> dict:
    return Problem.model_json_schema()


def problem_answers(responses: dict) -> None:
    """Every error an operation can answer, as problem+json: its own codes (404, 409, 413, 429 ...), 422
    (failed validation, with ``errors``) and any other 4xx or 5xx."""
    if responses.get("422", {}).get("description") in (None, "Validation Error"):  # FastAPI's, or none yet
        responses["422"] = {"description": "Validation failed: one {loc, msg, type} per invalid field in `errors`"}
    for code in ("4XX", "5XX"):
        responses.setdefault(code, {"description": "A problem (RFC 9457)"})
    for code, response in responses.items():
        if code[0] in "45":
            response["content"] = {PROBLEM: {
                "schema": {"$ref": "#/components/schemas/Problem"},
                "example": _problem_example(code, response.get("description", ""))}}


def _problem_example(code: str, description: str) -> dict:
    from http import HTTPStatus

    status = int(code.replace("XX", "00"))
    if status == 422:
        return {"type": "about:blank", "title": "Validation failed", "status": 422, "detail": "1 invalid field(s)",
                "errors": [{"loc": ["body", "text"], "msg": "Field required", "type": "missing"}]}
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return {"type": "about:blank", "title": title, "status": status, "detail": description or title}


def add_examples(operation: dict, schemas: dict) -> None:
    """An example on every JSON request body and response that has none, built from its schema (the model's own
    ``examples`` first)."""
    bodies = [operation.get("requestBody", {})] + list(operation.get("responses", {}).values())
    for body in bodies:
        for media_type, content in body.get("content", {}).items():
            if "json" not in media_type or "example" in content or "examples" in content or "schema" not in content:
                continue
            content["example"] = example_of(content["schema"], schemas)


def example_of(schema: dict, schemas: dict, depth: int = 0) -> Any:
    """A value that validates against ``schema``: its own example, default, first enum member, or one made up
    from its type, format and bounds (``$ref`` followed into ``schemas``)."""
    if depth > 8:
        return None
    if "$ref" in schema:
        return example_of(schemas.get(schema["$ref"].rsplit("/", 1)[-1], {}), schemas, depth + 1)
    for key in ("examples",):
        if schema.get(key):
            return schema[key][0]
    for key in ("example", "const", "default"):
        if key in schema and schema[key] is not None:
            return schema[key]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example_of(options[0], schemas, depth + 1)
    if "allOf" in schema:
        return example_of(schema["allOf"][0], schemas, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = set(schema.get("required", props))
        return {name: example_of(sub, schemas, depth + 1) for name, sub in props.items() if name in required}
    if kind == "array":
        item = example_of(schema.get("items", {}), schemas, depth + 1)
        return [item] * max(1, schema.get("minItems", 1)) if item is not None else []
    if kind == "integer":
        return _number(schema, 1)
    if kind == "number":
        return float(_number(schema, 1))
    if kind == "boolean":
        return True
    if kind == "string":
        return _string(schema)
    return None


def _number(schema: dict, fallback: int) -> int:
    low = schema.get("minimum", schema.get("exclusiveMinimum", fallback - 1) + 1)
    high = schema.get("maximum", schema.get("exclusiveMaximum", low + 1) - 1)
    return int(min(max(fallback, low), high))


_FORMATS = {"uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "date-time": "2026-05-04T09:30:00Z",
            "date": "2026-05-04", "time": "09:30:00", "uri": "https://shop.example/coffee",
            "email": "owner@demo-coffee.example", "binary": ""}


def _string(schema: dict) -> str:
    if schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]]
    value = "example"
    low, high = schema.get("minLength", 0), schema.get("maxLength", 64)
    value = (value * (1 + low // len(value)))[:max(low, min(len(value), high))]
    return value


# --- one document for the platform --------------------------------------------------------------------------

API_PREFIX = "/v1"


ROUTE_TABLE = Path("deploy/routes.yaml")


def public_path(service: str, path: str, shared: set[str], table: dict | None = None) -> str:
    """Where the front door serves a service's ``path``. With the front door's route table: as the table says,
    under its API prefix (``/v1/posts``, or ``/v1/<service>/...`` where it puts the service's name first) or
    at the root (tracked links, shop and network webhooks). Without one: under ``/v1``, and under
    ``/v1/<service>`` when another service serves the same path (health, dead letters, an account)."""
    if table:
        prefix, api, root = table.get("api_prefix", API_PREFIX), table.get("api") or {}, table.get("root") or {}
        serving = lambda entry: entry.get("service") if isinstance(entry, dict) else entry  # noqa: E731
        if serving(api.get(path)) == service:
            return f"{prefix}{path}"
        if serving(api.get(f"/{service}{path}")) == service:
            return f"{prefix}/{service}{path}"
        if serving(root.get(path)) == service:
            return path
    return f"{API_PREFIX}/{service}{path}" if path in shared else f"{API_PREFIX}{path}"


def route_table(path: Path = ROUTE_TABLE) -> dict | None:
    """The front door's route table (``deploy/routes.yaml``) when there is one."""
    import yaml

    return yaml.safe_load(path.read_text()) if path.exists() else None


def merge(documents: dict[str, dict], *, table: dict | None = None, title: str = "SMM platform",
          version: str = "1.0.0") -> dict:
    """The services' documents as one, paths as the front door routes them (``public_path``). A component
    schema two services define differently is renamed ``<Service><Name>`` in the one that is not first; an
    operationId that would repeat (health, dead letters) is prefixed with its service."""
    seen_paths: dict[str, int] = {}
    for doc in documents.values():
        for path in doc.get("paths", {}):
            seen_paths[path] = seen_paths.get(path, 0) + 1
    shared = {path for path, count in seen_paths.items() if count > 1}
    op_counts: dict[str, int] = {}
    for doc in documents.values():
        for item in doc.get("paths", {}).values():
            for operation in item.values():
                op_counts[operation["operationId"]] = op_counts.get(operation["operationId"], 0) + 1

    schemas: dict[str, dict] = {}
    paths: dict[str, dict] = {}
    tags: dict[str, str] = {}
    for service, doc in documents.items():
        renames = {}
        own = doc.get("components", {}).get("schemas", {})
        for name, schema in own.items():
            if name in schemas and schemas[name] != _renamed(schema, {}):
                renames[name] = f"{service.capitalize()}{name}"
        for name, schema in own.items():
            schemas[renames.get(name, name)] = _renamed(schema, renames)
            if name in renames and "title" in schema:  # generators name the class by its title
                schemas[renames[name]]["title"] = renames[name]
        for path, item in doc.get("paths", {}).items():
            item = _renamed(item, renames)
            for operation in item.values():
                if op_counts[operation["operationId"]] > 1:
                    operation["operationId"] = f"{service}_{operation['operationId']}"
                for tag in operation.get("tags", []):
                    tags.setdefault(tag, service)
            # which service serves it, and at what path: what a front door (or a test without one) routes by
            paths[public_path(service, path, shared, table)] = {"x-service": service, "x-service-path": path, **item}
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version, "description": (
            "Every public HTTP operation of the planner, publisher, metrics and attribution services, on one "
            f"origin under {API_PREFIX}. Errors are problem+json (RFC 9457). Generated by `make docs`: do not edit.")},
        "servers": [{"url": "http://127.0.0.1:8080", "description": "the local front door (`make up`)"}],
        "tags": [{"name": tag, "description": f"served by {service}"} for tag, service in tags.items()],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": dict(sorted(schemas.items())),
                       **_security_schemes(documents)},
    }


def _security_schemes(documents: dict[str, dict]) -> dict:
    schemes: dict[str, dict] = {}
    for doc in documents.values():
        schemes.update(doc.get("components", {}).get("securitySchemes", {}))
    return {"securitySchemes": schemes} if schemes else {}


def _renamed(node: Any, renames: dict[str, str]) -> Any:
    """A copy of ``node`` with every ``$ref`` to a renamed component schema pointing at its new name."""
    if isinstance(node, dict):
        out = {k: _renamed(v, renames) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[-1]
            out["$ref"] = f"#/components/schemas/{renames.get(name, name)}"
        return out
    if isinstance(node, list):
        return [_renamed(v, renames) for v in node]
    return node


SERVICES = ("planner", "publisher", "metrics", "attribution")  # the web app's pages are not an API
MERGED_NAME = "openapi.yaml"
CLIENT_PACKAGE = "smm_client"


def service_documents() -> dict[str, dict]:
    """Each service's own document, from its app as ``smm up`` runs it (nothing is started)."""
    import importlib

    return {name: importlib.import_module(f"{name}.app").app.openapi() for name in SERVICES}


def merged_yaml(root: Path = Path(".")) -> str:
    """The merged document; paths per the route table under ``root`` when the repository has one."""
    import yaml

    return yaml.safe_dump(merge(service_documents(), table=route_table(root / ROUTE_TABLE)), sort_keys=False,
                          allow_unicode=True, width=120)


def write_merged(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(merged_yaml())
    return path


def generate_client(document: Path, project: Path) -> Path:
    """The SDK package ``<project>/smm_client`` generated from ``document`` by openapi-python-client (the
    project's own pyproject.toml and README are written by hand and left alone)."""
    import shutil
    import subprocess
    import sys
    import tempfile

    tool = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) or shutil.which(
        "openapi-python-client")
    if tool is None:
        raise RuntimeError("openapi-python-client is not installed (pip install -e '.[test]')")
    target = project / CLIENT_PACKAGE
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / CLIENT_PACKAGE
        subprocess.run([tool, "generate", "--path", str(document), "--output-path", str(built), "--meta", "none",
                        "--config", str(project / "generator.yaml")], check=True, capture_output=True, text=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(built, target)
    return target
