from smmkit.migrate import run_env
from web.models import Base

run_env(Base.metadata, "web")
