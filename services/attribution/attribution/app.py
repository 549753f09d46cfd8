"""The attribution service: joins orders to the posts that earned them and reports revenue."""
from attribution import handlers
from attribution.api import orders, reports
from attribution.db import Base
from smmkit.app import create_service_app
from smmkit.bus import Subscription
from smmkit.settings import get_settings

app = create_service_app(
    name="attribution",
    description="Attribute shop orders to post targets; report revenue and ROI.",
    settings=get_settings(),
    messaging=Base.messaging,
    routers=[orders.router, reports.router],
    subscriptions=[Subscription("attribution", {
        "order.created": handlers.on_order_created,
        "post.published": handlers.on_post_published,
    })],
)
