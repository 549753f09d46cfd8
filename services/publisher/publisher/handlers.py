"""What the publisher does with consumed events."""
from publisher.targets import service as targets
from smmkit import events as ev
from smmkit.db import UnitOfWork


async def on_post_scheduled(event: ev.Envelope[ev.PostScheduled], uow: UnitOfWork) -> None:
    await targets.receive(uow=uow, event=event)
