"""The publisher: puts each due target on its network exactly once."""
from publisher import handlers, jobs
from publisher.api import accounts, targets
from publisher.db import Base
from publisher.settings import get_publisher_settings
from smmkit.app import Runtime, create_service_app
from smmkit.bus import Subscription
from smmkit.crypto import SecretBox
from smmkit.settings import get_settings

settings = get_settings()


async def _on_startup(runtime: Runtime) -> None:
    runtime.extras["secret_box"] = SecretBox(settings.secret_keys)


app = create_service_app(
    name="publisher",
    description="Publish post targets to social networks, exactly once.",
    settings=settings,
    service_settings=get_publisher_settings(),
    messaging=Base.messaging,
    routers=[accounts.router, targets.router],
    subscriptions=[Subscription("publisher", {"post.scheduled": handlers.on_post_scheduled})],
    jobs=[jobs.publish_ready_targets],
    on_startup=_on_startup,
)
