"""Posts and their targets: planning (with the network rules), the review flow, and the dispatch life cycle."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from planner.accounts import service as accounts_service
from planner.accounts.models import Account
from planner.brands import service as brands
from planner.plans import service as plan
from planner.posts import rules
from planner.posts.models import Post, PostComment, PostStatus, PostTarget, PostTransition, TargetStatus
from planner.posts.schemas import CommentCreate, PostCreate, PostReschedule, PostUpdate
from planner.templates import service as templates
from planner.timezones import UTC, to_utc, zone
from planner.webhooks import service as webhooks
from smmkit import events as ev
from smmkit import tracing
from smmkit.db import UnitOfWork
from smmkit.pagination import PageRequest
from smmkit.problems import Conflict, DomainError, NotFound

SCHEMA = Post.__table__.schema


# --- planning -------------------------------------------------------------------

async def existing_for(*, uow: UnitOfWork, tenant_id: uuid.UUID, planned: list[rules.Planned],
                       exclude_post_id: uuid.UUID | None = None) -> rules.Existing:
    """What is already planned on the accounts in ``planned``, in the time range the quota rules can see."""
    existing = rules.Existing()
    quota_accounts = {p.account_id for p in planned
                      if (r := rules.CATALOGUE.get(p.network)) and (r.daily_quota or r.rolling_quota)}
    checked = sorted(quota_accounts | {p.account_id for p in planned if p.network == "x"})
    if checked:
        # Serialize planning per account (in id order, so two requests never deadlock): two concurrent requests
        # must not both take the last free slot of a quota, or both claim the same text on two X accounts.
        await uow.session.execute(select(Account.id).where(Account.tenant_id == tenant_id, Account.id.in_(checked))
                                  .order_by(Account.id).with_for_update())
    if quota_accounts:
        lo = min(p.scheduled_at for p in planned) - timedelta(days=2)
        hi = max(p.scheduled_at for p in planned) + timedelta(days=2)
        stmt = (select(PostTarget.account_id, PostTarget.scheduled_at)
                .where(PostTarget.tenant_id == tenant_id, PostTarget.account_id.in_(quota_accounts),
                       PostTarget.status.in_(TargetStatus.PLANNED),
                       PostTarget.scheduled_at >= lo, PostTarget.scheduled_at < hi))
        if exclude_post_id is not None:
            stmt = stmt.where(PostTarget.post_id != exclude_post_id)
        for account_id, at in await uow.session.execute(stmt):
            existing.times[account_id].append(at)
    x_texts = {p.text for p in planned if p.network == "x"}
    if x_texts:
        final_text = sa.func.coalesce(PostTarget.text_override, Post.text)
        stmt = (select(final_text, PostTarget.account_id).join(Post, Post.id == PostTarget.post_id)
                .where(PostTarget.tenant_id == tenant_id, PostTarget.network == "x",
                       PostTarget.status.in_((TargetStatus.PENDING, TargetStatus.SCHEDULED, TargetStatus.DISPATCHED)),
                       final_text.in_(x_texts)))
        if exclude_post_id is not None:
            stmt = stmt.where(PostTarget.post_id != exclude_post_id)
        for text, account_id in await uow.session.execute(stmt):
            existing.x_texts[text].add(account_id)
    return existing


def raise_violations(violations: list[dict]) -> None:
    if violations:
        first = violations[0]
        raise DomainError(f"{first['target']} ({first['network']} {first['handle']}): {first['detail']}",
                          violations=violations)


def _resolve_time(raw: datetime, tz_name: str | None) -> datetime:
    """Aware → UTC; naive → read in ``tz_name`` (the schemas refuse a naive time without a zone)."""
    if raw.tzinfo is not None:
        return raw.astimezone(UTC)
    return to_utc(raw, zone(tz_name))


async def record(uow: UnitOfWork, *, tenant_id: uuid.UUID, post_ids: list[uuid.UUID], from_status: str | None,
                 to_status: str, actor: str, note: str | None = None) -> None:
    """One transition row per post, in one statement."""
    t = PostTransition.__table__
    await uow.session.execute(sa.text(
        f"INSERT INTO {SCHEMA}.{t.name} (id, tenant_id, post_id, from_status, to_status, actor, note, at) "
        "SELECT gen_random_uuid(), :tenant_id, unnest(CAST(:post_ids AS uuid[])), :from_status, :to_status, :actor, "
        ":note, clock_timestamp()"
    ).bindparams(sa.bindparam("post_ids", type_=ARRAY(UUID(as_uuid=True)))),
        {"tenant_id": tenant_id, "post_ids": post_ids, "from_status": from_status, "to_status": to_status,
         "actor": actor, "note": note})


async def create(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_in: PostCreate, actor: str = "api") -> Post:
    session = uow.session
    await plan.hold_posts(session, tenant_id)  # first: the quota's lock comes before the accounts' (existing_for)
    accounts = await accounts_service.get_many(
        session=session, tenant_id=tenant_id, account_ids={t.account_id for t in post_in.targets})
    fields = post_in.model_dump(include={"text", "media", "links", "pillar", "campaign", "language"})
    fields["links"] = [str(u) for u in post_in.links]
    fields["media"] = [m.model_dump() for m in post_in.media]
    if post_in.template_id is not None:
        tpl = await templates.get(session=session, tenant_id=tenant_id, template_id=post_in.template_id)
        fields = templates.fill(tpl, fields)
    if not fields.get("text"):
        raise DomainError("text is required (or a template that has it)", rule="text_required")
    first_account = accounts[post_in.targets[0].account_id]
    when = _resolve_time(post_in.scheduled_at, post_in.timezone)
    brand_id = brands.brand_of(accounts.values(), post_in.brand_id)
    needs_review = await brands.approval_required(session=session, tenant_id=tenant_id, brand_id=brand_id)

    local_day = when.astimezone(zone(first_account.timezone)).date()
    brands.raise_if(brands.check_pillar_and_campaign(
        pillar=fields.get("pillar"), campaign=fields.get("campaign"),
        pillars=await brands.pillar_names(session=session, tenant_id=tenant_id) if fields.get("pillar") else set(),
        campaigns=await brands.campaign_ranges(session=session, tenant_id=tenant_id), local_day=local_day), "post")

    media = rules.media_of(fields["media"])
    carried = rules.carried_bytes(media=fields["media"], links=fields["links"], campaign=fields.get("campaign"),
                                  pillar=fields.get("pillar"))
    planned = [rules.Planned(ref=f"targets[{i}]", account_id=t.account_id, network=accounts[t.account_id].network,
                             handle=accounts[t.account_id].handle, timezone=accounts[t.account_id].timezone,
                             text=t.text or fields["text"], media=media, scheduled_at=when, carried_bytes=carried)
               for i, t in enumerate(post_in.targets)]
    existing = await existing_for(uow=uow, tenant_id=tenant_id, planned=planned)
    raise_violations(rules.check(planned, existing, max_event_bytes=uow.db.max_event_bytes))

    if post_in.draft:
        status = PostStatus.DRAFT
    elif needs_review:
        status = PostStatus.IN_REVIEW
    else:
        status = PostStatus.SCHEDULED
    target_status = TargetStatus.SCHEDULED if status == PostStatus.SCHEDULED else TargetStatus.PENDING
    post = Post(tenant_id=tenant_id, brand_id=brand_id, text=fields["text"], campaign=fields.get("campaign"),
                pillar=fields.get("pillar"), language=fields.get("language"), links=fields["links"],
                media=fields["media"], tags=post_in.tags, status=status)
    post.targets = [
        PostTarget(tenant_id=tenant_id, account_id=t.account_id, network=accounts[t.account_id].network,
                   text_override=t.text, language_override=t.language, scheduled_at=when, status=target_status,
                   traceparent=tracing.current_traceparent())  # the dispatcher continues this request's trace
        for t in post_in.targets
    ]
    session.add(post)
    await session.flush()
    if status == PostStatus.IN_REVIEW:
        await record(uow, tenant_id=tenant_id, post_ids=[post.id], from_status=None, to_status=PostStatus.DRAFT,
                     actor=actor)
        await record(uow, tenant_id=tenant_id, post_ids=[post.id], from_status=PostStatus.DRAFT,
                     to_status=PostStatus.IN_REVIEW, actor=actor, note="approval required by the brand")
    else:
        await record(uow, tenant_id=tenant_id, post_ids=[post.id], from_status=None, to_status=status, actor=actor)
    return post


async def get(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, for_update: bool = False) -> Post:
    stmt = select(Post).where(Post.tenant_id == tenant_id, Post.id == post_id)
    if for_update:
        stmt = stmt.with_for_update()
    post = await uow.session.scalar(stmt)
    if post is None:
        raise NotFound(f"post {post_id} not found")
    return post


async def list_page(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest,
                    status: str | None = None) -> dict:
    """One page of the tenant's posts, newest first."""
    stmt = select(Post).where(Post.tenant_id == tenant_id)
    if status is not None:
        stmt = stmt.where(Post.status == status)
    ks = page.keyset(stmt, Post.created_at, Post.id, descending=True, scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all())


