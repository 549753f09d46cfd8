from smmkit.db import service_base

SCHEMA = "publisher"
Base = service_base(SCHEMA)
