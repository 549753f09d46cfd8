from smmkit.db import service_base

SCHEMA = "attribution"
Base = service_base(SCHEMA)
