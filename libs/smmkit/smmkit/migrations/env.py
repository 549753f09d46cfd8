from smmkit.migrate import run_env
from smmkit.tenancy import metadata

run_env(metadata, "tenancy")
