"""The attribution service: joins orders to the posts that earned them and reports revenue."""
from collections.abc import Sequence
from dataclasses import replace

from attribution import handlers, jobs
from attribution.api import channel_rules, config, costs, links, orders, reports, shops, visits
from attribution.db import Base
from attribution.settings import AttributionSettings, get_attribution_settings
from attribution.tenant_data import TENANT_DATA
from attribution.usage import usage
from smmkit import offboarding
from smmkit.tenancy import ScopeRules
from smmkit.app import Job, create_service_app
from smmkit.bus import Subscription
from smmkit.settings import CommonSettings, get_settings

ROUTERS = [links.router, visits.router, orders.router, shops.router, config.router, costs.router, reports.router,
           channel_rules.router]
SUBSCRIPTION = Subscription("attribution", {
    "order.created": handlers.on_order_created,
    "post.published": handlers.on_post_published,
    "engagement.updated": handlers.on_engagement_updated,
    "tenant.deletion_requested": handlers.on_tenant_deletion_requested,
})
JOBS = [jobs.ship_clicks, jobs.flush_clicks, jobs.ship_visits, jobs.flush_visits, jobs.refresh_site_keys,
        jobs.raise_roi_alerts, jobs.deliver_webhooks, jobs.rebuild_report_rollup, jobs.reclassify_visits]


def build_app(settings: CommonSettings, service_settings: AttributionSettings, *, consumer: str = "attribution",
              jobs: Sequence[Job] = JOBS):
    return create_service_app(
        name="attribution",
        description="Attribute shop orders to post targets; report revenue and ROI.",
        settings=settings,
        service_settings=service_settings,
        messaging=Base.messaging,
        routers=ROUTERS,
        subscriptions=[replace(SUBSCRIPTION, consumer=consumer)],
        jobs=jobs,
        scopes=ScopeRules({"POST /orders": "orders-ingest", **offboarding.SCOPE_RULES}),  # a shop's backend; other writes need admin
        usage=usage,
        tenant_data=TENANT_DATA,
    )


app = build_app(get_settings(), get_attribution_settings())
