import uuid
from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, HttpUrl

from smmkit.events import MediaRef


class TargetCreate(BaseModel):
    account_id: uuid.UUID
    text: str | None = Field(None, description="Per-network variant; the post's text when absent")


class PostCreate(BaseModel):
    text: str = Field(min_length=1)
    scheduled_at: AwareDatetime = Field(description="With a UTC offset; stored as UTC")
    targets: list[TargetCreate] = Field(min_length=1)
    campaign: str | None = None
    pillar: str | None = None
    brand_id: uuid.UUID | None = None
    links: list[HttpUrl] = []
    media: list[MediaRef] = []


class TargetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    account_id: uuid.UUID
    network: str
    status: str
    scheduled_at: datetime
    dispatched_at: datetime | None
    dispatch_count: int
    external_id: str | None
    url: str | None
    published_at: datetime | None
    failure_reason: str | None


class PostRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    text: str
    campaign: str | None
    pillar: str | None
    brand_id: uuid.UUID | None
    links: list[str]
    media: list[MediaRef]
    created_at: datetime
    targets: list[TargetRead]
