from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class PlannerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANNER_", env_file=".env", extra="ignore")

    dispatch_interval_s: float = 0.1
    # Targets go to the publisher this long before they are due; it holds them until the due time. A
    # burst due at 9:00 is then already in the publisher's table at 9:00, instead of arriving with it
    # (10,000 post.scheduled took ~5 s to consume). Editing or cancelling is refused from then on.
    dispatch_lead_s: float = 30.0
    # One claim statement per batch (the envelopes are built in SQL), so bigger batches cost little lock time.
    dispatch_batch_size: int = 2000
    # A dispatched target with neither post.published nor post.failed after this long is sent again.
    sweep_after_s: float = 300.0
    sweep_interval_s: float = 10.0
    # Recurring posts become real posts this far ahead (lazy expansion).
    recurrence_horizon_s: float = 14 * 24 * 3600
    recurrence_interval_s: float = 60.0
    webhook_interval_s: float = 0.5
    webhook_batch_size: int = 50
    webhook_timeout_s: float = 5.0
    webhook_max_attempts: int = 8
    webhook_retry_base_s: float = 5.0
    # an endpoint is disabled after this many failed attempts in a row (0: never) and webhook.disabled emitted
    webhook_disable_after: int = 20
    # after a secret rotation the previous secret keeps signing for this long, unless the request says otherwise
    webhook_rotation_overlap_s: float = 86_400.0


@lru_cache
def get_planner_settings() -> PlannerSettings:
    return PlannerSettings()
