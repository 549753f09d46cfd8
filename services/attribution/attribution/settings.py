from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class AttributionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATTRIBUTION_", env_file=".env", extra="ignore")

    # Clicks wait in a Redis stream and are written to PostgreSQL in batches by ``flush_clicks``.
    click_stream: str = "attribution:clicks"
    click_flush_interval_s: float = 0.2
    click_flush_batch: int = 500   # small batches keep the event loop free for redirects
    visitor_cookie: str = "smm_vid"
    visitor_cookie_max_age_s: int = 365 * 24 * 3600
    click_param: str = "smm_click"
    # The site tag (visits/): beacons wait in memory, then a Redis stream, and are written in batches.
    visit_stream: str = "attribution:visits"
    visit_flush_interval_s: float = 0.2
    visit_flush_batch: int = 500
    # Fixed one-minute windows held in Redis only (the IP is an HMAC in a key that expires, never stored).
    visit_rate_window_s: int = 60
    visit_rate_per_visitor: int = 120
    visit_rate_per_ip: int = 1200
    # Revoked site keys are checked in memory; every process reloads the list this often.
    site_key_refresh_s: float = 5.0
    # Channel rules: the visit flush classifies with each tenant's current rules, reloaded when this old.
    channel_rules_refresh_s: float = 5.0
    # Reclassification jobs: visits per batch (one transaction each), how long a worker's lease on a job lasts
    # (a crashed worker's job is resumed by another after it), and how often idle workers look for a job.
    reclassify_batch: int = 1000
    reclassify_lease_s: float = 60.0
    reclassify_interval_s: float = 1.0
    # The report rollup: dirty days are rebuilt this often, this many per transaction.
    rollup_interval_s: float = 2.0
    rollup_batch_days: int = 31
    # Weekly ROI alert and its webhook deliveries.
    roi_alert_interval_s: float = 3600.0
    webhook_delivery_interval_s: float = 1.0
    webhook_max_attempts: int = 8
    webhook_retry_base_s: float = 1.0
    webhook_timeout_s: float = 5.0
    # a new alert_webhook_secret: the previous one keeps signing beside it for this long (smmkit.webhooks)
    webhook_rotation_overlap_s: float = 86_400.0
    # the alert webhook is disabled after this many failed attempts in a row (0: never); webhook.disabled emitted
    webhook_disable_after: int = 20


@lru_cache
def get_attribution_settings() -> AttributionSettings:
    return AttributionSettings()