# --- the review flow --------------------------------------------------------------

async def _lock_targets(uow: UnitOfWork, post: Post) -> list[PostTarget]:
    """Row locks on the post's targets: the dispatcher (SKIP LOCKED) either sees them after us or not at all,
    and we see its committed 'dispatched' if it got there first."""
    rows = await uow.session.scalars(
        select(PostTarget).where(PostTarget.tenant_id == post.tenant_id, PostTarget.post_id == post.id)
        .with_for_update().execution_options(populate_existing=True))
    return list(rows)


async def transition(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, to_status: str, actor: str,
                     note: str | None = None, expect: tuple[str, ...] | None = None) -> Post:
    """Move a post along draft → in_review → approved → scheduled, or cancel it before its targets are dispatched."""
    post = await get(uow=uow, tenant_id=tenant_id, post_id=post_id, for_update=True)
    allowed = {
        PostStatus.IN_REVIEW: (PostStatus.DRAFT,),
        PostStatus.APPROVED: (PostStatus.IN_REVIEW,),
        PostStatus.DRAFT: (PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED),
        PostStatus.SCHEDULED: (PostStatus.DRAFT, PostStatus.APPROVED),
        PostStatus.CANCELLED: (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED),
    }[to_status]
    if expect is not None:
        allowed = tuple(s for s in allowed if s in expect)
    if post.status not in allowed:
        raise Conflict(f"post is {post.status}; cannot move to {to_status}", current_status=post.status)
    if (to_status == PostStatus.SCHEDULED and post.status == PostStatus.DRAFT
            and await brands.approval_required(session=uow.session, tenant_id=tenant_id, brand_id=post.brand_id)):
        raise Conflict("this brand requires approval: submit the post for review", current_status=post.status)
    targets = await _lock_targets(uow, post)
    if to_status in (PostStatus.CANCELLED, PostStatus.DRAFT):
        gone = [t for t in targets if t.status not in (TargetStatus.PENDING, TargetStatus.SCHEDULED)]
        if gone:
            raise Conflict(f"target {gone[0].id} is already {gone[0].status}; too late to {to_status} the post",
                           target_id=str(gone[0].id), target_status=gone[0].status)
    new_target_status = {PostStatus.CANCELLED: TargetStatus.CANCELLED,
                         PostStatus.SCHEDULED: TargetStatus.SCHEDULED}.get(to_status, TargetStatus.PENDING)
    for t in targets:
        t.status = new_target_status
    await record(uow, tenant_id=tenant_id, post_ids=[post.id], from_status=post.status, to_status=to_status,
                 actor=actor, note=note)
    post.status = to_status
    await uow.session.flush()
    return post


