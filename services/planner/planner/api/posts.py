import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from planner.api.common import POST_BODY, TzQuery, actor, localize, localize_page
from planner.posts import drafts, review, service
from planner.posts.models import PostStatus
from planner.posts.schemas import (
    CommentCreate, CommentRead, DraftCheck, DraftCheckRead, PostCreate, PostRead, PostReschedule, PostUpdate, ReviewDecision, ReviewLinkCreate,
    ReviewLinkRead, TransitionRead,
)
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.pagination import Page, PageDep
from smmkit.events import utcnow
from smmkit.plans import QUOTA_RESPONSE
from datetime import timedelta

router = APIRouter(prefix="/posts", tags=["posts"])
ActorDep = Annotated[str, Depends(actor)]
StatusFilter = Annotated[Literal["draft", "in_review", "approved", "scheduled", "published", "failed", "cancelled"]
                         | None, Query(description="Only posts in this status")]


async def _read(uow, tenant_id, post_id, tz=None) -> PostRead:
    uow.session.expire_all()
    return localize(PostRead.model_validate(await service.get(uow=uow, tenant_id=tenant_id, post_id=post_id)), tz)


@router.post("", status_code=201, response_model=PostRead, openapi_extra=POST_BODY, responses=QUOTA_RESPONSE,
             summary="Plan a post on one or more accounts")
async def create_post(body: PostCreate, tenant_id: TenantDep, uow: UowDep, who: ActorDep, tz: TzQuery = None):
    post = await service.create(uow=uow, tenant_id=tenant_id, post_in=body, actor=who)
    await uow.commit()
    return await _read(uow, tenant_id, post.id, tz)


@router.post("/check", response_model=DraftCheckRead, openapi_extra=POST_BODY,
             summary="Check a draft with the catalogue's rules (counts per network, violations); nothing is saved")
async def check_draft(body: DraftCheck, tenant_id: TenantDep, uow: UowDep):
    return await drafts.check(uow=uow, tenant_id=tenant_id, draft=body)


@router.get("", response_model=Page[PostRead], summary="List posts, newest first (one page)")
async def list_posts(tenant_id: TenantDep, uow: UowDep, page: PageDep, tz: TzQuery = None,
                     status: StatusFilter = None):
    found = await service.list_page(uow=uow, tenant_id=tenant_id, page=page, status=status)
    return localize_page(found, PostRead, tz)


@router.get("/{post_id}", response_model=PostRead, summary="Get a post with its targets")
async def get_post(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, tz: TzQuery = None):
    return await _read(uow, tenant_id, post_id, tz)


@router.patch("/{post_id}", response_model=PostRead, summary="Edit the fields given (until dispatch; then 409)")
async def update_post(post_id: uuid.UUID, body: PostUpdate, tenant_id: TenantDep, uow: UowDep, who: ActorDep,
                      tz: TzQuery = None):
    await service.update(uow=uow, tenant_id=tenant_id, post_id=post_id, post_in=body, actor=who)
    await uow.commit()
    return await _read(uow, tenant_id, post_id, tz)


@router.patch("/{post_id}/schedule", response_model=PostRead, summary="Reschedule (until dispatch; then 409)")
async def reschedule_post(post_id: uuid.UUID, body: PostReschedule, tenant_id: TenantDep, uow: UowDep,
                          who: ActorDep, tz: TzQuery = None):
    await service.reschedule(uow=uow, tenant_id=tenant_id, post_id=post_id, body=body, actor=who)
    await uow.commit()
    return await _read(uow, tenant_id, post_id, tz)


async def _move(uow, tenant_id, post_id, to_status, who, note=None):
    await service.transition(uow=uow, tenant_id=tenant_id, post_id=post_id, to_status=to_status, actor=who,
                             note=note)
    await uow.commit()
    return await _read(uow, tenant_id, post_id)


@router.post("/{post_id}/submit", response_model=PostRead, summary="draft → in_review")
async def submit_post(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, who: ActorDep):
    return await _move(uow, tenant_id, post_id, PostStatus.IN_REVIEW, who)


@router.post("/{post_id}/approve", response_model=PostRead, summary="in_review → approved → scheduled")
async def approve_post(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, who: ActorDep,
                       body: ReviewDecision | None = None):
    await service.approve(uow=uow, tenant_id=tenant_id, post_id=post_id, actor=who, note=body and body.comment)
    await uow.commit()
    return await _read(uow, tenant_id, post_id)


@router.post("/{post_id}/reject", response_model=PostRead, summary="in_review → draft, with a comment")
async def reject_post(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, who: ActorDep,
                      body: ReviewDecision | None = None):
    await service.reject(uow=uow, tenant_id=tenant_id, post_id=post_id, actor=who, comment=body and body.comment)
    await uow.commit()
    return await _read(uow, tenant_id, post_id)


@router.post("/{post_id}/schedule", response_model=PostRead, summary="draft or approved → scheduled")
async def schedule_post(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, who: ActorDep):
    return await _move(uow, tenant_id, post_id, PostStatus.SCHEDULED, who)


@router.post("/{post_id}/cancel", response_model=PostRead, summary="Cancel (until dispatch; then 409)")
async def cancel_post(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, who: ActorDep):
    return await _move(uow, tenant_id, post_id, PostStatus.CANCELLED, who)


@router.get("/{post_id}/history", response_model=Page[TransitionRead],
            summary="A post's status changes, oldest first (one page)")
async def post_history(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, page: PageDep, tz: TzQuery = None):
    found = await service.history(uow=uow, tenant_id=tenant_id, post_id=post_id, page=page)
    return localize_page(found, TransitionRead, tz)


@router.post("/{post_id}/comments", status_code=201, response_model=CommentRead, summary="Comment on a post")
async def add_comment(post_id: uuid.UUID, body: CommentCreate, tenant_id: TenantDep, uow: UowDep, who: ActorDep):
    comment = await service.add_comment(uow=uow, tenant_id=tenant_id, post_id=post_id, comment_in=body, actor=who)
    await uow.commit()
    return comment


@router.get("/{post_id}/comments", response_model=Page[CommentRead], summary="List a post's comments, oldest first")
async def list_comments(post_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.comments_page(uow=uow, tenant_id=tenant_id, post_id=post_id, page=page)


@router.post("/{post_id}/review-links", status_code=201, response_model=ReviewLinkRead,
             summary="A signed link an outside reviewer uses without an account")
async def create_review_link(post_id: uuid.UUID, body: ReviewLinkCreate, tenant_id: TenantDep, uow: UowDep,
                             runtime: RuntimeDep):
    await service.get(uow=uow, tenant_id=tenant_id, post_id=post_id)
    token, expires_at = review.sign(secret_keys=runtime.settings.secret_keys, tenant_id=tenant_id, post_id=post_id,
                                    reviewer=body.reviewer, now=utcnow(),
                                    expires_in=timedelta(seconds=body.expires_in_s))
    return ReviewLinkRead(token=token, path=f"/review/{token}", expires_at=expires_at)
