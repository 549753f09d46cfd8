"""What attribution holds of a tenant, for its export and its deletion (``smmkit.offboarding``): every table with a
``tenant_id`` column is found in the metadata; only exceptions are named here."""
import sqlalchemy as sa

from attribution import models
from attribution.clicks.models import forgotten_digest
from smmkit.offboarding import TenantData


def _clicks_on_its_targets(clicks: sa.Table, tenant_id) -> sa.ColumnElement[bool]:
    """Clicks stored before their target's ``post.published`` arrived have no tenant yet, only its target."""
    targets = models.PublishedTarget.__table__
    return sa.and_(clicks.c.tenant_id.is_(None),
                   clicks.c.target_id.in_(sa.select(targets.c.target_id).where(targets.c.tenant_id == tenant_id)))


async def _forget_its_targets(uow, tenant_id) -> None:
    """Its tracked links keep redirecting (posts already out must not break) but record no click any more."""
    await uow.session.execute(sa.text(
        "INSERT INTO attribution.forgotten_targets (target_digest) "
        f"SELECT {forgotten_digest('target_id')} FROM attribution.published_targets WHERE tenant_id = :tenant_id "
        "ON CONFLICT DO NOTHING"), {"tenant_id": tenant_id})


TENANT_DATA = TenantData(
    "attribution", models.Base.metadata, also={"clicks": _clicks_on_its_targets}, before_delete=_forget_its_targets,
    no_tenant_data={"forgotten_targets": "digests of deleted tenants' targets, so their links record no click; "
                                         "no id of a tenant or target"})