async def approve(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, actor: str,
                  note: str | None = None) -> Post:
    """in_review → approved → scheduled: an approved post goes on the schedule at once."""
    await transition(uow=uow, tenant_id=tenant_id, post_id=post_id, to_status=PostStatus.APPROVED, actor=actor,
                     note=note)
    return await transition(uow=uow, tenant_id=tenant_id, post_id=post_id, to_status=PostStatus.SCHEDULED,
                            actor="system", note="scheduled on approval")


async def reject(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, actor: str,
                 comment: str | None = None) -> Post:
    post = await transition(uow=uow, tenant_id=tenant_id, post_id=post_id, to_status=PostStatus.DRAFT, actor=actor,
                            note=comment, expect=(PostStatus.IN_REVIEW,))
    if comment:
        uow.session.add(PostComment(tenant_id=tenant_id, post_id=post_id, author=actor, body=comment))
        await uow.session.flush()
    return post


async def _editable(uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID,
                    what: str) -> tuple[Post, list[PostTarget]]:
    """The post and its locked targets, while none is handed over yet (else 409)."""
    post = await get(uow=uow, tenant_id=tenant_id, post_id=post_id, for_update=True)
    if post.status in PostStatus.FINAL:
        raise Conflict(f"post is {post.status}", current_status=post.status)
    targets = await _lock_targets(uow, post)
    gone = [t for t in targets if t.status not in (TargetStatus.PENDING, TargetStatus.SCHEDULED)]
    if gone:
        raise Conflict(f"target {gone[0].id} is already {gone[0].status}; too late to {what}",
                       target_id=str(gone[0].id), target_status=gone[0].status)
    return post, targets


