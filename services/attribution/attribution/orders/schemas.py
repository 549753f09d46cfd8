from pydantic import AwareDatetime, BaseModel, Field

from smmkit.events import UTM, LineItem


class OrderIn(BaseModel):
    """An order from the generic orders API."""

    id: str = Field(min_length=1, max_length=200, description="The shop's own order id")
    ordered_at: AwareDatetime
    customer_id: str | None = None
    visitor_id: str | None = None
    total_minor: int = Field(ge=0, description="Integer minor units")
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    line_items: list[LineItem] = []
    promo_codes: list[str] = []
    landing_url: str | None = None
    utm: UTM = UTM()
    click_id: str | None = None


class OrderAccepted(BaseModel):
    order_id: str
    status: str = "accepted"
