import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from smmkit.settings import REAL_NETWORK_BASE_URLS


class CredentialsPut(BaseModel):
    network: str
    account_ref: str = Field(min_length=1)
    credentials: dict[str, str] = Field(default_factory=dict,
                                        description="Read tokens; stored encrypted, never returned or logged")
    timezone: str = Field("UTC", description="IANA zone of the account, for the best-time heatmap")

    @field_validator("network")
    @classmethod
    def _known_network(cls, value: str) -> str:
        if value not in REAL_NETWORK_BASE_URLS:
            raise ValueError(f"unknown network {value!r}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value


class AccountRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    account_id: uuid.UUID
    network: str
    account_ref: str
    timezone: str
    updated_at: datetime


class FollowerPointRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    day: date
    followers: int | None
    observed_at: datetime


class FollowerSeries(BaseModel):
    account_id: uuid.UUID
    points: list[FollowerPointRead]
