import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from smmkit.events import MediaRef
from smmkit.validation import (
    DAY_S, MINUTE_S, Comment, CommentBody, IanaZone, Label, LanguageTag, Link, Name, PostText, WallOrMoment, seconds,
)

# How many of each a post may carry (the networks allow far fewer; the rules say which).
MAX_TARGETS, MAX_LINKS, MAX_MEDIA, MAX_TAGS = 100, 20, 20, 50


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
    text: PostText | None = Field(None, description="Per-network variant; the post's text when absent")
    language: LanguageTag | None = Field(None, description="BCP 47 tag of this target's text, when it differs "
                                                            "from the post's")


class PostCreate(_ZonedTime):
    text: PostText | None = Field(None, min_length=1, description="Master text; from the template when absent")
    scheduled_at: WallOrMoment = Field(description="With a UTC offset, or a local wall-clock time read in `timezone`; "
                                               "stored as UTC")
    timezone: IanaZone | None = Field(None, description="IANA zone for a scheduled_at without offset")
    targets: list[TargetCreate] = Field(min_length=1, max_length=MAX_TARGETS)
    campaign: Label | None = None
    pillar: Label | None = None
    brand_id: uuid.UUID | None = None
    links: list[Link] = Field([], max_length=MAX_LINKS)
    media: list[MediaRef] = Field([], max_length=MAX_MEDIA)
    tags: list[Label] = Field([], max_length=MAX_TAGS)
    language: LanguageTag | None = Field(None, description="BCP 47 tag of the text (en, pt-BR, zh-Hant); "
                                                            "from the template when absent")
    draft: bool = Field(False, description="Keep as a draft instead of scheduling (or submitting for review)")
    template_id: uuid.UUID | None = Field(None, description="Fill text, media, links, pillar and campaign from it")


class PostReschedule(_ZonedTime):
    scheduled_at: WallOrMoment
    timezone: IanaZone | None = None


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
    body: CommentBody
    author: Label | None = Field(None, description="Defaults to the X-Actor header")

    @field_validator("body")
    @classmethod
    def not_blank(cls, body: str) -> str:
        if not body.strip():
            raise ValueError("a comment needs some text")
        return body


class CommentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    author: str
    body: str
    created_at: datetime


class ReviewLinkCreate(BaseModel):
    reviewer: Name = Field(description="Name or e-mail shown in the history")
    expires_in_s: seconds(at_least=MINUTE_S, at_most=90 * DAY_S) = 7 * DAY_S


class ReviewLinkRead(BaseModel):
    token: str
    path: str
    expires_at: datetime


class ReviewDecision(BaseModel):
    comment: Comment | None = None


class DraftCheck(BaseModel):
    """What the composer has so far: checked with the catalogue's rules, nothing saved."""

    text: PostText = Field("", description="Master text (may still be empty)")
    targets: list[TargetCreate] = Field(min_length=1, max_length=MAX_TARGETS)
    links: list[Link] = Field([], max_length=MAX_LINKS)
    media: list[MediaRef] = Field([], max_length=MAX_MEDIA)


class TextCount(BaseModel):
    rule: str
    unit: str = Field(description="How the network counts: graphemes, UTF-8 bytes ...")
    used: int
    limit: int


class DraftTargetCheck(BaseModel):
    account_id: uuid.UUID
    network: str
    handle: str
    title: str = Field(description="The network's name for people")
    text: str = Field(description="The text this target would send (its variant, or the master text)")
    counts: list[TextCount]
    violations: list[dict] = Field(description="As POST /posts reports them: target, rule, limit, actual, detail")


class DraftCheckRead(BaseModel):
    ok: bool
    targets: list[DraftTargetCheck]
