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
