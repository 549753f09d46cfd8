"""Reclassification jobs: a tenant's stored visits in [since, until) classified again with one rule set version.

``POST /reclassifications`` queues a job (at most one queued or running per tenant: the partial unique index;
another is a 409). The ``reclassify_visits`` worker (attribution.jobs) leases a job and runs it in batches:
keyset over (visited_at, page_view_id), each batch one transaction that updates the visits, re-attributes the
orders of the visitors whose channels changed (``orders.service.rejoin_for_visits``) and saves the cursor and
the progress. A worker that dies leaves its lease to expire; the next one resumes after the last committed batch.
"""
from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from smmkit.db import UnitOfWork
from smmkit.observability import get_logger
from smmkit.pagination import PageRequest
from smmkit.problems import Conflict, NotFound

from attribution.channels import service as channels
from attribution.channels.models import Reclassification
from attribution.channels.rules import classify

log = get_logger(__name__)
ACTIVE = ("queued", "running")
_COLUMNS = ("page_view_id", "visited_at", "visitor_id", "landing_url", "referrer", "utm_source", "utm_medium",
            "utm_campaign", "click_id", "fbclid", "gclid", "ttclid", "yclid", "channel", "rules_version")


async def create(*, uow: UnitOfWork, tenant_id: uuid.UUID, since: datetime, until: datetime,
                 version: int | None) -> Reclassification:
    """Queue a job (``version`` None: the current one, fixed now); 409 while another of the tenant's is active."""
    if version is None:
        version = (await channels.current(uow=uow, tenant_id=tenant_id))["version"]
    else:
        await channels.ruleset_of(uow=uow, tenant_id=tenant_id, number=version)   # 422 if it does not exist
    table = Reclassification.__table__
    job_id = uuid.uuid4()
    created = await uow.session.scalar(
        pg_insert(table).values(id=job_id, tenant_id=tenant_id, status="queued", since=since, until=until,
                                version=version, total=None, done=0, changed=0, created_at=datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["tenant_id"], index_where=table.c.status.in_(ACTIVE))
        .returning(table.c.id))
    if created is None:
        active = await uow.session.scalar(sa.select(Reclassification.id).where(
            Reclassification.tenant_id == tenant_id, Reclassification.status.in_(ACTIVE)))
        raise Conflict("a reclassification of this tenant is already queued or running; wait for it to finish",
                       active_id=str(active) if active else None)
    log.info("reclassification queued", tenant_id=str(tenant_id), job_id=str(job_id), version=version)
    return await get(uow=uow, tenant_id=tenant_id, job_id=job_id)


async def get(*, uow: UnitOfWork, tenant_id: uuid.UUID, job_id: uuid.UUID) -> Reclassification:
    """Another tenant's job is not found."""
    row = await uow.session.scalar(sa.select(Reclassification).where(
        Reclassification.tenant_id == tenant_id, Reclassification.id == job_id).execution_options(
        populate_existing=True))
    if row is None:
        raise NotFound("no such reclassification", id=str(job_id))
    return row


