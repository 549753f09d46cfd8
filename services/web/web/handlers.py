"""What the web app does with consumed events: only a tenant's deletion."""
from smmkit.offboarding import deletion_handler
from web.tenant_data import TENANT_DATA

on_tenant_deletion_requested = deletion_handler(TENANT_DATA)
