import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from smmkit.events import MediaRef
from smmkit.validation import LanguageTag


class TemplateCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1)
    media: list[MediaRef] = []
    links: list[HttpUrl] = []
    pillar: str | None = None
    campaign: str | None = None
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
