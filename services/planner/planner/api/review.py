"""Public routes for outside reviewers: the signed token is the only credential."""
from fastapi import APIRouter, Request

from planner.posts import review, service
from planner.posts.schemas import CommentRead, PostRead, ReviewDecision
from smmkit import audit
from smmkit.apilimit import PublicLimit
from smmkit.deps import RuntimeDep, UowDep
from smmkit.events import utcnow
from pydantic import BaseModel
from smmkit.validation import Token

# No API key here: the rate limit is per client address.
router = APIRouter(prefix="/review", tags=["external review"], dependencies=[PublicLimit])


class ReviewView(BaseModel):
    reviewer: str
    post: PostRead
    comments: list[CommentRead]


def _claim(runtime, token: str, request: Request) -> review.ReviewClaim:
    claim = review.verify(secret_keys=runtime.settings.secret_keys, token=token, now=utcnow())
    runtime.suspensions.refuse(claim.tenant_id)  # a suspended tenant's review links answer 403
    audit.identify(request, tenant_id=claim.tenant_id, actor=f"reviewer:{claim.reviewer}")
    return claim


@router.get("/{token}", response_model=ReviewView, summary="The post a review link shows")
async def show_for_review(token: Token, runtime: RuntimeDep, uow: UowDep, request: Request):
    c = _claim(runtime, token, request)
    post = await service.get(uow=uow, tenant_id=c.tenant_id, post_id=c.post_id)
    comments = await service.list_comments(uow=uow, tenant_id=c.tenant_id, post_id=c.post_id)
    return ReviewView(reviewer=c.reviewer, post=PostRead.model_validate(post),
                      comments=[CommentRead.model_validate(x) for x in comments])


@router.post("/{token}/approve", response_model=PostRead, summary="Approve a post through its review link")
async def approve_by_link(token: Token, runtime: RuntimeDep, uow: UowDep, request: Request, body: ReviewDecision | None = None):
    c = _claim(runtime, token, request)
    await service.approve(uow=uow, tenant_id=c.tenant_id, post_id=c.post_id, actor=f"reviewer:{c.reviewer}",
                          note=body and body.comment)
    await uow.commit()
    uow.session.expire_all()
    return await service.get(uow=uow, tenant_id=c.tenant_id, post_id=c.post_id)


@router.post("/{token}/reject", response_model=PostRead,
             summary="Reject a post through its review link, with a comment")
async def reject_by_link(token: Token, runtime: RuntimeDep, uow: UowDep, request: Request, body: ReviewDecision | None = None):
    c = _claim(runtime, token, request)
    await service.reject(uow=uow, tenant_id=c.tenant_id, post_id=c.post_id, actor=f"reviewer:{c.reviewer}",
                         comment=body and body.comment)
    await uow.commit()
    uow.session.expire_all()
    return await service.get(uow=uow, tenant_id=c.tenant_id, post_id=c.post_id)
