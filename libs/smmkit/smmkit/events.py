"""Event contracts: the versioned envelope, the v1 payloads and the topic registry.

Every message on every topic is a JSON ``Envelope``. The Kafka key is the
aggregate's id (a post target, an order), so order holds per aggregate and a
large tenant spreads over all partitions. ``docs/asyncapi.yaml`` and
``docs/schemas/`` are generated from these models (``smm docs``) and a contract
test keeps them in sync.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timezone
from typing import Any, Generic, Literal, TypeVar

import orjson
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from smmkit.validation import (
    LANGUAGE_TAG_MAX, ROI_ALERT_MAX_WEEKS, CurrencyCode, Day, Label, Moment, Money, Name, Note, Ordinal, PostText,
    Quantity, Ratio, Ref, SignedCount, SignedMoney, UrlText, text,
)

SCHEMA_VERSION = 1

# A language tag is checked by the planner; consumers take it as given (bounded and storable, not looked up
# in the registry), so a newer subtag never dead-letters a post.
UncheckedTag = text(max_length=LANGUAGE_TAG_MAX)
SealedText = text(min_length=1, max_length=16_384)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Payload(BaseModel):
    """Base of every payload: unknown fields are ignored so producers can add optional fields (minor evolution)."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class MediaRef(Payload):
    url: UrlText
    kind: Literal["image", "video", "gif", "document"] = "image"
    size_bytes: int | None = Field(None, ge=0, le=2**40,
                                   description="Size, where known: checked against the network's media limits "
                                               "when the post is planned")


class AccountCreated(Payload):
    """A tenant added a social account on the planner. The publisher and metrics accept credentials only for
    accounts they learned of this way, so no tenant can claim another's account id."""

    account_id: uuid.UUID
    network: Name = Field(description="The network, as the planner checked it against the catalogue")
    account_ref: Ref = Field(description="The account on its network: channel, page id, handle ...")


class ConnectionAuthorized(Payload):
    """A person consented on the network and the publisher holds the account's tokens (encrypted, never here):
    the planner, which alone creates accounts, decides which account this is and answers ``connection.settled``."""

    connection_id: uuid.UUID
    network: Name
    account_ref: Ref = Field(description="Who signed in (or the Page / organisation chosen), as our adapter posts as")
    handle: Name = Field(description="A name for people: @handle, Page name")
    account_id: uuid.UUID | None = Field(None, description="Set when reconnecting this account")


class ConnectionSettled(Payload):
    """The planner's answer to ``connection.authorized``: the account (created, or the same one again on a
    reconnect, so its history stays), or why not (``refusal``: e.g. another tenant already connected it)."""

    connection_id: uuid.UUID
    network: Name
    account_ref: Ref
    account_id: uuid.UUID | None = None
    refusal: Note | None = None


class CredentialsIssued(Payload):
    """An account's read credentials for the metrics service, sealed for it (``smmkit.sealed``): the event
    itself carries no readable secret."""

    account_id: uuid.UUID
    network: Name
    account_ref: Ref
    sealed: SealedText = Field(description="The credentials, sealed with the metrics service's public key")


class AccountNeedsReconnect(Payload):
    """A connection was revoked or expired: the account waits for its owner to reconnect it (the same account,
    through ``POST /connections`` with its ``account_id``)."""

    account_id: uuid.UUID
    network: Name
    reason: Note


class PostScheduled(Payload):
    """A post target is due: the publisher must put it on its network exactly once."""

    target_id: uuid.UUID
    post_id: uuid.UUID
    account_id: uuid.UUID
    network: Name
    account_ref: Ref = Field(description="The account on its network: channel, page id, handle ...")
    text: PostText = Field(description="Final text for this network, links not yet tracked")
    media: list[MediaRef] = []
    links: list[UrlText] = []
    campaign: Label | None = None
    pillar: Label | None = None
    brand_id: uuid.UUID | None = None
    scheduled_at: AwareDatetime
    dispatch_count: Ordinal = Field(1, description="1 on first dispatch; higher when the sweeper re-dispatches")
    language: UncheckedTag | None = Field(
        None, description="BCP 47 tag of the text, canonical form (en, pt-BR); null or absent when not known")


class PostPublished(Payload):
    target_id: uuid.UUID
    post_id: uuid.UUID
    account_id: uuid.UUID
    network: Name
    external_id: Ref
    url: UrlText
    scheduled_at: AwareDatetime
    published_at: AwareDatetime
    campaign: Label | None = None
    pillar: Label | None = None
    brand_id: uuid.UUID | None = None


class PostFailed(Payload):
    target_id: uuid.UUID
    post_id: uuid.UUID
    account_id: uuid.UUID
    network: Name
    error_kind: Literal["rate_limited", "transient", "auth_expired", "invalid", "uncertain"]
    reason: Note = Field(description="Human-readable, safe to show to the tenant")
    failed_at: AwareDatetime


