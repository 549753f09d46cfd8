"""The publisher: puts each due target on its network exactly once."""
from publisher import handlers, jobs
from publisher.api import accounts, targets
from publisher.db import Base
from publisher.settings import get_publisher_settings
from smmkit.app import create_service_app
from smmkit.bus import Subscription
from smmkit.settings import get_settings


app = create_service_app(
    name="publisher",
    description="Publish post targets to social networks, exactly once.",
    settings=get_settings(),
    service_settings=get_publisher_settings(),
    messaging=Base.messaging,
    routers=[accounts.router, targets.router],
    subscriptions=[Subscription("publisher", {
        "account.created": handlers.on_account_created,
        "post.scheduled": handlers.on_post_scheduled,
    })],
    jobs=[jobs.publish_ready_targets, jobs.renew_expiring_credentials, jobs.rotate_credential_keys],
)
