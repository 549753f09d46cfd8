"""Posts and their targets: creating them, and the dispatch / confirmation life cycle."""
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from planner.accounts import service as accounts_service
from planner.accounts.models import Account
from planner.posts.models import Post, PostTarget, TargetStatus
from planner.posts.schemas import PostCreate
from smmkit import events as ev
from smmkit.db import UnitOfWork
from smmkit.problems import NotFound


async def create(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_in: PostCreate) -> Post:
    accounts = await accounts_service.get_many(
        session=uow.session, tenant_id=tenant_id, account_ids={t.account_id for t in post_in.targets})
    post = Post(
        tenant_id=tenant_id, brand_id=post_in.brand_id, text=post_in.text, campaign=post_in.campaign,
        pillar=post_in.pillar, links=[str(u) for u in post_in.links],
        media=[m.model_dump() for m in post_in.media],
    )
    post.targets = [
        PostTarget(tenant_id=tenant_id, account_id=t.account_id, network=accounts[t.account_id].network,
                   text_override=t.text, scheduled_at=post_in.scheduled_at)
        for t in post_in.targets
    ]
    uow.session.add(post)
    await uow.session.flush()
    return post


async def get(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID) -> Post:
    post = await uow.session.scalar(select(Post).where(Post.tenant_id == tenant_id, Post.id == post_id))
    if post is None:
        raise NotFound(f"post {post_id} not found")
    return post


async def list_all(*, uow: UnitOfWork, tenant_id: uuid.UUID, limit: int = 100) -> list[Post]:
    rows = await uow.session.scalars(
        select(Post).where(Post.tenant_id == tenant_id).order_by(Post.created_at.desc()).limit(limit))
    return list(rows)


def _scheduled_event(target: PostTarget, account: Account) -> ev.Envelope:
    post = target.post
    return ev.new_event(
        ev.PostScheduled(
            target_id=target.id, post_id=post.id, account_id=target.account_id, network=target.network,
            account_ref=account.account_ref, text=target.text_override or post.text,
            media=[ev.MediaRef(**m) for m in post.media], links=list(post.links),
            campaign=post.campaign, pillar=post.pillar, brand_id=post.brand_id,
            scheduled_at=target.scheduled_at, dispatch_count=target.dispatch_count,
        ),
        tenant_id=target.tenant_id,
    )


async def _claim_and_emit(uow: UnitOfWork, where, limit: int, now: datetime) -> int:
    """Lock targets (SKIP LOCKED, so replicas never claim the same one), mark them dispatched, emit post.scheduled."""
    stmt = (
        select(PostTarget, Account)
        .join(Account, Account.id == PostTarget.account_id)
        .options(joinedload(PostTarget.post))
        .where(*where)
        .order_by(PostTarget.scheduled_at)
        .limit(limit)
        .with_for_update(of=PostTarget, skip_locked=True)
    )
    rows = (await uow.session.execute(stmt)).unique().all()
    for target, account in rows:
        target.status = TargetStatus.DISPATCHED
        target.dispatched_at = now
        target.dispatch_count += 1
        uow.emit(_scheduled_event(target, account))
    await uow.commit()
    return len(rows)


async def dispatch_due(*, uow: UnitOfWork, now: datetime, limit: int) -> int:
    return await _claim_and_emit(
        uow, (PostTarget.status == TargetStatus.SCHEDULED, PostTarget.scheduled_at <= now), limit, now)


async def redispatch_unconfirmed(*, uow: UnitOfWork, now: datetime, older_than: timedelta, limit: int) -> int:
    """Same target id again, so the publisher's deduplication holds; recovers from a broker that lost data."""
    return await _claim_and_emit(
        uow, (PostTarget.status == TargetStatus.DISPATCHED, PostTarget.dispatched_at <= now - older_than), limit, now)


async def confirm_published(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID,
                            external_id: str, url: str, published_at: datetime) -> None:
    await uow.session.execute(
        update(PostTarget)
        .where(PostTarget.tenant_id == tenant_id, PostTarget.id == target_id)
        .values(status=TargetStatus.PUBLISHED, external_id=external_id, url=url, published_at=published_at,
                failure_reason=None))


async def confirm_failed(*, uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID, reason: str) -> None:
    await uow.session.execute(
        update(PostTarget)
        .where(PostTarget.tenant_id == tenant_id, PostTarget.id == target_id,
               PostTarget.status != TargetStatus.PUBLISHED)
        .values(status=TargetStatus.FAILED, failure_reason=reason))
