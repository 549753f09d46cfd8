from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class PlannerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANNER_", env_file=".env", extra="ignore")

    dispatch_interval_s: float = 0.2
    dispatch_batch_size: int = 500
    # A dispatched target with neither post.published nor post.failed after this long is sent again.
    sweep_after_s: float = 300.0
    sweep_interval_s: float = 10.0


@lru_cache
def get_planner_settings() -> PlannerSettings:
    return PlannerSettings()
