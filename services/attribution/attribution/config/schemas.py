import uuid
from datetime import datetime

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from smmkit.validation import DAY_S, MINUTE_S, ROI_ALERT_MAX_WEEKS, Link, Secret, seconds
from smmkit.webhooks import is_secret


def _standard_secret(value: str) -> str:
    if not is_secret(value):
        raise ValueError("must be whsec_ followed by the base64 of 24 to 64 random bytes (Standard Webhooks)")
    return value


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
    alert_webhook_secret: Annotated[Secret, AfterValidator(_standard_secret)] | None = Field(
        None, min_length=30, max_length=200, pattern=r"^whsec_[A-Za-z0-9+/]+={0,2}$",
        description="Write-only. A Standard Webhooks secret: whsec_ and the base64 of 24 to 64 random bytes "
                    "(smmkit.webhooks.new_secret). Setting a new one keeps the previous one signing beside it for "
                    "ATTRIBUTION_WEBHOOK_ROTATION_OVERLAP_S (a day): both verify during the overlap")

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
    alert_webhook_active: bool = Field(description="False once disabled after repeated failed deliveries "
                                                   "(ATTRIBUTION_WEBHOOK_DISABLE_AFTER); enable it again with "
                                                   "POST /settings/alert-webhook/enable")
    alert_webhook_failures: int = Field(description="Failed attempts in a row")
    alert_webhook_disabled_at: datetime | None
    alert_webhook_disabled_reason: str | None
    updated_at: datetime | None


class AlertDeliveryRead(BaseModel):
    """One ROI alert delivery: its id is the webhook-id header of every attempt."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    status: str = Field(description="pending, delivered or failed (gave up after ATTRIBUTION_WEBHOOK_MAX_ATTEMPTS)")
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    last_status_code: int | None = Field(description="The receiver's HTTP status on the last attempt")
    last_attempt_at: datetime | None
    redeliveries: int
    delivered_at: datetime | None
    failed_at: datetime | None
    created_at: datetime | None


class ShopSecretIn(BaseModel):
    secret: Secret = Field(min_length=8, max_length=500, description="The shop's webhook signing secret (write-only)")


class ShopSecretsRead(BaseModel):
    configured: list[str]
