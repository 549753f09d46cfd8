"""The event envelope and payloads are a public contract: generated docs must match the models."""
import json
import uuid
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest

from smmkit import contracts
from smmkit import events as ev
from tests.utils.events import sample_event

DOCS = Path(__file__).resolve().parents[2] / "docs"


def sample_order() -> ev.Envelope:
    return ev.new_event(ev.OrderCreated(
        order_id=uuid.uuid4(), external_id="1001", source="api", ordered_at=datetime.now(timezone.utc),
        total_minor=1999, currency="EUR", utm=ev.UTM(content="abc"),
    ), tenant_id=uuid.uuid4())


def test_generated_docs_are_in_sync_with_the_models():
    for rel, text in contracts.render().items():
        path = DOCS / rel
        assert path.exists(), f"{path} missing: run `make docs`"
        assert path.read_text() == text, f"{path} is stale: run `make docs`"


@pytest.mark.parametrize("topic", list(ev.TOPICS))
def test_every_topic_has_a_schema_and_a_dead_letter_topic(topic):
    assert f"{topic}.dlq" in ev.all_topic_names()
    schema = json.loads((DOCS / f"schemas/{topic}.v1.json").read_text())
    assert schema["properties"]["event_type"]["const"] == ev.TOPICS[topic].event_type


def test_an_encoded_event_validates_against_its_published_json_schema():
    event = sample_order()
    schema = json.loads((DOCS / "schemas/order.created.v1.json").read_text())
    jsonschema.validate(json.loads(ev.encode(event)), schema)


@pytest.mark.parametrize("topic", list(ev.TOPICS))
def test_every_topics_events_validate_against_its_schema_and_are_keyed_by_their_aggregate(topic):
    event = sample_event(topic, uuid.uuid4())
    jsonschema.validate(json.loads(ev.encode(event)), json.loads((DOCS / f"schemas/{topic}.v1.json").read_text()))
    assert ev.key_of(event) == str(getattr(event.payload, ev.TOPICS[topic].key_field)).encode()
    assert ev.decode(topic, ev.encode(event)) == event


def test_account_created_names_the_account_and_carries_no_credentials():
    schema = json.loads((DOCS / "schemas/account.created.v1.json").read_text())
    fields = schema["$defs"]["AccountCreated"]["properties"]
    assert {"account_id", "network", "account_ref"} <= set(fields) and ev.TOPICS["account.created"].key_field == "account_id"
    assert not [f for f in fields if any(w in f for w in ("token", "secret", "credential", "password"))]


def test_round_trip_keeps_every_field_and_the_key_is_the_aggregate_id():
    event = sample_order()
    decoded = ev.decode("order.created", ev.encode(event))
    assert decoded == event
    assert ev.key_of(event) == str(event.payload.order_id).encode()


@pytest.mark.parametrize("raw, reason", [
    (b"{not json", "not JSON"),
    (b"[1, 2]", "not a JSON object"),
    (None, "empty message"),
])
def test_garbage_is_malformed(raw, reason):
    with pytest.raises(ev.MalformedEvent, match=reason):
        ev.decode("order.created", raw)


def test_unknown_schema_version_is_malformed():
    data = json.loads(ev.encode(sample_order()))
    data["schema_version"] = 99
    with pytest.raises(ev.MalformedEvent, match="unsupported schema_version 99"):
        ev.decode("order.created", json.dumps(data).encode())


def test_an_event_on_the_wrong_topic_is_malformed():
    with pytest.raises(ev.MalformedEvent, match="does not belong on post.published"):
        ev.decode("post.published", ev.encode(sample_order()))


def test_failed_validation_is_malformed_and_names_the_field():
    data = json.loads(ev.encode(sample_order()))
    data["payload"]["currency"] = "EURO"
    with pytest.raises(ev.MalformedEvent, match="currency"):
        ev.decode("order.created", json.dumps(data).encode())


def test_unknown_payload_fields_are_ignored_so_producers_can_add_optional_fields():
    data = json.loads(ev.encode(sample_order()))
    data["payload"]["loyalty_tier"] = "gold"
    assert ev.decode("order.created", json.dumps(data).encode()).payload.total_minor == 1999


def _post_scheduled(**extra) -> bytes:
    payload = {"target_id": str(uuid.uuid4()), "post_id": str(uuid.uuid4()), "account_id": str(uuid.uuid4()),
               "network": "mastodon", "account_ref": "1", "text": "hi", "scheduled_at": "2034-01-01T00:00:00Z",
               **extra}
    return json.dumps({"event_id": str(uuid.uuid4()), "event_type": "PostScheduled", "schema_version": 1,
                       "tenant_id": str(uuid.uuid4()), "occurred_at": "2034-01-01T00:00:00Z",
                       "correlation_id": str(uuid.uuid4()), "payload": payload}).encode()


def test_post_scheduled_language_is_optional_and_bounded():
    # an additive field (docs/events.md): a v1 producer that does not know it still decodes
    assert ev.decode("post.scheduled", _post_scheduled()).payload.language is None
    assert ev.decode("post.scheduled", _post_scheduled(language="pt-BR")).payload.language == "pt-BR"
    with pytest.raises(ev.MalformedEvent):
        ev.decode("post.scheduled", _post_scheduled(language="x" * 36))
