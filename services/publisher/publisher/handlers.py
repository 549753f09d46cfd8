"""What the publisher does with consumed events."""
from publisher.accounts import service as accounts
from publisher.connections import service as connections
from publisher.settings import PublisherSettings
from publisher.targets import service as targets
from smmkit import events as ev
from smmkit.crypto import SecretBox
from smmkit.bus import Handler
from smmkit.db import UnitOfWork
from smmkit.offboarding import deletion_handler
from publisher.tenant_data import TENANT_DATA


async def on_post_scheduled(event: ev.Envelope[ev.PostScheduled], uow: UnitOfWork) -> None:
    await targets.receive(uow=uow, event=event)


async def on_account_created(event: ev.Envelope[ev.AccountCreated], uow: UnitOfWork) -> None:
    await accounts.register(uow=uow, event=event)


on_tenant_deletion_requested = deletion_handler(TENANT_DATA)  # its rows, Redis keys and secrets; then it confirms


def on_connection_settled(box: SecretBox, settings: PublisherSettings) -> Handler:
    """The handler, bound to this process's keys and settings (it decrypts the held tokens and seals them)."""

    async def handle(event: ev.Envelope[ev.ConnectionSettled], uow: UnitOfWork) -> None:
        await connections.on_settled(uow=uow, box=box, settings=settings, event=event)

    return handle
