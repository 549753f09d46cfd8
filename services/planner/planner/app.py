"""The planner: accounts, posts and the schedule; it owns when a target is due."""
from planner import handlers, jobs
from planner.api import accounts, posts
from planner.db import Base
from planner.settings import get_planner_settings
from smmkit.app import create_service_app
from smmkit.bus import Subscription
from smmkit.settings import get_settings
from smmkit.tenancy import admin_router

app = create_service_app(
    name="planner",
    description="Plan content and hand each post target to the publisher when it is due.",
    settings=get_settings(),
    service_settings=get_planner_settings(),
    messaging=Base.messaging,
    routers=[admin_router, accounts.router, posts.router],
    subscriptions=[Subscription("planner", {
        "post.published": handlers.on_post_published,
        "post.failed": handlers.on_post_failed,
    })],
    jobs=[jobs.dispatch_due_targets, jobs.sweep_unconfirmed],
)