async def reschedule(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, body: PostReschedule,
                     actor: str) -> Post:
    post, targets = await _editable(uow, tenant_id, post_id, "reschedule")
    accounts = await accounts_service.get_many(session=uow.session, tenant_id=tenant_id,
                                               account_ids={t.account_id for t in targets})
    when = _resolve_time(body.scheduled_at, body.timezone)
    planned = [rules.Planned(ref=f"targets[{i}]", account_id=t.account_id, network=t.network,
                             handle=accounts[t.account_id].handle, timezone=accounts[t.account_id].timezone,
                             text=t.text_override or post.text, media=rules.media_of(post.media),
                             scheduled_at=when) for i, t in enumerate(targets)]
    existing = await existing_for(uow=uow, tenant_id=tenant_id, planned=planned, exclude_post_id=post.id)
    raise_violations(rules.check(planned, existing))
    for t in targets:
        t.scheduled_at = when
    await record(uow, tenant_id=tenant_id, post_ids=[post.id], from_status=post.status, to_status=post.status,
                 actor=actor, note=f"rescheduled to {when.isoformat()}")
    await uow.session.flush()
    return post


async def update(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, post_in: PostUpdate,
                 actor: str) -> Post:
    """Change the fields given in ``post_in``; the history notes which."""
    post, _targets = await _editable(uow, tenant_id, post_id, "edit the post")
    changed = post_in.model_dump(exclude_unset=True)
    for name, value in changed.items():
        setattr(post, name, value)
    if changed:
        await record(uow, tenant_id=tenant_id, post_ids=[post.id], from_status=post.status, to_status=post.status,
                     actor=actor, note="edited: " + ", ".join(sorted(changed)))
    await uow.session.flush()
    return post


