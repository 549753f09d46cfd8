import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from smmkit.validation import Day, Name


class BrandCreate(BaseModel):
    name: Name
    approval_required: bool = False


class BrandUpdate(BaseModel):
    name: Name | None = None
    approval_required: bool | None = None


class BrandRead(BrandCreate):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime


class CampaignCreate(BaseModel):
    name: Name
    starts_on: Day
    ends_on: Day
    brand_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _range(self):
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class CampaignRead(CampaignCreate):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID


class PillarIn(BaseModel):
    name: Name
    target_share_pct: int = Field(ge=0, le=100)


class PillarsReplace(BaseModel):
    pillars: list[PillarIn] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _sum(self):
        total = sum(p.target_share_pct for p in self.pillars)
        if total != 100:
            raise ValueError(f"target shares add up to {total}%, not 100%")
        if len({p.name for p in self.pillars}) != len(self.pillars):
            raise ValueError("pillar names repeat")
        return self


class PillarRead(PillarIn):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
