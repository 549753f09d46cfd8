import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from planner.posts.schemas import MAX_LINKS, MAX_MEDIA, MAX_TARGETS
from smmkit.events import MediaRef
from smmkit.validation import IanaZone, Label, LanguageTag, Link, LocalDateTime, LocalTime, Moment, Note, PostText


class SlotIn(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday")
    time: LocalTime = Field(description="Local wall-clock time in the account's zone")


class SlotsReplace(BaseModel):
    slots: list[SlotIn] = Field(max_length=7 * 24 * 4, description="At most one every 15 minutes")


class SlotRead(BaseModel):
    weekday: int
    time: LocalTime


class QueueAdd(BaseModel):
    text: PostText = Field(min_length=1)
    account_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_TARGETS)
    campaign: Label | None = None
    pillar: Label | None = None
    brand_id: uuid.UUID | None = None
    links: list[Link] = Field([], max_length=MAX_LINKS)
    media: list[MediaRef] = Field([], max_length=MAX_MEDIA)
    language: LanguageTag | None = None
    not_before: Moment | None = Field(None, description="Default now")


class RecurrenceCreate(BaseModel):
    rrule: Note = Field(min_length=1, description="RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0")
    dtstart: LocalDateTime = Field(description="Local wall-clock start (no offset) in `timezone`")
    timezone: IanaZone
    text: PostText = Field(min_length=1)
    account_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_TARGETS)
    campaign: Label | None = None
    pillar: Label | None = None
    brand_id: uuid.UUID | None = None
    links: list[Link] = Field([], max_length=MAX_LINKS)
    media: list[MediaRef] = Field([], max_length=MAX_MEDIA)
    language: LanguageTag | None = None

    @field_validator("rrule")
    @classmethod
    def _rrule(cls, v: str) -> str:
        v = v.strip()
        if v.upper().startswith("RRULE:"):
            v = v[6:]
        if "DTSTART" in v.upper() or "TZID" in v.upper():
            raise ValueError("give dtstart and timezone as fields, not inside the rule")
        return v


class RecurrenceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    rrule: str
    dtstart_local: LocalDateTime
    timezone: str
    text: str
    account_ids: list[uuid.UUID]
    language: str | None = None
    active: bool
    materialized_until: datetime | None
