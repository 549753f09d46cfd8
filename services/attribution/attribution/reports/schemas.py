import uuid
from datetime import datetime

from pydantic import BaseModel, Field


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


class ChannelLine(BaseModel):
    channel: str | None = Field(description="A channel of ``attribution.channels`` (social_tracked: our posts)")
    currency: str
    revenue_minor: int
    share: float | None = Field(description="Of the currency's revenue; null when it is 0")
    orders: int


class SmmSummary(BaseModel):
    currency: str
    revenue_minor: int = Field(description="Every order with a journey, net")
    orders: int
    revenue_from_posts_minor: int = Field(description="Credited to our tracked posts (social_tracked)")
    smm_revenue_minor: int = Field(description="Credited to SMM: social, tracked or untracked")
    smm_share: float | None
    influenced_revenue_minor: int = Field(description="Net value of the orders whose journey touched SMM")
    influenced_orders: int
    assisted_revenue_minor: int = Field(description="Influenced orders whose last non-direct touch was not SMM")
    assisted_orders: int


class ChannelsReport(BaseModel):
    model: str
    since: datetime | None
    until: datetime | None
    rows: list[ChannelLine]
    currencies: list[SmmSummary]
