"""Brands (workspaces), campaigns with a date range, and content pillars with their target share."""
import uuid
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from planner.accounts.models import Account
from planner.brands.models import Brand, Campaign, Pillar
from planner.brands.schemas import BrandCreate, BrandUpdate, CampaignCreate, PillarsReplace
from smmkit.pagination import PageRequest
from smmkit.problems import Conflict, DomainError, NotFound

# The funnel every tenant starts with: engage → warm up → sell.
DEFAULT_PILLARS = (("engage", 50), ("warm_up", 30), ("sell", 20))


async def create_brand(*, session: AsyncSession, tenant_id: uuid.UUID, brand_in: BrandCreate) -> Brand:
    brand = Brand(tenant_id=tenant_id, **brand_in.model_dump())
    session.add(brand)
    await session.flush()
    return brand


async def get_brand(*, session: AsyncSession, tenant_id: uuid.UUID, brand_id: uuid.UUID) -> Brand:
    brand = await session.scalar(select(Brand).where(Brand.tenant_id == tenant_id, Brand.id == brand_id))
    if brand is None:
        raise NotFound(f"brand {brand_id} not found")
    return brand


async def update_brand(*, session: AsyncSession, tenant_id: uuid.UUID, brand_id: uuid.UUID,
                       brand_in: BrandUpdate) -> Brand:
    brand = await get_brand(session=session, tenant_id=tenant_id, brand_id=brand_id)
    for k, v in brand_in.model_dump(exclude_none=True).items():
        setattr(brand, k, v)
    await session.flush()
    return brand


async def list_brands(*, session: AsyncSession, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's brands, oldest first."""
    ks = page.keyset(select(Brand).where(Brand.tenant_id == tenant_id), Brand.created_at, Brand.id, scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())


async def brand_accounts(*, session: AsyncSession, tenant_id: uuid.UUID, brand_id: uuid.UUID,
                         page: PageRequest) -> dict:
    """One page of a brand's accounts, oldest first."""
    await get_brand(session=session, tenant_id=tenant_id, brand_id=brand_id)
    ks = page.keyset(select(Account).where(Account.tenant_id == tenant_id, Account.brand_id == brand_id),
                     Account.created_at, Account.id, scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())


def brand_of(accounts, brand_id: uuid.UUID | None) -> uuid.UUID | None:
    """The post's brand: the one asked for, else the one its accounts share. Accounts of another brand, or of
    several brands, are refused (so a post cannot slip past a brand's approval by leaving the brand out)."""
    brands = {a.brand_id for a in accounts if a.brand_id is not None}
    if brand_id is not None:
        if brands - {brand_id}:
            raise DomainError("an account belongs to another brand", rule="brand", brand_id=str(brand_id))
        return brand_id
    if len(brands) > 1:
        raise DomainError("the accounts belong to different brands: plan one post per brand", rule="brand")
    return next(iter(brands), None)


async def approval_required(*, session: AsyncSession, tenant_id: uuid.UUID, brand_id: uuid.UUID | None) -> bool:
    if brand_id is None:
        return False
    return (await get_brand(session=session, tenant_id=tenant_id, brand_id=brand_id)).approval_required


async def create_campaign(*, session: AsyncSession, tenant_id: uuid.UUID, campaign_in: CampaignCreate) -> Campaign:
    if campaign_in.brand_id:
        await get_brand(session=session, tenant_id=tenant_id, brand_id=campaign_in.brand_id)
    campaign = Campaign(tenant_id=tenant_id, **campaign_in.model_dump())
    session.add(campaign)
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict(f"a campaign named {campaign_in.name!r} exists") from None
    return campaign


async def list_campaigns(*, session: AsyncSession, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's campaigns, by start day."""
    ks = page.keyset(select(Campaign).where(Campaign.tenant_id == tenant_id), Campaign.starts_on, Campaign.id,
                     scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())


async def get_campaign(*, session: AsyncSession, tenant_id: uuid.UUID, campaign_id: uuid.UUID) -> Campaign:
    c = await session.scalar(select(Campaign).where(Campaign.tenant_id == tenant_id, Campaign.id == campaign_id))
    if c is None:
        raise NotFound(f"campaign {campaign_id} not found")
    return c


async def campaign_ranges(*, session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, tuple[date, date]]:
    rows = await session.execute(select(Campaign.name, Campaign.starts_on, Campaign.ends_on)
                                 .where(Campaign.tenant_id == tenant_id))
    return {name: (s, e) for name, s, e in rows}


async def list_pillars(*, session: AsyncSession, tenant_id: uuid.UUID) -> list[Pillar]:
    """The tenant's pillars; the default funnel is written on first use."""
    rows = list(await session.scalars(select(Pillar).where(Pillar.tenant_id == tenant_id).order_by(Pillar.position)))
    if rows:
        return rows
    rows = [Pillar(tenant_id=tenant_id, name=n, target_share_pct=s, position=i)
            for i, (n, s) in enumerate(DEFAULT_PILLARS)]
    session.add_all(rows)
    try:
        await session.flush()
    except IntegrityError:  # another request seeded them first
        await session.rollback()
        return list(await session.scalars(select(Pillar).where(Pillar.tenant_id == tenant_id).order_by(Pillar.position)))
    return rows


async def replace_pillars(*, session: AsyncSession, tenant_id: uuid.UUID, pillars_in: PillarsReplace) -> list[Pillar]:
    await session.execute(delete(Pillar).where(Pillar.tenant_id == tenant_id))
    rows = [Pillar(tenant_id=tenant_id, name=p.name, target_share_pct=p.target_share_pct, position=i)
            for i, p in enumerate(pillars_in.pillars)]
    session.add_all(rows)
    await session.flush()
    return rows


async def pillar_names(*, session: AsyncSession, tenant_id: uuid.UUID) -> set[str]:
    return {p.name for p in await list_pillars(session=session, tenant_id=tenant_id)}


def check_pillar_and_campaign(*, pillar: str | None, campaign: str | None, pillars: set[str],
                              campaigns: dict[str, tuple[date, date]], local_day: date) -> list[tuple[str, str]]:
    """(rule, reason) for an unknown pillar, or a day outside a known campaign's range."""
    out = []
    if pillar is not None and pillar not in pillars:
        out.append(("pillar", f"unknown pillar {pillar!r}; defined: {', '.join(sorted(pillars))}"))
    if campaign is not None and campaign in campaigns:
        start, end = campaigns[campaign]
        if not start <= local_day <= end:
            out.append(("campaign_range", f"campaign {campaign!r} runs {start}..{end}, not on {local_day}"))
    return out


def raise_if(problems: list[tuple[str, str]], ref: str) -> None:
    if problems:
        raise DomainError(f"{ref}: {problems[0][1]}", violations=[
            {"target": ref, "rule": r, "detail": d} for r, d in problems])
