import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from smmkit.validation import DAY_S, Link, seconds

WebhookEvent = Literal["post.published", "post.failed", "account.needs_reconnect"]


class WebhookCreate(BaseModel):
    url: Link
    events: list[WebhookEvent] = Field(default=["post.published", "post.failed"], min_length=1, max_length=3)


class WebhookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    events: list[str]
    active: bool
    created_at: datetime
    consecutive_failures: int = Field(description="Failed attempts in a row; the endpoint is disabled at the "
                                                  "service's limit (PLANNER_WEBHOOK_DISABLE_AFTER)")
    disabled_at: datetime | None = None
    disabled_reason: str | None = None


class WebhookCreated(WebhookRead):
    secret: str = Field(description="Shown once. Deliveries are signed per Standard Webhooks (headers webhook-id, "
                                    "webhook-timestamp, webhook-signature): verify with the standardwebhooks "
                                    "library, Webhook(secret).verify(body, headers)")


class SecretRotate(BaseModel):
    overlap_s: seconds(at_least=0, at_most=30 * DAY_S,
                       description="How long the current secret keeps signing beside the new one "
                                   "(default: PLANNER_WEBHOOK_ROTATION_OVERLAP_S, a day)") | None = None


class SecretRotated(BaseModel):
    secret: str = Field(description="The new secret, shown once; deliveries carry a signature with each live secret")
    previous_expires_at: datetime | None = Field(description="Until then the previous secret signs too")


class DeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The webhook-id header of every attempt of this delivery")
    event_type: str
    status: str = Field(description="pending, delivered or failed (gave up after PLANNER_WEBHOOK_MAX_ATTEMPTS)")
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    last_status_code: int | None = Field(None, description="The receiver's HTTP status on the last attempt")
    last_attempt_at: datetime | None = None
    last_duration_ms: int | None = None
    redeliveries: int = 0
    delivered_at: datetime | None
    created_at: datetime
