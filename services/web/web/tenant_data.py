"""What the web app holds of a tenant, for its export and its deletion (``smmkit.offboarding``): every table with a
``tenant_id`` column is found in the metadata (sessions through their user); only exceptions are named here."""
from smmkit.offboarding import TenantData, usage_keys
from web import models


def import_keys(tenant_id) -> str:
    """Bulk-import files and job state (``web.pages.imports``)."""
    return f"smm:web:import:{tenant_id}:*"


TENANT_DATA = TenantData("web", models.Base.metadata, tenant_columns={"tenants": "id"},
                         redis_patterns=(usage_keys, import_keys))
