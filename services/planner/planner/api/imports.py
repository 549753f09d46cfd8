import uuid
from typing import Literal

from fastapi import APIRouter, Query, Request, Response

from planner.api.posts import ActorDep
from planner.imports import service
from planner.imports.schemas import REQUEST_BODY
from smmkit.bodylimit import MiB, body_limit
from smmkit.deps import TenantDep, UowDep
from smmkit.plans import QUOTA_RESPONSE

router = APIRouter(prefix="/imports", tags=["bulk import"])
# A file of up to MAX_ROWS (50,000) posts, a few hundred bytes each.
IMPORT_BODY = body_limit(32 * MiB)


@router.post("/posts", status_code=201, summary="Import posts from CSV or JSON (all or nothing unless only_valid)",
             openapi_extra={**IMPORT_BODY, **REQUEST_BODY},
             responses={200: {"description": "With dry_run: every row checked and the bad ones reported; nothing "
                                             "saved"}, **QUOTA_RESPONSE})
async def import_posts(request: Request, response: Response, tenant_id: TenantDep, uow: UowDep, who: ActorDep,
                       format: Literal["csv", "json"] | None = None,
                       only_valid: bool = Query(False, description="Import the good rows, report the bad ones"),
                       brand_id: uuid.UUID | None = None,
                       dry_run: bool = Query(False, description="Check every row and report the bad ones; save "
                                                                "nothing (200)")):
    fmt = format or ("json" if "json" in request.headers.get("content-type", "") else "csv")
    result = await service.import_posts(uow=uow, tenant_id=tenant_id, content=await request.body(), fmt=fmt,
                                        only_valid=only_valid, brand_id=brand_id, actor=who, dry_run=dry_run)
    await uow.commit()
    if dry_run:
        response.status_code = 200
    return result
