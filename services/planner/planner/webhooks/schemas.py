import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from smmkit.validation import Link

WebhookEvent = Literal["post.published", "post.failed"]


class WebhookCreate(BaseModel):
    url: Link
    events: list[WebhookEvent] = Field(default=["post.published", "post.failed"], min_length=1, max_length=2)


class WebhookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookRead):
    secret: str = Field(description="Shown once: verify X-SMM-Signature = hex HMAC-SHA256(secret, "
                                    "'<X-SMM-Timestamp>.<body>')")


class DeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_type: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    delivered_at: datetime | None
