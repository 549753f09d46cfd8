"""OpenAPI request bodies for routes that read the raw body themselves (signed webhooks, file imports).

Such a route takes ``Request``, so FastAPI cannot document what it reads; ``request_body`` does, from pydantic
types, with nested models inlined (``openapi_extra`` is copied into the document as is: no ``$defs`` there)."""
from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter


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
