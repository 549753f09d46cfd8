from datetime import timedelta

from metrics import connections
from metrics.accounts import service as accounts
from metrics.engagement import service as engagement
from metrics.settings import get_metrics_settings
from smmkit import events as ev
from smmkit.bus import Handler
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from metrics.tenant_data import TENANT_DATA
from smmkit.offboarding import deletion_handler
from smmkit.events import utcnow


async def on_post_published(event: ev.Envelope[ev.PostPublished], uow: UnitOfWork) -> None:
    spread = timedelta(seconds=get_metrics_settings().first_poll_spread_s)
    await engagement.track(uow=uow, event=event, first_poll_spread=spread)


async def on_account_created(event: ev.Envelope[ev.AccountCreated], uow: UnitOfWork) -> None:
    await accounts.register(uow=uow, event=event)


on_tenant_deletion_requested = deletion_handler(TENANT_DATA)  # its rows, Redis keys and secrets; then it confirms


def on_credentials_issued(box: SecretBox, private_key: str) -> Handler:
    """The handler, bound to this process's keys: it opens what was sealed for us and stores it encrypted."""

    async def handle(event: ev.Envelope[ev.CredentialsIssued], uow: UnitOfWork) -> None:
        await connections.take(uow=uow, box=box, private_key=private_key, event=event, now=utcnow())

    return handle
