import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator


class CostCreate(BaseModel):
    kind: Literal["salaries", "content", "boost", "tools", "agency", "other"] = "other"
    amount_minor: int = Field(ge=0, description="Integer minor units")
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period_start: date
    period_end: date = Field(description="Inclusive")
    campaign: str | None = None
    network: str | None = None
    brand_id: uuid.UUID | None = None
    account_id: uuid.UUID | None = None
    pillar: str | None = None
    note: str | None = Field(None, max_length=500)

    @model_validator(mode="after")
    def _period(self) -> "CostCreate":
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class CostRead(CostCreate):
    id: uuid.UUID
    created_at: datetime
