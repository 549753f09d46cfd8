import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from metrics.polling.schemas import PollingState


class EngagementPointRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    observed_at: datetime
    likes: int | None
    reposts: int | None
    comments: int | None
    views: int | None
    clicks: int | None


class EngagementHistory(PollingState):
    target_id: uuid.UUID
    network: str
    deleted: bool
    points: list[EngagementPointRead]
