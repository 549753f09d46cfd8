import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from smmkit.events import MediaRef
from smmkit.validation import LanguageTag


class _ZonedTime(BaseModel):
    """A time with a UTC offset, or a local wall-clock time plus its IANA zone: never guessed."""

    @model_validator(mode="after")
    def _zone_given(self):
        if self.scheduled_at.tzinfo is None and not self.timezone:
            raise ValueError("scheduled_at has no UTC offset: add one, or name its IANA zone in `timezone` "
                             "(a time without a zone is never guessed)")
        return self


class TargetCreate(BaseModel):
    account_id: uuid.UUID
    text: str | None = Field(None, description="Per-network variant; the post's text when absent")
    language: LanguageTag | None = Field(None, description="BCP 47 tag of this target's text, when it differs "
                                                            "from the post's")


class PostCreate(_ZonedTime):
    text: str | None = Field(None, min_length=1, description="Master text; from the template when absent")
    scheduled_at: datetime = Field(description="With a UTC offset, or a local wall-clock time read in `timezone`; "
                                               "stored as UTC")
    timezone: str | None = Field(None, description="IANA zone for a scheduled_at without offset")
    targets: list[TargetCreate] = Field(min_length=1)
    campaign: str | None = None
    pillar: str | None = None
    brand_id: uuid.UUID | None = None
    links: list[HttpUrl] = []
    media: list[MediaRef] = []
    tags: list[str] = []
    language: LanguageTag | None = Field(None, description="BCP 47 tag of the text (en, pt-BR, zh-Hant); "
                                                            "from the template when absent")
    draft: bool = Field(False, description="Keep as a draft instead of scheduling (or submitting for review)")
    template_id: uuid.UUID | None = Field(None, description="Fill text, media, links, pillar and campaign from it")


class PostReschedule(_ZonedTime):
    scheduled_at: datetime
    timezone: str | None = None


class PostUpdate(BaseModel):
    """Fields that can change until the targets are handed over; only those given are changed."""

    language: LanguageTag | None = Field(None, description="BCP 47 tag of the text; null clears it")


class TargetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    account_id: uuid.UUID
    network: str
    text_override: str | None = None
    language_override: str | None = None
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
    status: str
    campaign: str | None
    pillar: str | None
    brand_id: uuid.UUID | None
    language: str | None = None
    links: list[str]
    media: list[MediaRef]
    tags: list[str] = []
    created_at: datetime
    targets: list[TargetRead]


class TransitionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_status: str | None
    to_status: str
    actor: str
    note: str | None
    at: datetime


class CommentCreate(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)
    author: str | None = Field(None, max_length=200, description="Defaults to the X-Actor header")


class CommentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    author: str
    body: str
    created_at: datetime


class ReviewLinkCreate(BaseModel):
    reviewer: str = Field(min_length=1, max_length=200, description="Name or e-mail shown in the history")
    expires_in_s: int = Field(7 * 24 * 3600, ge=60, le=90 * 24 * 3600)


class ReviewLinkRead(BaseModel):
    token: str
    path: str
    expires_at: datetime


class ReviewDecision(BaseModel):
    comment: str | None = Field(None, max_length=10_000)
