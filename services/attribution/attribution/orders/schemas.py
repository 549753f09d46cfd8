import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from smmkit.events import UTM, LineItem
from smmkit.validation import CurrencyCode, Label, Moment, Money, Ref, UrlText


class OrderIn(BaseModel):
    """An order from the generic orders API (bounds as in ``order.created``: what is accepted can be stored)."""

    id: Ref = Field(description="The shop's own order id")
    ordered_at: Moment
    customer_id: Label | None = None
    visitor_id: Label | None = None
    total_minor: Money
    currency: CurrencyCode
    line_items: list[LineItem] = Field([], max_length=1000)
    promo_codes: list[Label] = Field([], max_length=100)
    landing_url: UrlText | None = None
    utm: UTM = UTM()
    click_id: Label | None = None


class OrderAccepted(BaseModel):
    order_id: str
    status: str = "accepted"


class JourneyTouch(BaseModel):
    position: int
    touched_at: datetime
    channel: str
    kind: str = Field(description="click | visit | utm_content | promo_code")
    target_id: uuid.UUID | None = Field(description="The tracked post target (null: another channel's visit)")
    post_id: uuid.UUID | None
    network: str | None
    click_id: str | None
    page_view_id: str | None


class JourneyCredit(BaseModel):
    key: str = Field(description="The target id of a post touch, else the channel")
    channel: str
    target_id: uuid.UUID | None
    amount_minor: int
    net_minor: int | None = Field(description="After cancellation and refunds")


class OrderJourney(BaseModel):
    order_id: uuid.UUID
    external_id: str
    ordered_at: datetime
    total_minor: int
    currency: str
    status: str
    evidence: str | None = Field(description="click_id | visitor | utm_content | promo_code; null: no journey")
    touches: list[JourneyTouch]
    credits: dict[str, list[JourneyCredit]] = Field(
        description="Per per-journey model, the credit per touch key (they add up to the order total)")
