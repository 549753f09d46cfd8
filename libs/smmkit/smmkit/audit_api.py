"""Reading the audit log (``smmkit.audit``): the operator for any tenant, a tenant for itself only.

Mounted on the planner, next to the rest of the operator API; the log itself is written by every service.
"""
from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request

from smmkit.audit import AuditEntry, AuditFilterDep, query
from smmkit.pagination import Page, PageDep
from smmkit.problems import NotFound
from smmkit.tenancy import TenantDep, audit_log, require_operator, tenants

router = APIRouter(tags=["audit"])


def _engine(request: Request):
    return request.app.state.runtime.db.engine


@router.get("/audit", response_model=Page[AuditEntry], summary="The tenant's own audit log, newest first")
async def tenant_audit(tenant_id: TenantDep, where: AuditFilterDep, page: PageDep, request: Request):
    return await query(engine=_engine(request), table=audit_log, tenant_id=tenant_id, where=where, page=page)


admin_router = APIRouter(tags=["operator admin"], dependencies=[Depends(require_operator)])


@admin_router.get("/admin/tenants/{tenant_id}/audit", response_model=Page[AuditEntry],
                  summary="A tenant's audit log, newest first (operator)")
async def admin_tenant_audit(tenant_id: uuid.UUID, where: AuditFilterDep, page: PageDep, request: Request):
    async with _engine(request).connect() as conn:
        if await conn.scalar(tenants.select().with_only_columns(tenants.c.id).where(tenants.c.id == tenant_id)) is None:
            raise NotFound("tenant not found")
    return await query(engine=_engine(request), table=audit_log, tenant_id=tenant_id, where=where, page=page)
