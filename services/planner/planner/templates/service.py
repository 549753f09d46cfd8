"""Templates for recurring formats: a post created from one takes whatever it does not set itself."""
import uuid

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from planner.templates.models import Template
from planner.templates.schemas import TemplateCreate
from smmkit.pagination import PageRequest
from smmkit.problems import Conflict, NotFound


async def create(*, session: AsyncSession, tenant_id: uuid.UUID, template_in: TemplateCreate) -> Template:
    data = template_in.model_dump()
    data["links"] = [str(u) for u in template_in.links]
    tpl = Template(tenant_id=tenant_id, **data)
    session.add(tpl)
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict(f"a template named {template_in.name!r} exists") from None
    return tpl


async def get(*, session: AsyncSession, tenant_id: uuid.UUID, template_id: uuid.UUID) -> Template:
    tpl = await session.scalar(select(Template).where(Template.tenant_id == tenant_id, Template.id == template_id))
    if tpl is None:
        raise NotFound(f"template {template_id} not found")
    return tpl


async def list_page(*, session: AsyncSession, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's templates, by name."""
    ks = page.keyset(select(Template).where(Template.tenant_id == tenant_id), Template.name, Template.id,
                     scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())


async def remove(*, session: AsyncSession, tenant_id: uuid.UUID, template_id: uuid.UUID) -> None:
    result = await session.execute(delete(Template).where(Template.tenant_id == tenant_id, Template.id == template_id))
    if not result.rowcount:
        raise NotFound(f"template {template_id} not found")


def fill(tpl: Template, fields: dict) -> dict:
    """The post's own fields win; empty ones come from the template."""
    out = dict(fields)
    for key in ("text", "pillar", "campaign", "language"):
        out[key] = out.get(key) or getattr(tpl, key)
    for key in ("media", "links"):
        out[key] = out.get(key) or list(getattr(tpl, key))
    return out
