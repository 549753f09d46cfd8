"""Machine-readable event contracts for internal API consumers: AsyncAPI 3 plus one JSON Schema per topic.

Generated from ``smmkit.events`` by ``smm docs``; ``tests/contract`` fails when the
files under ``docs/`` drift from the models.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from smmkit.events import SCHEMA_VERSION, TOPICS, Envelope


def topic_schema(topic_name: str) -> dict:
    topic = TOPICS[topic_name]
    schema = Envelope[topic.payload].model_json_schema()  # type: ignore[name-defined]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://smm.example/schemas/{topic.name}.v{SCHEMA_VERSION}.json"
    schema["title"] = f"{topic.event_type} v{SCHEMA_VERSION}"
    schema["description"] = topic.description
    schema["properties"]["event_type"]["const"] = topic.event_type
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    return schema


def asyncapi_document() -> dict:
    channels, operations, messages = {}, {}, {}
    for topic in TOPICS.values():
        key = topic.name.replace(".", "_")
        messages[topic.event_type] = {
            "name": topic.event_type,
            "title": f"{topic.event_type} v{SCHEMA_VERSION}",
            "contentType": "application/json",
            "summary": topic.description,
            "payload": {"$ref": f"schemas/{topic.name}.v{SCHEMA_VERSION}.json"},
            "bindings": {"kafka": {"key": {"type": "string", "description": f"payload.{topic.key_field}"}}},
        }
        channels[key] = {
            "address": topic.name,
            "messages": {topic.event_type: {"$ref": f"#/components/messages/{topic.event_type}"}},
            "description": f"{topic.description} Dead letters go to `{topic.dlq}` with dlq-* headers.",
        }
        operations[f"publish_{key}"] = {"action": "send", "channel": {"$ref": f"#/channels/{key}"}}
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "SMM platform events",
            "version": f"{SCHEMA_VERSION}.0.0",
            "description": (
                "Every message is a JSON envelope (event_id, event_type, schema_version, tenant_id, occurred_at, "
                "correlation_id, payload). The Kafka key is the aggregate id named in each message binding. "
                "See docs/events.md for how versions evolve."
            ),
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def render() -> dict[str, str]:
    """Every generated file, relative to ``docs/``, with its exact text."""
    files = {"asyncapi.yaml": yaml.safe_dump(asyncapi_document(), sort_keys=False, width=120)}
    for name in TOPICS:
        files[f"schemas/{name}.v{SCHEMA_VERSION}.json"] = json.dumps(topic_schema(name), indent=2, sort_keys=True) + "\n"
    return files


def write(docs_dir: Path) -> list[Path]:
    written = []
    for rel, text in render().items():
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written
