"""The metrics service: engagement time series for every published target."""
from metrics import handlers, jobs
from metrics.api import engagement
from metrics.db import Base
from metrics.settings import get_metrics_settings
from smmkit.app import create_service_app
from smmkit.bus import Subscription
from smmkit.settings import get_settings

app = create_service_app(
    name="metrics",
    description="Collect engagement for every published post target.",
    settings=get_settings(),
    service_settings=get_metrics_settings(),
    messaging=Base.messaging,
    routers=[engagement.router],
    subscriptions=[Subscription("metrics", {"post.published": handlers.on_post_published})],
    jobs=[jobs.poll_due_targets],
)
