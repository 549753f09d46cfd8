from datetime import datetime

from pydantic import BaseModel, Field

from smmkit.validation import DAY_S, MINUTE_S, ROI_ALERT_MAX_WEEKS, Link, Secret, seconds


class ConfigUpdate(BaseModel):
    """Only the fields given change; null puts a setting back to its default."""

    click_window_s: seconds(at_least=MINUTE_S, at_most=90 * DAY_S,
                            description="Click window; inclusive at both ends (default 7 days)") | None = None
    half_life_s: seconds(at_least=MINUTE_S, at_most=365 * DAY_S,
                         description="Time-decay half-life (default 7 days, at most a year)") | None = None
    gross_margin_bp: int | None = Field(None, ge=0, le=10_000,
                                        description="Gross margin in basis points of revenue, for ROI (default 100 %)")
    roi_alert_weeks: int | None = Field(None, ge=1, le=ROI_ALERT_MAX_WEEKS, description="Alert after this many weeks of ROI < 0")
    alert_webhook_url: Link | None = None
    alert_webhook_secret: Secret | None = Field(None, min_length=16, max_length=200, description="Write-only")

    def model_dump(self, **kw):
        data = super().model_dump(**kw)
        if data.get("alert_webhook_url") is not None:
            data["alert_webhook_url"] = str(data["alert_webhook_url"])
        return data


class ConfigRead(BaseModel):
    click_window_s: int
    half_life_s: int
    gross_margin_bp: int | None
    roi_alert_weeks: int
    alert_webhook_url: str | None
    alert_webhook_secret_set: bool
    updated_at: datetime | None


class ShopSecretIn(BaseModel):
    secret: Secret = Field(min_length=8, max_length=500, description="The shop's webhook signing secret (write-only)")


class ShopSecretsRead(BaseModel):
    configured: list[str]
