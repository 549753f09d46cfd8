from metrics.models import Base
from smmkit.migrate import run_env

run_env(Base.metadata, "metrics")
