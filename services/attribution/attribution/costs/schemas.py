import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from smmkit.validation import CurrencyCode, Day, Label, Money, Network, Note


class CostCreate(BaseModel):
    kind: Literal["salaries", "content", "boost", "tools", "agency", "other"] = "other"
    amount_minor: Money
    currency: CurrencyCode
    period_start: Day
    period_end: Day = Field(description="Inclusive")
    campaign: Label | None = None
    network: Network | None = None
    brand_id: uuid.UUID | None = None
    account_id: uuid.UUID | None = None
    pillar: Label | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _period(self) -> "CostCreate":
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class CostRead(CostCreate):
    id: uuid.UUID
    created_at: datetime