async def history(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the post's status changes, oldest first."""
    await get(uow=uow, tenant_id=tenant_id, post_id=post_id)
    ks = page.keyset(select(PostTransition).where(PostTransition.tenant_id == tenant_id,
                                                  PostTransition.post_id == post_id),
                     PostTransition.at, PostTransition.id, scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all())


async def add_comment(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, comment_in: CommentCreate,
                      actor: str) -> PostComment:
    await get(uow=uow, tenant_id=tenant_id, post_id=post_id)
    comment = PostComment(tenant_id=tenant_id, post_id=post_id, author=comment_in.author or actor,
                          body=comment_in.body)
    uow.session.add(comment)
    await uow.session.flush()
    return comment


def _comments(tenant_id: uuid.UUID, post_id: uuid.UUID):
    return select(PostComment).where(PostComment.tenant_id == tenant_id, PostComment.post_id == post_id)


async def list_comments(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID) -> list[PostComment]:
    """All of a post's comments, oldest first (the reviewer's page shows the whole thread)."""
    await get(uow=uow, tenant_id=tenant_id, post_id=post_id)
    return list(await uow.session.scalars(_comments(tenant_id, post_id)
                                          .order_by(PostComment.created_at, PostComment.id)))


async def comments_page(*, uow: UnitOfWork, tenant_id: uuid.UUID, post_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of a post's comments, oldest first."""
    await get(uow=uow, tenant_id=tenant_id, post_id=post_id)
    ks = page.keyset(_comments(tenant_id, post_id), PostComment.created_at, PostComment.id, scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all())


# --- dispatch ----------------------------------------------------------------------

def _claim_sql(where: str) -> sa.TextClause:
    """Claim due targets and write their post.scheduled events, in one statement.

    Due rows are locked with SKIP LOCKED (replicas never claim the same one), marked dispatched, and for each a
    versioned envelope is written to the outbox in the same transaction. The envelope JSON is built by PostgreSQL
    (no per-event Python on the dispatcher's hot path); ``test_planner_contract`` decodes it with ``events.decode``.
    """
    return sa.text(f"""
        WITH due AS (
            SELECT id FROM {SCHEMA}.post_targets WHERE {where}
            ORDER BY scheduled_at LIMIT :limit FOR UPDATE SKIP LOCKED),
        claimed AS (
            UPDATE {SCHEMA}.post_targets t
               SET status = 'dispatched', dispatched_at = :now, dispatch_count = t.dispatch_count + 1
              FROM due, {SCHEMA}.posts p, {SCHEMA}.accounts a
             WHERE t.id = due.id AND p.id = t.post_id AND a.id = t.account_id
            RETURNING t.id, t.tenant_id, t.post_id, t.account_id, t.network,
                      coalesce(t.text_override, p.text) AS text, p.media, p.links, p.campaign, p.pillar, p.brand_id,
                      t.scheduled_at, t.dispatch_count, a.account_ref,
                      coalesce(t.language_override, p.language) AS language, t.traceparent),
        events AS (SELECT gen_random_uuid() AS event_id, claimed.* FROM claimed),
        written AS (
            INSERT INTO {SCHEMA}.outbox (event_id, topic, key, tenant_id, traceparent, body)
            SELECT e.event_id, 'post.scheduled', e.id::text, e.tenant_id, e.traceparent, convert_to(json_build_object(
                       'event_id', e.event_id, 'event_type', 'PostScheduled', 'schema_version', CAST(:schema_version AS int),
                       'tenant_id', e.tenant_id, 'occurred_at', CAST(:now AS timestamptz), 'correlation_id', e.event_id,
                       'payload', json_build_object(
                           'target_id', e.id, 'post_id', e.post_id, 'account_id', e.account_id,
                           'network', e.network, 'account_ref', e.account_ref, 'text', e.text,
                           'media', e.media, 'links', e.links, 'campaign', e.campaign, 'pillar', e.pillar,
                           'brand_id', e.brand_id, 'scheduled_at', e.scheduled_at,
                           'dispatch_count', e.dispatch_count, 'language', e.language))::text, 'UTF8')
              FROM events e
            RETURNING event_id, traceparent)
        SELECT event_id, traceparent FROM written""")


_DUE = _claim_sql("status = 'scheduled' AND scheduled_at <= :due_by")
_UNCONFIRMED = _claim_sql("status = 'dispatched' AND dispatched_at <= :before")


_RETRACE = sa.text(f"""
    UPDATE {SCHEMA}.outbox o SET traceparent = u.traceparent
      FROM unnest(CAST(:event_ids AS uuid[]), CAST(:traceparents AS text[])) AS u(event_id, traceparent)
     WHERE o.event_id = u.event_id""")


async def _trace_dispatch(uow: UnitOfWork, rows) -> None:
    """With tracing on: a ``dispatch post.scheduled`` span per target, child of the request that planned it,
    and the event carries that span (the job has no request of its own to continue)."""
    event_ids, traceparents = [], []
    for event_id, planned in rows:
        if planned:
            with tracing.span("dispatch post.scheduled", parent=planned, attributes={"smm.event_id": str(event_id)}):
                event_ids.append(event_id)
                traceparents.append(tracing.current_traceparent())
    if event_ids:
        await uow.session.execute(_RETRACE, {"event_ids": event_ids, "traceparents": traceparents})


async def _claim_and_emit(uow: UnitOfWork, stmt: sa.TextClause, params: dict) -> int:
    rows = (await uow.session.execute(stmt, {**params, "schema_version": ev.SCHEMA_VERSION})).all()
    if tracing.enabled():
        await _trace_dispatch(uow, rows)
    await uow.commit()
    n = len(rows)
    if n:
        uow.db.outbox_written.set()  # wake the relay, as UnitOfWork.commit does for emitted events
    return n


async def dispatch_due(*, uow: UnitOfWork, now: datetime, limit: int, lead: timedelta = timedelta(0)) -> int:
    """Hand the publisher every target due within ``lead`` from now (it waits for the due time itself)."""
    return await _claim_and_emit(uow, _DUE, {"now": now, "due_by": now + lead, "limit": limit})


async def redispatch_unconfirmed(*, uow: UnitOfWork, now: datetime, older_than: timedelta, limit: int) -> int:
    """Same target id again, so the publisher's deduplication holds; recovers from a broker that lost data."""
    return await _claim_and_emit(uow, _UNCONFIRMED, {"now": now, "before": now - older_than, "limit": limit})


# --- confirmations ------------------------------------------------------------------

_UUIDS = ARRAY(UUID(as_uuid=True))

# Settle every post one of ``targets`` belongs to: when all its targets are final, the post is published
# (all published) or failed. Returns the posts that changed, with their previous status.
_SETTLE = sa.text(f"""
    WITH p AS (SELECT DISTINCT post_id FROM {SCHEMA}.post_targets WHERE id = ANY(:targets)),
         agg AS (SELECT t.post_id,
                        bool_and(t.status IN ('published','failed','cancelled')) AS done,
                        bool_or(t.status = 'failed') AS any_failed
                   FROM {SCHEMA}.post_targets t JOIN p USING (post_id) GROUP BY t.post_id),
         settled AS (SELECT post_id, CASE WHEN any_failed THEN 'failed' ELSE 'published' END AS status
                   FROM agg WHERE done),
         prev AS (SELECT posts.id, posts.status FROM {SCHEMA}.posts JOIN settled ON settled.post_id = posts.id
                  WHERE posts.status IN ('scheduled', 'published', 'failed') AND posts.status <> settled.status
                  ORDER BY posts.id FOR UPDATE OF posts)
    UPDATE {SCHEMA}.posts SET status = settled.status
      FROM settled, prev
     WHERE posts.id = settled.post_id AND prev.id = posts.id
    RETURNING posts.id, posts.tenant_id, prev.status AS old_status, posts.status""").bindparams(
    sa.bindparam("targets", type_=_UUIDS))

# The outcomes of a consumed batch, one statement each. (tenant, target) pairs keep tenants apart, and a
# published target is never marked failed: answers can arrive in any order across topics.
_PUBLISHED = sa.text(f"""
    UPDATE {SCHEMA}.post_targets t
       SET status = 'published', external_id = v.external_id, url = v.url, published_at = v.published_at,
           failure_reason = NULL
      FROM unnest(:tenants, :targets, :external_ids, :urls, :published_at)
           AS v(tenant_id, id, external_id, url, published_at)
     WHERE t.tenant_id = v.tenant_id AND t.id = v.id
    RETURNING t.id""").bindparams(
    sa.bindparam("tenants", type_=_UUIDS), sa.bindparam("targets", type_=_UUIDS),
    sa.bindparam("external_ids", type_=ARRAY(sa.Text)), sa.bindparam("urls", type_=ARRAY(sa.Text)),
    sa.bindparam("published_at", type_=ARRAY(sa.DateTime(timezone=True))))
_FAILED = sa.text(f"""
    UPDATE {SCHEMA}.post_targets t SET status = 'failed', failure_reason = v.reason
      FROM unnest(:tenants, :targets, :reasons) AS v(tenant_id, id, reason)
     WHERE t.tenant_id = v.tenant_id AND t.id = v.id AND t.status <> 'published'
    RETURNING t.id""").bindparams(
    sa.bindparam("tenants", type_=_UUIDS), sa.bindparam("targets", type_=_UUIDS),
    sa.bindparam("reasons", type_=ARRAY(sa.Text)))


@dataclass(frozen=True)
class Outcome:
    """What the publisher said about one target: post.published (external id, URL, time) or post.failed (reason)."""

    tenant_id: uuid.UUID
    target_id: uuid.UUID
    event_type: str  # "post.published" | "post.failed"
    payload: dict  # the event's payload, as webhooks receive it
    external_id: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    reason: str | None = None

    def columns(self) -> dict:
        if self.event_type == "post.published":
            return {"external_ids": self.external_id, "urls": self.url, "published_at": self.published_at}
        return {"reasons": self.reason}


async def confirm(*, uow: UnitOfWork, outcome: Outcome) -> None:
    """Record a target's outcome, settle its post, tell webhooks. Written when the transaction commits: a
    few statements for a whole consumed batch (a burst of 10,000 publishes comes back at once)."""
    uow.collect("planner.outcomes", lambda items: _record_outcomes(uow, items)).append(outcome)


async def _record_outcomes(uow: UnitOfWork, outcomes: list[Outcome]) -> None:
    changed: dict[uuid.UUID, Outcome] = {}
    for event_type, stmt in (("post.published", _PUBLISHED), ("post.failed", _FAILED)):
        batch = [o for o in outcomes if o.event_type == event_type]
        if not batch:
            continue
        params: dict[str, list] = {"tenants": [o.tenant_id for o in batch], "targets": [o.target_id for o in batch]}
        for o in batch:
            for name, value in o.columns().items():
                params.setdefault(name, []).append(value)
        updated = set((await uow.session.execute(stmt, params)).scalars())
        changed.update((o.target_id, o) for o in batch if o.target_id in updated)
    if not changed:
        return
    transitions: dict[tuple, list[uuid.UUID]] = {}
    for row in await uow.session.execute(_SETTLE, {"targets": list(changed)}):
        transitions.setdefault((row.tenant_id, row.old_status, row.status), []).append(row.id)
    for (tenant_id, old_status, status), post_ids in transitions.items():
        await record(uow, tenant_id=tenant_id, post_ids=post_ids, from_status=old_status, to_status=status,
                     actor="system")
    await webhooks.enqueue_many(session=uow.session, events=[
        (o.tenant_id, o.event_type, o.payload) for o in changed.values()])
