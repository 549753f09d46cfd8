from datetime import datetime

from pydantic import BaseModel, Field, HttpUrl


class ConfigUpdate(BaseModel):
    click_window_s: int | None = Field(None, ge=60, le=90 * 24 * 3600,
                                       description="Click window; inclusive at both ends (default 7 days)")
    half_life_s: int | None = Field(None, ge=60, le=365 * 24 * 3600,
                                    description="Time-decay half-life (default 7 days, at most a year)")
    gross_margin_bp: int | None = Field(None, ge=0, le=10_000,
                                        description="Gross margin in basis points of revenue, for ROI (default 100 %)")
    roi_alert_weeks: int | None = Field(None, ge=1, le=52, description="Alert after this many weeks of ROI < 0")
    alert_webhook_url: HttpUrl | None = None
    alert_webhook_secret: str | None = Field(None, min_length=16, max_length=200, description="Write-only")

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
    secret: str = Field(min_length=8, max_length=500, description="The shop's webhook signing secret (write-only)")


class ShopSecretsRead(BaseModel):
    configured: list[str]
