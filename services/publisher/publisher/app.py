"""The publisher: puts each due target on its network exactly once."""
from collections.abc import Sequence

from fastapi import FastAPI

from publisher import handlers, jobs
from publisher.api import accounts, connections, targets
from publisher.db import Base
from publisher.settings import PublisherSettings, get_publisher_settings
from publisher.tenant_data import TENANT_DATA
from publisher.usage import usage
from smmkit import offboarding
from smmkit.tenancy import ScopeRules
from smmkit.app import Job, create_service_app
from smmkit.bus import Subscription
from smmkit.crypto import SecretBox
from smmkit.settings import CommonSettings, get_settings

JOBS: tuple[Job, ...] = (jobs.publish_ready_targets, jobs.renew_expiring_credentials, jobs.rotate_credential_keys)


def build_app(common: CommonSettings, service_settings: PublisherSettings, *, jobs: Sequence[Job] = JOBS,
              consume: bool = True) -> FastAPI:
    return create_service_app(
        name="publisher",
        description="Publish post targets to social networks, exactly once.",
        settings=common,
        service_settings=service_settings,
        messaging=Base.messaging,
        routers=[accounts.router, connections.callback_router, connections.router, targets.router],
        subscriptions=[Subscription("publisher", {
            "account.created": handlers.on_account_created,
            "post.scheduled": handlers.on_post_scheduled,
            "tenant.deletion_requested": handlers.on_tenant_deletion_requested,
            "connection.settled": handlers.on_connection_settled(SecretBox(common.secret_keys), service_settings),
        })] if consume else [],
        jobs=jobs,
        scopes=ScopeRules({"POST /targets": "publish", **offboarding.SCOPE_RULES}),  # resolving a target; other writes need admin
        usage=usage,
        tenant_data=TENANT_DATA,
    )


app = build_app(get_settings(), get_publisher_settings())
