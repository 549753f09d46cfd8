from metrics.engagement import service as engagement
from smmkit import events as ev
from smmkit.db import UnitOfWork


async def on_post_published(event: ev.Envelope[ev.PostPublished], uow: UnitOfWork) -> None:
    await engagement.track(uow=uow, event=event)
