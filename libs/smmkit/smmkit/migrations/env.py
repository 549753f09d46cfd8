from smmkit.migrate import run_env
import smmkit.offboarding  # noqa: F401 - its tenant_deletions table is in the tenancy schema
from smmkit.tenancy import metadata

run_env(metadata, "tenancy")