class EngagementCounts(Payload):
    """Counters as the network reports them; ``None`` means the network cannot say, not zero."""

    likes: SignedCount | None = None
    reposts: SignedCount | None = None
    comments: SignedCount | None = None
    views: SignedCount | None = None
    clicks: SignedCount | None = None


class EngagementUpdated(Payload):
    target_id: uuid.UUID
    account_id: uuid.UUID
    network: Name
    seq: Ordinal = Field(description="Per-target sequence number: consumers detect gaps and replays")
    observed_at: AwareDatetime
    totals: EngagementCounts
    deltas: EngagementCounts = Field(description="Change since the previous event of this target")
    deleted: bool = False


class UTM(Payload):
    source: Label | None = None
    medium: Label | None = None
    campaign: Label | None = None
    content: Label | None = None
    term: Label | None = None


class LineItem(Payload):
    sku: Label | None = None
    name: Label | None = None
    quantity: Quantity = 1
    price_minor: Money = 0


class OrderCreated(Payload):
    """A shop order, from our orders API, a shop webhook, or an external producer.

    Every field is bounded (``smmkit.validation``), so an order that passes this schema can be stored."""

    order_id: uuid.UUID = Field(description="uuid5 of (tenant, source, external_id): the same order always maps to one id")
    external_id: Ref
    source: Name = Field(description="api | shopify | woocommerce | <external producer>")
    ordered_at: Moment
    customer_id: Label | None = None
    visitor_id: Label | None = None
    total_minor: Money
    currency: CurrencyCode
    line_items: list[LineItem] = Field([], max_length=1000)
    promo_codes: list[Label] = Field([], max_length=100)
    landing_url: UrlText | None = None
    referrer: UrlText | None = None
    utm: UTM = UTM()
    click_id: Label | None = None


class RoiAlertRaised(Payload):
    """A tenant's SMM ROI stayed below zero for ``weeks`` consecutive full weeks (one currency)."""

    alert_id: uuid.UUID
    currency: CurrencyCode
    weeks: int = Field(ge=1, le=ROI_ALERT_MAX_WEEKS,
                       description="How many consecutive weeks were below zero (the tenant's setting)")
    week_start: Day = Field(description="Monday (UTC) of the most recent week in the run")
    rois: list[Ratio] = Field(max_length=ROI_ALERT_MAX_WEEKS, description="ROI of each week, oldest first")
    revenue_minor: SignedMoney = Field(description="Attributed revenue of the most recent week, net of reversals")
    cost_minor: Money = Field(description="Cost of the most recent week")
    raised_at: AwareDatetime


class WebhookDisabled(Payload):
    """A tenant's webhook endpoint failed ``consecutive_failures`` deliveries in a row and was disabled; nothing
    is sent to it until the tenant enables it again (its pending deliveries wait)."""

    webhook_id: uuid.UUID = Field(description="The endpoint: a planner webhook, or attribution's ROI alert URL")
    service: Name = Field(description="The service that delivers to it: planner or attribution")
    url: UrlText
    consecutive_failures: int = Field(ge=1, le=1_000_000)
    last_error: Note = Field(description="What the last attempt got (an HTTP status or a transport error)")
    disabled_at: Moment


class TenantDeletionRequested(Payload):
    """The operator asked to delete a tenant: every service deletes its rows, Redis keys and encrypted secrets of
    the tenant, then confirms with ``tenant.data_deleted`` (``smmkit.offboarding``). Handled again, it deletes
    nothing more and confirms again."""

    deletion_id: uuid.UUID = Field(description="The deletion request; its progress is read by this id's tenant")
    requested_at: Moment


class TenantDataDeleted(Payload):
    """One service holds nothing of the tenant any more (rows, Redis keys, secrets)."""

    deletion_id: uuid.UUID
    service: Name = Field(description="The service that deleted its data: planner, publisher, metrics, attribution, web")
    rows_deleted: int = Field(ge=0, le=2**62, description="Rows this run deleted (0 when handled again)")
    redis_keys_deleted: int = Field(ge=0, le=2**62)
    deleted_at: Moment


P = TypeVar("P", bound=Payload)


class Envelope(BaseModel, Generic[P]):
    model_config = ConfigDict(frozen=True)

    event_id: uuid.UUID
    event_type: str
    schema_version: int
    tenant_id: uuid.UUID
    occurred_at: AwareDatetime
    correlation_id: uuid.UUID
    payload: P


@dataclass(frozen=True)
class Topic:
    name: str
    event_type: str
    payload: type[Payload]
    key_field: str
    description: str

    @property
    def dlq(self) -> str:
        return f"{self.name}.dlq"


