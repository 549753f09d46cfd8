"""What attribution holds of a tenant, for its export and its deletion (``smmkit.offboarding``): every table with a
``tenant_id`` column is found in the metadata; only exceptions are named here."""
import sqlalchemy as sa

from attribution import models
from smmkit.offboarding import TenantData


def _clicks_on_its_targets(clicks: sa.Table, tenant_id) -> sa.ColumnElement[bool]:
    """Clicks stored before their target's ``post.published`` arrived have no tenant yet, only its target."""
    targets = models.PublishedTarget.__table__
    return sa.and_(clicks.c.tenant_id.is_(None),
                   clicks.c.target_id.in_(sa.select(targets.c.target_id).where(targets.c.tenant_id == tenant_id)))


TENANT_DATA = TenantData("attribution", models.Base.metadata, also={"clicks": _clicks_on_its_targets})
