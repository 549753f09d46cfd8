import uuid
import datetime as dt
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from smmkit.events import MediaRef
from smmkit.validation import LanguageTag


class SlotIn(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday")
    time: dt.time = Field(description="Local wall-clock time in the account's zone")


class SlotsReplace(BaseModel):
    slots: list[SlotIn]


class SlotRead(BaseModel):
    weekday: int
    time: dt.time


class QueueAdd(BaseModel):
    text: str = Field(min_length=1)
    account_ids: list[uuid.UUID] = Field(min_length=1)
    campaign: str | None = None
    pillar: str | None = None
    brand_id: uuid.UUID | None = None
    links: list[HttpUrl] = []
    media: list[MediaRef] = []
    language: LanguageTag | None = None
    not_before: datetime | None = Field(None, description="Aware; default now")


class RecurrenceCreate(BaseModel):
    rrule: str = Field(description="RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0")
    dtstart: datetime = Field(description="Local wall-clock start (no offset) in `timezone`")
    timezone: str
    text: str = Field(min_length=1)
    account_ids: list[uuid.UUID] = Field(min_length=1)
    campaign: str | None = None
    pillar: str | None = None
    brand_id: uuid.UUID | None = None
    links: list[HttpUrl] = []
    media: list[MediaRef] = []
    language: LanguageTag | None = None

    @field_validator("dtstart")
    @classmethod
    def _naive(cls, v: datetime) -> datetime:
        if v.tzinfo is not None:
            raise ValueError("dtstart is a local wall-clock time: give it without an offset, and the zone apart")
        return v

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
    dtstart_local: datetime
    timezone: str
    text: str
    account_ids: list[uuid.UUID]
    language: str | None = None
    active: bool
    materialized_until: datetime | None
