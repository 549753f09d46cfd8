from smmkit.db import service_base

SCHEMA = "planner"
Base = service_base(SCHEMA)
