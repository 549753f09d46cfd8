"""What the publisher does with consumed events."""
from publisher.accounts import service as accounts
from publisher.targets import service as targets
from smmkit import events as ev
from smmkit.db import UnitOfWork
from publisher.tenant_data import TENANT_DATA
from smmkit.offboarding import deletion_handler


async def on_post_scheduled(event: ev.Envelope[ev.PostScheduled], uow: UnitOfWork) -> None:
    await targets.receive(uow=uow, event=event)


async def on_account_created(event: ev.Envelope[ev.AccountCreated], uow: UnitOfWork) -> None:
    await accounts.register(uow=uow, event=event)


on_tenant_deletion_requested = deletion_handler(TENANT_DATA)  # its rows, Redis keys and secrets; then it confirms
