import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class PublishTargetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    target_id: uuid.UUID
    post_id: uuid.UUID
    account_id: uuid.UUID
    network: str
    state: str
    attempts: int
    scheduled_at: datetime
    next_attempt_at: datetime
    external_id: str | None
    url: str | None
    published_at: datetime | None
    error_kind: str | None
    last_error: str | None