TOPICS: dict[str, Topic] = {
    t.name: t
    for t in (
        Topic("account.created", "AccountCreated", AccountCreated, "account_id",
              "A tenant added a social account; credentials are accepted only for such accounts."),
        Topic("connection.authorized", "ConnectionAuthorized", ConnectionAuthorized, "connection_id",
              "A person connected an account on its network; the planner decides which account it is."),
        Topic("connection.settled", "ConnectionSettled", ConnectionSettled, "connection_id",
              "The planner's answer to a connection: the account, or why not."),
        Topic("credentials.issued", "CredentialsIssued", CredentialsIssued, "account_id",
              "An account's read credentials, sealed for the metrics service."),
        Topic("account.needs_reconnect", "AccountNeedsReconnect", AccountNeedsReconnect, "account_id",
              "A connection was revoked or expired; its owner must reconnect it."),
        Topic("post.scheduled", "PostScheduled", PostScheduled, "target_id", "A post target is due for publishing."),
        Topic("post.published", "PostPublished", PostPublished, "target_id", "A post target is live on its network."),
        Topic("post.failed", "PostFailed", PostFailed, "target_id", "A post target could not be published."),
        Topic("engagement.updated", "EngagementUpdated", EngagementUpdated, "target_id", "New engagement counters for a published target."),
        Topic("order.created", "OrderCreated", OrderCreated, "order_id", "A shop order; external systems may produce it too."),
        Topic("roi.alert", "RoiAlertRaised", RoiAlertRaised, "alert_id", "A tenant's SMM ROI stayed below zero for N weeks."),
        Topic("webhook.disabled", "WebhookDisabled", WebhookDisabled, "webhook_id",
              "A tenant's webhook endpoint was disabled after repeated failed deliveries."),
        Topic("tenant.deletion_requested", "TenantDeletionRequested", TenantDeletionRequested, "deletion_id",
              "The operator asked to delete a tenant: every service deletes its data of the tenant."),
        Topic("tenant.data_deleted", "TenantDataDeleted", TenantDataDeleted, "deletion_id",
              "One service deleted all it held of a tenant (offboarding progress)."),
    )
}
# Events about a tenant's deletion: the outbox forgets them once sent (``smmkit.outbox``), so no row of a deleted
# tenant's id stays behind in any schema (``smmkit.offboarding``).
OFFBOARDING_TOPICS: tuple[str, ...] = ("tenant.deletion_requested", "tenant.data_deleted")
TOPIC_BY_PAYLOAD: dict[type[Payload], Topic] = {t.payload: t for t in TOPICS.values()}


def all_topic_names() -> list[str]:
    """Every topic the platform creates: the event topics and one dead-letter topic each."""
    return [name for t in TOPICS.values() for name in (t.name, t.dlq)]


class MalformedEvent(ValueError):
    """The bytes are not a valid envelope for this topic: bad JSON, unknown version or failed validation."""


def new_event(payload: Payload, *, tenant_id: uuid.UUID, correlation_id: uuid.UUID | None = None,
              event_id: uuid.UUID | None = None, occurred_at: datetime | None = None) -> Envelope:
    topic = TOPIC_BY_PAYLOAD[type(payload)]
    event_id = event_id or uuid.uuid4()
    return Envelope(
        event_id=event_id,
        event_type=topic.event_type,
        schema_version=SCHEMA_VERSION,
        tenant_id=tenant_id,
        occurred_at=occurred_at or utcnow(),
        correlation_id=correlation_id or event_id,
        payload=payload,
    )


def topic_of(event: Envelope) -> Topic:
    return TOPIC_BY_PAYLOAD[type(event.payload)]


def key_of(event: Envelope) -> bytes:
    topic = topic_of(event)
    return str(getattr(event.payload, topic.key_field)).encode()


def encode(event: Envelope) -> bytes:
    return event.model_dump_json().encode()


def decode(topic_name: str, raw: bytes | None) -> Envelope:
    """Parse and validate one message; raise ``MalformedEvent`` with a reason a human can act on."""
    topic = TOPICS.get(topic_name)
    if topic is None:
        raise MalformedEvent(f"unknown topic {topic_name!r}")
    if raw is None:
        raise MalformedEvent("empty message")
    try:
        envelope = _envelope_model(topic).model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise MalformedEvent(f"not JSON: {first['msg']}") from None
        if first["type"] == "model_type":
            raise MalformedEvent("envelope is not a JSON object") from None
        version, event_type = _peek(raw, "schema_version"), _peek(raw, "event_type")
        if version != SCHEMA_VERSION:
            raise MalformedEvent(f"unsupported schema_version {version!r}") from None
        if event_type != topic.event_type:
            raise MalformedEvent(f"event_type {event_type!r} does not belong on {topic_name}") from None
        raise MalformedEvent(f"invalid envelope: {exc.error_count()} errors: {first['loc']} {first['msg']}") from None
    if envelope.schema_version != SCHEMA_VERSION:
        raise MalformedEvent(f"unsupported schema_version {envelope.schema_version!r}")
    if envelope.event_type != topic.event_type:
        raise MalformedEvent(f"event_type {envelope.event_type!r} does not belong on {topic_name}")
    return envelope


@lru_cache(maxsize=None)
def _envelope_model(topic: Topic) -> type[Envelope]:
    return Envelope[topic.payload]  # type: ignore[name-defined]


def _peek(raw: bytes, field: str) -> Any:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return data.get(field) if isinstance(data, dict) else None
