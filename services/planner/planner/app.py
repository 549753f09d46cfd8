"""The planner: brands, accounts, posts and the schedule; it owns when a target is due."""
from fastapi import FastAPI

from planner import handlers, jobs
from planner.api import accounts, brands, calendar, imports, plans, posts, review, schedules, templates, webhooks
from planner.db import Base
from planner.settings import PlannerSettings, get_planner_settings
from smmkit.app import create_service_app
from smmkit.bus import Subscription
from smmkit.settings import CommonSettings, get_settings
from planner.usage import usage
from smmkit import apikeys, audit_api, offboarding
from planner.tenant_data import TENANT_DATA
from smmkit.tenancy import ScopeRules, admin_router


# The scope each route needs beyond the default (GET: read-only, other methods: admin); see ScopeRules.
SCOPES = ScopeRules({
    "WRITE /posts": "publish", "WRITE /imports": "publish", "WRITE /queue": "publish",
    "WRITE /recurrences": "publish", "WRITE /templates": "publish", "PUT /accounts/{account_id}/slots": "publish",
    "GET /api-keys": "admin", "GET /audit": "admin", **offboarding.SCOPE_RULES,
})
ALL_JOBS = (jobs.dispatch_due_targets, jobs.sweep_unconfirmed, jobs.materialize_recurrences, jobs.deliver_webhooks)


SUBSCRIPTION = Subscription("planner", {
    "post.published": handlers.on_post_published,
    "post.failed": handlers.on_post_failed,
    "tenant.deletion_requested": handlers.on_tenant_deletion_requested,
    "tenant.data_deleted": handlers.on_tenant_data_deleted,
    "connection.authorized": handlers.on_connection_authorized,
    "account.needs_reconnect": handlers.on_account_needs_reconnect,
})


def build_app(settings: CommonSettings, service_settings: PlannerSettings, *, with_jobs=ALL_JOBS,
              consume: bool = True) -> FastAPI:
    return create_service_app(
        name="planner",
        description="Plan content and hand each post target to the publisher when it is due.",
        settings=settings,
        service_settings=service_settings,
        messaging=Base.messaging,
        routers=[admin_router, offboarding.deletion_router, apikeys.admin_router, plans.admin_router, apikeys.router, plans.router, audit_api.admin_router, audit_api.router, accounts.router, brands.router, posts.router, review.router, schedules.router,
                 imports.router, calendar.router, templates.router, webhooks.router],
        subscriptions=[SUBSCRIPTION] if consume else [],
        jobs=list(with_jobs),
        scopes=SCOPES,
        usage=usage,
        tenant_data=TENANT_DATA,
    )


app = build_app(get_settings(), get_planner_settings())
