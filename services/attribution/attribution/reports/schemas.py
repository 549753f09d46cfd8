import uuid
from datetime import datetime

from pydantic import BaseModel


class TargetRevenue(BaseModel):
    target_id: uuid.UUID
    network: str
    campaign: str | None
    pillar: str | None
    currency: str
    revenue_minor: int
    orders: int


class RevenueReport(BaseModel):
    model: str
    rows: list[TargetRevenue]


class RoiLine(BaseModel):
    key: str | None
    currency: str
    revenue_minor: int
    orders: int
    customers: int
    new_customers: int
    cost_minor: int
    gross_profit_minor: int
    roas: float | None
    romi: float | None
    roi: float | None
    cac_minor: float | None


class RoiReport(BaseModel):
    level: str
    model: str
    since: datetime | None
    until: datetime | None
    rows: list[RoiLine]
    totals: list[RoiLine]
