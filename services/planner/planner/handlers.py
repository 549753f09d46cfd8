"""What the planner does with events from other services: keep each target's status current, tell webhooks."""
from planner.accounts import connections
from planner.posts import service as posts
from smmkit import events as ev
from smmkit.db import UnitOfWork
from planner.tenant_data import TENANT_DATA
from smmkit.offboarding import deletion_handler
from smmkit import offboarding


async def on_post_published(event: ev.Envelope[ev.PostPublished], uow: UnitOfWork) -> None:
    p = event.payload
    await posts.confirm(uow=uow, outcome=posts.Outcome(
        tenant_id=event.tenant_id, target_id=p.target_id, event_type="post.published",
        payload=p.model_dump(mode="json"), external_id=p.external_id, url=p.url, published_at=p.published_at))


async def on_post_failed(event: ev.Envelope[ev.PostFailed], uow: UnitOfWork) -> None:
    p = event.payload
    await posts.confirm(uow=uow, outcome=posts.Outcome(
        tenant_id=event.tenant_id, target_id=p.target_id, event_type="post.failed",
        payload=p.model_dump(mode="json"), reason=p.reason))


on_tenant_deletion_requested = deletion_handler(TENANT_DATA)  # its rows, Redis keys and secrets; then it confirms
on_tenant_data_deleted = offboarding.on_tenant_data_deleted  # a service's confirmation: progress, then tenancy rows


async def on_connection_authorized(event: ev.Envelope[ev.ConnectionAuthorized], uow: UnitOfWork) -> None:
    await connections.settle(uow=uow, event=event)


async def on_account_needs_reconnect(event: ev.Envelope[ev.AccountNeedsReconnect], uow: UnitOfWork) -> None:
    await connections.tell_needs_reconnect(uow=uow, event=event)
