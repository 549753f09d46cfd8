import uuid

from fastapi import APIRouter

from planner.accounts.schemas import AccountRead
from planner.brands import service
from planner.brands.schemas import (
    BrandCreate, BrandRead, BrandUpdate, CampaignCreate, CampaignRead, PillarRead, PillarsReplace,
)
from smmkit.deps import TenantDep, UowDep
from smmkit.pagination import Page, PageDep

router = APIRouter(tags=["brands, campaigns, pillars"])


@router.post("/brands", status_code=201, response_model=BrandRead, summary="Create a brand")
async def create_brand(body: BrandCreate, tenant_id: TenantDep, uow: UowDep):
    brand = await service.create_brand(session=uow.session, tenant_id=tenant_id, brand_in=body)
    await uow.commit()
    return brand


@router.get("/brands", response_model=Page[BrandRead], summary="List brands, oldest first (one page)")
async def list_brands(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.list_brands(session=uow.session, tenant_id=tenant_id, page=page)


@router.get("/brands/{brand_id}", response_model=BrandRead, summary="Get a brand")
async def get_brand(brand_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get_brand(session=uow.session, tenant_id=tenant_id, brand_id=brand_id)


@router.patch("/brands/{brand_id}", response_model=BrandRead, summary="Rename; turn approval on or off")
async def update_brand(brand_id: uuid.UUID, body: BrandUpdate, tenant_id: TenantDep, uow: UowDep):
    brand = await service.update_brand(session=uow.session, tenant_id=tenant_id, brand_id=brand_id, brand_in=body)
    await uow.commit()
    return brand


@router.get("/brands/{brand_id}/accounts", response_model=Page[AccountRead],
            summary="List a brand's accounts, oldest first (one page)")
async def brand_accounts(brand_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.brand_accounts(session=uow.session, tenant_id=tenant_id, brand_id=brand_id, page=page)


@router.post("/campaigns", status_code=201, response_model=CampaignRead, summary="Create a campaign")
async def create_campaign(body: CampaignCreate, tenant_id: TenantDep, uow: UowDep):
    campaign = await service.create_campaign(session=uow.session, tenant_id=tenant_id, campaign_in=body)
    await uow.commit()
    return campaign


@router.get("/campaigns", response_model=Page[CampaignRead], summary="List campaigns by start day (one page)")
async def list_campaigns(tenant_id: TenantDep, uow: UowDep, page: PageDep):
    return await service.list_campaigns(session=uow.session, tenant_id=tenant_id, page=page)


@router.get("/campaigns/{campaign_id}", response_model=CampaignRead, summary="Get a campaign")
async def get_campaign(campaign_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep):
    return await service.get_campaign(session=uow.session, tenant_id=tenant_id, campaign_id=campaign_id)


@router.get("/pillars", response_model=list[PillarRead], summary="Content pillars (default: engage, warm_up, sell)")
async def list_pillars(tenant_id: TenantDep, uow: UowDep):
    pillars = await service.list_pillars(session=uow.session, tenant_id=tenant_id)
    await uow.commit()
    return pillars


@router.put("/pillars", response_model=list[PillarRead], summary="Replace the tenant's pillars (shares add to 100)")
async def replace_pillars(body: PillarsReplace, tenant_id: TenantDep, uow: UowDep):
    pillars = await service.replace_pillars(session=uow.session, tenant_id=tenant_id, pillars_in=body)
    await uow.commit()
    return pillars
