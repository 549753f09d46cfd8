import uuid
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

NETWORKS = ("telegram", "vk", "mastodon", "bluesky", "x", "facebook", "instagram", "linkedin", "threads")


class AccountCreate(BaseModel):
    network: str = Field(description=f"One of: {', '.join(NETWORKS)}")
    handle: str = Field(min_length=1, max_length=200)
    account_ref: str = Field(min_length=1, max_length=200, description="Channel, page id, group id or handle on the network")
    timezone: str = "UTC"
    brand_id: uuid.UUID | None = None

    @field_validator("network")
    @classmethod
    def _known_network(cls, v: str) -> str:
        if v not in NETWORKS:
            raise ValueError(f"unknown network {v!r}; expected one of {', '.join(NETWORKS)}")
        return v

    @field_validator("timezone")
    @classmethod
    def _iana_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA time zone {v!r}") from None
        return v


class AccountRead(AccountCreate):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime
