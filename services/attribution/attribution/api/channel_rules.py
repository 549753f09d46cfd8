"""Channel rules (versioned; docs/channels.md), a preview of how a visit is classified, and reclassification jobs."""
import uuid

from fastapi import APIRouter

from attribution.channels import reclassify, service
from attribution.channels.schemas import (
    PreviewIn, PreviewRead, ReclassificationIn, ReclassificationRead, RulesIn, RulesRead, Version,
)
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.pagination import Page, PageDep

router = APIRouter(tags=["channels"])


@router.get("/channel-rules", response_model=RulesRead,
            summary="The channel rules: the current version (0, the defaults, until saved), or a given one")
async def get_rules(tenant_id: TenantDep, uow: UowDep, version: Version | None = None):
    if version is None:
        return await service.current(uow=uow, tenant_id=tenant_id)
    return await service.version(uow=uow, tenant_id=tenant_id, number=version)


@router.put("/channel-rules", response_model=RulesRead, responses={409: {"description": "Saved concurrently"}},
            summary="Save the channel rules as a new version (new visits are classified by it)")
async def put_rules(body: RulesIn, tenant_id: TenantDep, uow: UowDep):
    """Visits already stored keep their channel; POST /reclassifications applies a version to a range."""
    saved = await service.save(uow=uow, tenant_id=tenant_id, rules=body.rules)
    await uow.commit()
    return saved


@router.get("/channel-rules/versions", response_model=Page[RulesRead],
            summary="The saved versions of the channel rules, newest first (one page)")
async def list_versions(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.versions_page(uow=uow, tenant_id=tenant_id, page=page)


@router.post("/channel-rules/preview", response_model=PreviewRead,
             summary="Classify a sample visit (landing URL and referrer) with the current, a given or unsaved rules")
async def preview(body: PreviewIn, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep):
    return await service.preview(uow=uow, tenant_id=tenant_id, url=body.url, referrer=body.referrer,
                                 number=body.version, rules=body.rules,
                                 click_param=runtime.service_settings.click_param)


@router.post("/reclassifications", status_code=202, response_model=ReclassificationRead,
             responses={409: {"description": "Another reclassification of the tenant is queued or running"}},
             summary="Classify the visits of a time range again, with a rule set version (a background job)")
async def create_reclassification(body: ReclassificationIn, tenant_id: TenantDep, uow: UowDep):
    job = await reclassify.create(uow=uow, tenant_id=tenant_id, since=body.since, until=body.until,
                                  version=body.version)
    await uow.commit()
    return job


@router.get("/reclassifications", response_model=Page[ReclassificationRead],
            summary="Reclassification jobs, newest first (one page)")
async def list_reclassifications(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await reclassify.jobs_page(uow=uow, tenant_id=tenant_id, page=page)


@router.get("/reclassifications/{job_id}", response_model=ReclassificationRead,
            summary="A reclassification job and its progress (done of total)")
async def get_reclassification(job_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await reclassify.get(uow=uow, tenant_id=tenant_id, job_id=job_id)
