import uuid
from datetime import date, datetime
from pydantic import BaseModel, ConfigDict, Field

from metrics.polling.schemas import PollingState
from smmkit.validation import Credentials, IanaZone, Network, Ref


class CredentialsPut(BaseModel):
    network: Network
    account_ref: Ref
    credentials: Credentials = Field(default_factory=dict,
                                     description="Read tokens; stored encrypted, never returned or logged")
    timezone: IanaZone = Field("UTC", description="IANA zone of the account, for the best-time heatmap")


class AccountRead(PollingState):
    """``polling_status`` is about the account's own reads (followers); an auth failure stops its posts too."""

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
