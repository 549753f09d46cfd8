from smmkit.db import service_base

SCHEMA = "metrics"
Base = service_base(SCHEMA)