async def jobs_page(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """The tenant's jobs, newest first."""
    ks = page.keyset(sa.select(Reclassification).where(Reclassification.tenant_id == tenant_id),
                     Reclassification.created_at, Reclassification.id, descending=True, scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all())


# --------------------------------------------------------------------------
# The worker


async def claim(*, uow: UnitOfWork, now: datetime, lease: timedelta, held: Collection[uuid.UUID] = (),
                tenant_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """Lease the oldest active job no live worker holds (a suspended tenant's waits; ``tenant_id``: that tenant's
    only); counts its visits when it starts."""
    query = (sa.select(Reclassification).where(
        Reclassification.status.in_(ACTIVE),
        sa.or_(Reclassification.leased_until.is_(None), Reclassification.leased_until < now))
        .order_by(Reclassification.created_at).limit(1).with_for_update(skip_locked=True))
    if held:
        query = query.where(Reclassification.tenant_id.not_in(held))
    if tenant_id is not None:
        query = query.where(Reclassification.tenant_id == tenant_id)
    job = await uow.session.scalar(query)
    if job is None:
        return None
    job.leased_until = now + lease
    if job.status == "queued":
        job.status, job.started_at = "running", now
        job.total = await uow.session.scalar(sa.text(
            "SELECT count(*) FROM attribution.visits WHERE tenant_id = :t AND visited_at >= :s AND visited_at < :u"),
            {"t": job.tenant_id, "s": job.since, "u": job.until})
        log.info("reclassification started", tenant_id=str(job.tenant_id), job_id=str(job.id), total=job.total)
    else:
        log.info("reclassification resumed", tenant_id=str(job.tenant_id), job_id=str(job.id), done=job.done)
    return job.id


_UPDATE = sa.text(
    "UPDATE attribution.visits v SET channel = x.channel, rules_version = :version "
    "FROM unnest(CAST(:ids AS text[]), CAST(:channels AS text[])) AS x(page_view_id, channel) "
    "WHERE v.tenant_id = :t AND v.page_view_id = x.page_view_id"
).bindparams(sa.bindparam("ids", type_=ARRAY(sa.Text)), sa.bindparam("channels", type_=ARRAY(sa.Text)))


async def run_batch(*, uow: UnitOfWork, job_id: uuid.UUID, size: int, now: datetime, lease: timedelta) -> bool:
    """Classify the next ``size`` visits of the job; False once the job is finished (or no longer ours)."""
    from attribution.orders import service as orders

    job = await uow.session.scalar(sa.select(Reclassification).where(Reclassification.id == job_id)
                                   .with_for_update().execution_options(populate_existing=True))
    if job is None or job.status != "running":
        return False
    ruleset = await channels.CACHE.of_version(uow.session, job.tenant_id, job.version)
    if ruleset is None:   # cannot happen (versions are never deleted but with their tenant): fail, don't loop
        return _finish(job, now, error=f"rule set version {job.version} is gone")
    after = ""
    params = {"t": job.tenant_id, "s": job.since, "u": job.until, "n": size}
    if job.cursor_visited_at is not None:
        # the index is (tenant_id, visited_at): its range starts at the cursor's time, page_view_id breaks ties
        after = "AND visited_at >= :at AND (visited_at > :at OR page_view_id > :pv) "
        params |= {"at": job.cursor_visited_at, "pv": job.cursor_page_view_id}
    rows = (await uow.session.execute(sa.text(
        f"SELECT {', '.join(_COLUMNS)} FROM attribution.visits "
        f"WHERE tenant_id = :t AND visited_at >= :s AND visited_at < :u {after}"
        "ORDER BY visited_at, page_view_id LIMIT :n"), params)).all()
    ids, new_channels, visitors, changed = [], [], set(), 0
    for row in rows:
        channel = classify(ruleset, row._mapping)[0]
        if channel != row.channel or row.rules_version != job.version:
            ids.append(row.page_view_id)
            new_channels.append(channel)
            if channel != row.channel:
                visitors.add(row.visitor_id)
                changed += 1
    if ids:
        await uow.session.execute(_UPDATE, {"t": job.tenant_id, "version": job.version, "ids": ids,
                                            "channels": new_channels})
    if visitors:   # their journeys may have changed
        await orders.rejoin_for_visits(uow=uow, tenant_id=job.tenant_id, visitor_ids=sorted(visitors))
    job.done += len(rows)
    job.changed += changed
    if rows:
        job.cursor_visited_at, job.cursor_page_view_id = rows[-1].visited_at, rows[-1].page_view_id
    if len(rows) < size:
        return _finish(job, now)
    job.leased_until = now + lease
    return True


def _finish(job: Reclassification, now: datetime, *, error: str | None = None) -> bool:
    job.status, job.finished_at, job.leased_until, job.error = ("failed" if error else "done"), now, None, error
    if job.total is not None and not error:
        job.total = max(job.total, job.done)   # visits that arrived in the range meanwhile
    log.info("reclassification finished", tenant_id=str(job.tenant_id), job_id=str(job.id), status=job.status,
             done=job.done, changed=job.changed, error=error)
    return False


async def fail(*, uow: UnitOfWork, job_id: uuid.UUID, now: datetime, error: str) -> None:
    job = await uow.session.get(Reclassification, job_id, with_for_update=True)
    if job is not None and job.status in ACTIVE:
        _finish(job, now, error=error[:500])
