"""What the metrics holds of a tenant, for its export and its deletion (``smmkit.offboarding``): every table with a
``tenant_id`` column is found in the metadata; only exceptions are named here."""
from metrics import models
from smmkit.offboarding import TenantData

TENANT_DATA = TenantData("metrics", models.Base.metadata)
