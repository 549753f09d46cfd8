import uuid

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
