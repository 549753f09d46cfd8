from smmkit.db import service_base

SCHEMA = "web"
Base = service_base(SCHEMA)
