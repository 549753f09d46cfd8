import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from planner.posts.schemas import MAX_LINKS, MAX_MEDIA
from smmkit.events import MediaRef
from smmkit.validation import Label, LanguageTag, Link, Name, PostText


class TemplateCreate(BaseModel):
    name: Name
    text: PostText = Field(min_length=1)
    media: list[MediaRef] = Field([], max_length=MAX_MEDIA)
    links: list[Link] = Field([], max_length=MAX_LINKS)
    pillar: Label | None = None
    campaign: Label | None = None
    language: LanguageTag | None = None


class TemplateRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    text: str
    media: list[MediaRef]
    links: list[str]
    pillar: str | None
    campaign: str | None
    language: str | None = None
    created_at: datetime
